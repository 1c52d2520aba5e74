// The demo's story beyond the generator's seed case: after the sales manager left, the rest of the team pulled
// back too — fewer team messages, almost no helping or kudos, fewer colleagues talking to each other, a few
// unexplained absences, and a second colleague who quit. That is what turns the team's atmosphere negative, so
// the newcomer sees the HR warning (with "appoint an interim coordinator") next to the seed rep's alert.
// Pure data transform on the generator's output; the seed rep's own trajectory is left exactly as generated.
import { addDays } from '../../core/time.js';
import type { SyntheticOrganisation } from '../../synthetic/index.js';

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

export function withTeamDownturn(org: SyntheticOrganisation): SyntheticOrganisation {
  const teamId = org.cases.seedCaseTeam;
  const departed = org.employees.find((e) => e.externalId === org.cases.departedManager);
  if (!teamId || !departed?.leftAt) return org;
  const since = departed.leftAt.slice(0, 10);
  const spared = new Set([org.cases.seedCase, org.cases.departedManager]);
  const members = org.employees.filter(
    (e) => e.teamExternalId === teamId && e.status === 'active' && !spared.has(e.externalId),
  );
  if (members.length < 3) return org;

  // One more person quit the team five weeks ago.
  const quitter = members[members.length - 1]!;
  const quitDay = addDays(org.endDay, -35);
  const employees = org.employees.map((e) =>
    e.externalId === quitter.externalId ? { ...e, status: 'left' as const, leftAt: `${quitDay}T04:00:00.000Z` } : e,
  );
  const stayers = new Set(members.slice(0, -1).map((e) => e.externalId));
  const absentDays = new Map(
    members
      .slice(0, -1)
      .filter((_, i) => i % 2 === 0)
      .map((e) => [e.externalId, addDays(org.endDay, -(1 + (hash(e.externalId) % 10)))]),
  );
  const inTeam = new Set(org.employees.filter((e) => e.teamExternalId === teamId).map((e) => e.externalId));

  const rollups = org.rollups
    .filter((r) => r.employeeExternalId !== quitter.externalId || r.day <= quitDay)
    .map((r) => {
      if (!stayers.has(r.employeeExternalId) || r.day <= since) return r;
      const scale = (value: number, factor: number) => Math.round(value * factor);
      // Every other person has one unexplained absence in the last two weeks (on a working day).
      const absent = absentDays.get(r.employeeExternalId) === r.day && r.msgs_team > 0;
      return {
        ...r,
        msgs_team: scale(r.msgs_team, 0.85),
        msgs_group: scale(r.msgs_group, 0.85),
        thread_replies_to_others: scale(r.thread_replies_to_others, 0.7),
        distinct_collaborators: scale(r.distinct_collaborators, 0.6),
        helps_given: scale(r.helps_given, 0.1),
        helps_received: scale(r.helps_received, 0.2),
        kudos_given: scale(r.kudos_given, 0.1),
        kudos_received: scale(r.kudos_received, 0.2),
        resource_shares: scale(r.resource_shares, 0.3),
        absences_unexcused: r.absences_unexcused + (absent ? 1 : 0),
      };
    });
  // Colleagues stop talking to each other: three in four pairs inside the team go silent after the departure.
  const edges = org.edges.filter((e) => {
    if (e.fromExternalId === quitter.externalId || e.toExternalId === quitter.externalId) return e.day <= quitDay;
    if (e.day <= since || !inTeam.has(e.fromExternalId) || !inTeam.has(e.toExternalId)) return true;
    const pair = [e.fromExternalId, e.toExternalId].sort().join('|');
    return hash(pair) % 4 === 0;
  });
  return { ...org, employees, rollups, edges };
}
