// The demo's leavers, so the exit and accuracy reports have something real to compute: three more people left in the
// last months — two of them after weeks of pulling back (less chat, no helping, personal leave) and one without any
// warning — and one colleague had a dip and stayed. Every leaver gets a departure record with a reason code, and the
// months before today are scored every other week (as the daily schedule would have, more sparsely) before the departures are recorded,
// so the stored history holds what teampulse would have flagged at the time.
import { addDays } from '../../core/time.js';
import type { SyntheticOrganisation } from '../../synthetic/index.js';

export interface DemoLeaver {
  externalId: string;
  /** Days before endDay the person left. */
  leftDaysAgo: number;
  /** Days before endDay the pull-back started (none: left without warning). */
  declineDaysAgo?: number;
  reasonCode: string;
  note?: string;
}

export const DEMO_LEAVERS: readonly DemoLeaver[] = [
  {
    externalId: 'engineering-03',
    leftDaysAgo: 17,
    declineDaysAgo: 45,
    reasonCode: 'growth',
    note: 'offer with a lead role',
  },
  { externalId: 'customer-success-04', leftDaysAgo: 52, declineDaysAgo: 80, reasonCode: 'workload' },
  { externalId: 'operations-02', leftDaysAgo: 75, reasonCode: 'relocation' },
];

/** A stayer who pulled back for three weeks and recovered (an alert that was not followed by a departure). */
export const DEMO_DIP = { externalId: 'engineering-05', fromDaysAgo: 100, toDaysAgo: 79 } as const;

/** Reason codes of the leavers the generator and the team downturn already made. */
export const EARLIER_LEAVER_REASONS: Record<string, { reasonCode: string; note?: string }> = {
  manager: { reasonCode: 'growth', note: 'moved to another company as sales director' },
  quitter: { reasonCode: 'manager' },
};

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** Applies the leavers and the dip to the organisation's data (pure). */
export function withLeavers(org: SyntheticOrganisation): SyntheticOrganisation {
  const present = new Set(org.employees.map((e) => e.externalId));
  const leavers = DEMO_LEAVERS.filter((l) => present.has(l.externalId));
  const byId = new Map(leavers.map((l) => [l.externalId, l]));
  const leftOn = (l: DemoLeaver) => addDays(org.endDay, -l.leftDaysAgo);
  const employees = org.employees.map((e) => {
    const l = byId.get(e.externalId);
    return l ? { ...e, status: 'left' as const, leftAt: `${leftOn(l)}T04:00:00.000Z` } : e;
  });
  const rollups = org.rollups
    .filter((r) => {
      const l = byId.get(r.employeeExternalId);
      return !l || r.day <= leftOn(l);
    })
    .map((r) => {
      const l = byId.get(r.employeeExternalId);
      const declining =
        (l?.declineDaysAgo !== undefined && r.day >= addDays(org.endDay, -l.declineDaysAgo)) ||
        (r.employeeExternalId === DEMO_DIP.externalId &&
          r.day >= addDays(org.endDay, -DEMO_DIP.fromDaysAgo) &&
          r.day <= addDays(org.endDay, -DEMO_DIP.toDaysAgo));
      if (!declining) return r;
      const scale = (value: number, factor: number) => Math.round(value * factor);
      // One working day in three on personal leave; otherwise a third of the chat, no helping, fewer people.
      if (r.msgs_team > 0 && hash(`${r.employeeExternalId}|${r.day}`) % 3 === 0)
        return {
          ...r,
          ...Object.fromEntries(
            Object.keys(r)
              .filter((k) => typeof r[k as keyof typeof r] === 'number')
              .map((k) => [k, 0]),
          ),
          leave_personal_days: 1,
          leave_events: 1,
        };
      return {
        ...r,
        msgs_team: scale(r.msgs_team, 0.3),
        msgs_dm: scale(r.msgs_dm, 0.4),
        msgs_group: scale(r.msgs_group, 0.3),
        msgs_cross_team: scale(r.msgs_cross_team, 0.4),
        thread_replies_to_others: scale(r.thread_replies_to_others, 0.2),
        distinct_collaborators: scale(r.distinct_collaborators, 0.4),
        helps_given: 0,
        kudos_given: 0,
      };
    });
  const edges = org.edges.filter((e) => {
    const from = byId.get(e.fromExternalId);
    const to = byId.get(e.toExternalId);
    return (!from || e.day <= leftOn(from)) && (!to || e.day <= leftOn(to));
  });
  return { ...org, employees, rollups, edges };
}
