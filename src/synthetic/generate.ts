// Deterministic synthetic organisations for tests, the demo and benchmarks: directory, daily rollups, interaction
// edges and coverage, with the named scenarios (the seed case, a team holiday, a new joiner, no message data).
// People work on the working days of the tenant's calendar (weekends, public holidays and 调休 included), are away on
// their leave days, and each person-day draws from its own seeded stream: the same calendar day has the same numbers
// whatever day the organisation ends on, so scoring the demo on consecutive days sees one world, a day apart.
import { addDays, dayRange } from '../core/time.js';
import { SIGNAL_CLASSES } from '../core/scoring/types.js';
import { type CalendarLike } from '../core/scoring/window.js';
import { createRandom } from './random.js';
import { staffTeams } from './staff.js';
import { simulateActivity } from './activity.js';
import type { SyntheticCoverage, SyntheticOrganisation, SyntheticRole, SyntheticTenant } from './types.js';

export interface TeamPlan {
  externalId: string;
  name: string;
  /** Members including the manager (member 0). */
  size: number;
  /** Sales teams log CRM follow-ups. */
  sales?: boolean;
  /** The team's manager left this many days before endDay (the seed: 21). */
  managerLeftDaysAgo?: number;
  /** Everyone goes quiet together: messages and helps × factor, annual leave taken, for `days` days. */
  holiday?: { startDaysAgo: number; days: number; factor: number };
  /** Put the seed case (Li Na) in this team. */
  seedCase?: boolean;
  /** Add a new joiner with 3 weeks of data. */
  newJoiner?: boolean;
  /** Add the tenant's HR person to this team. */
  hr?: boolean;
}

export interface OrganisationSpec {
  tenant: SyntheticTenant;
  /** Last day with data (usually the as-of day to score). */
  endDay: string;
  weeks: number;
  teams: TeamPlan[];
  /** false ⇒ the platform delivers no message metadata (no 'message' coverage, message counts zero). */
  messageCoverage?: boolean;
  /** Source name of message metadata. */
  messageSource?: string;
  /** Working days of the tenant (default Monday–Friday): nobody works on other days. */
  calendar?: CalendarLike;
}

export function generateOrganisation(seed: number, spec: OrganisationSpec): SyntheticOrganisation {
  const random = createRandom(seed);
  const startDay = addDays(spec.endDay, -(spec.weeks * 7) + 1);
  const recentStart = addDays(spec.endDay, -13);
  const messageCoverage = spec.messageCoverage !== false;
  const { people, cases } = staffTeams(random, spec, startDay);
  const { rollups, classTotals, edges } = simulateActivity(seed, spec, people, {
    startDay,
    recentStart,
    messageCoverage,
  });

  const coverage: SyntheticCoverage[] = [];
  const classes = SIGNAL_CLASSES;
  // Like ingestion: a class is covered on the days it had events (a quiet weekend is no delivery).
  for (const day of dayRange(startDay, spec.endDay)) {
    for (const cls of classes) {
      if (cls === 'message' && !messageCoverage) continue;
      const events = Math.round(classTotals.get(`${cls}|${day}`) ?? 0);
      if (events === 0) continue;
      coverage.push({
        source: cls === 'message' ? (spec.messageSource ?? 'slack') : 'hr-api',
        signalClass: cls,
        day,
        events,
      });
    }
  }

  const roles: SyntheticRole[] = people
    .filter((p) => p.role === 'manager' && p.employee.status === 'active')
    .map((p) => ({
      employeeExternalId: p.employee.externalId,
      role: 'manager',
      scopeTeamExternalId: p.plan.externalId,
    }));
  if (cases.hr) roles.push({ employeeExternalId: cases.hr, role: 'hr', scopeTeamExternalId: null });

  return {
    tenant: spec.tenant,
    startDay,
    endDay: spec.endDay,
    teams: spec.teams.map((t) => ({ externalId: t.externalId, name: t.name })),
    employees: people.map((p) => p.employee),
    identities: people.map((p) => ({
      employeeExternalId: p.employee.externalId,
      platform: 'console',
      platformUserId: p.employee.externalId,
    })),
    roles,
    rollups,
    edges,
    coverage,
    cases,
  };
}

/**
 * "Demo Co": 4 teams, ~40 people, 12 weeks — the seed case in Sales East whose manager left 3 weeks ago, and a quiet
 * holiday week in Customer Success six weeks back. A tenant in China (region CN): pass its calendar so nobody works on
 * public holidays and everybody works on the make-up days. The demo (src/app/demo) calls this.
 */
export function generateDemoOrganisation(
  seed: number,
  options: { endDay: string; weeks?: number; locale?: 'zh-CN' | 'en'; calendar?: CalendarLike },
): SyntheticOrganisation {
  return generateOrganisation(seed, {
    tenant: {
      slug: 'demo-co',
      name: 'Demo Co',
      locale: options.locale ?? 'zh-CN',
      timezone: 'Asia/Shanghai',
      region: 'CN',
    },
    endDay: options.endDay,
    weeks: options.weeks ?? 12,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    teams: [
      { externalId: 'sales-east', name: 'Sales East', size: 10, sales: true, managerLeftDaysAgo: 21, seedCase: true },
      { externalId: 'engineering', name: 'Engineering', size: 11, newJoiner: true },
      {
        externalId: 'customer-success',
        name: 'Customer Success',
        size: 10,
        holiday: { startDaysAgo: 42, days: 7, factor: 0.4 },
      },
      { externalId: 'operations', name: 'Operations', size: 9, hr: true },
    ],
  });
}
