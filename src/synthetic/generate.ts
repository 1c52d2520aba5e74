// Deterministic synthetic organisations for tests, the demo and benchmarks: directory, daily rollups, interaction
// edges and coverage, with the named scenarios (the seed case, a team holiday, a new joiner, no message data).
// People work on the working days of the tenant's calendar (weekends, public holidays and 调休 included), are away on
// their leave days, and each person-day draws from its own seeded stream: the same calendar day has the same numbers
// whatever day the organisation ends on, so scoring the demo on consecutive days sees one world, a day apart.
import { addDays, daysBetween, dayRange } from '../core/time.js';
import { METRIC_CLASS, ROLLUP_METRICS, SIGNAL_CLASSES, type MetricSums } from '../core/scoring/types.js';
import { WEEKDAYS_ONLY, type CalendarLike } from '../core/scoring/window.js';
import { createRandom, draw, pick } from './random.js';
import type {
  SyntheticCases,
  SyntheticCoverage,
  SyntheticEdge,
  SyntheticEmployee,
  SyntheticOrganisation,
  SyntheticRole,
  SyntheticRollup,
  SyntheticTenant,
} from './types.js';

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

const GIVEN = [
  'Wei',
  'Fang',
  'Min',
  'Jing',
  'Lei',
  'Yan',
  'Jun',
  'Hui',
  'Tao',
  'Ying',
  'Qiang',
  'Xiu',
  'Bo',
  'Lan',
  'Hao',
  'Mei',
  'Gang',
  'Ping',
  'Chen',
  'Rui',
];
const FAMILY = [
  'Wang',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Gao',
];

/** Per-working-day rates of an ordinary employee (× a personal activity level). */
const BASE_RATES: Partial<MetricSums> = {
  msgs_team: 12,
  msgs_dm: 8,
  msgs_group: 4,
  msgs_cross_team: 2,
  thread_replies_to_others: 3,
  distinct_collaborators: 5,
  helps_given: 0.6,
  helps_received: 0.6,
  kudos_given: 0.3,
  kudos_received: 0.3,
  tasks_done: 1,
  tasks_late: 0.08,
  tasks_open: 0.2,
  team_projects: 0.48,
  resource_shares: 0.32,
};
const MESSAGE_METRICS = ROLLUP_METRICS.filter((metric) => METRIC_CLASS[metric] === 'message');

interface Person {
  employee: SyntheticEmployee;
  level: number;
  role: 'member' | 'manager' | 'seed' | 'joiner';
  lastDay: string;
  plan: TeamPlan;
}

const zeroSums = (): MetricSums => Object.fromEntries(ROLLUP_METRICS.map((m) => [m, 0])) as MetricSums;

export function generateOrganisation(seed: number, spec: OrganisationSpec): SyntheticOrganisation {
  const random = createRandom(seed);
  const startDay = addDays(spec.endDay, -(spec.weeks * 7) + 1);
  const recentStart = addDays(spec.endDay, -13);
  const messageCoverage = spec.messageCoverage !== false;
  const cases: SyntheticCases = {};
  const people: Person[] = [];
  const usedNames = new Set<string>();
  const name = (): string => {
    for (;;) {
      const candidate = `${pick(random, FAMILY)} ${pick(random, GIVEN)}`;
      if (!usedNames.has(candidate)) {
        usedNames.add(candidate);
        return candidate;
      }
    }
  };
  const domain = `${spec.tenant.slug}.example`;

  for (const plan of spec.teams) {
    const managerId = `${plan.externalId}-mgr`;
    const managerLeft = plan.managerLeftDaysAgo !== undefined ? addDays(spec.endDay, -plan.managerLeftDaysAgo) : null;
    const members: Person[] = [];
    const add = (externalId: string, displayName: string, role: Person['role'], hireDate: string, level: number) => {
      const isManager = role === 'manager';
      const left = isManager && managerLeft !== null;
      members.push({
        employee: {
          externalId,
          displayName,
          email: `${externalId}@${domain}`,
          teamExternalId: plan.externalId,
          managerExternalId: isManager ? null : managerId,
          hireDate,
          status: left ? 'left' : 'active',
          leftAt: left ? `${managerLeft}T10:00:00.000Z` : null,
        },
        level,
        role,
        lastDay: left ? managerLeft! : spec.endDay,
        plan,
      });
    };
    add(managerId, name(), 'manager', addDays(startDay, -700 - Math.floor(random() * 700)), 1);
    const ordinary = plan.size - 1 - (plan.seedCase ? 1 : 0) - (plan.newJoiner ? 1 : 0);
    for (let i = 1; i <= ordinary; i++) {
      // Tenure spread: most have years; a few sit in the 3–12-month band.
      const tenureDays = random() < 0.2 ? 100 + Math.floor(random() * 250) : 400 + Math.floor(random() * 2000);
      add(
        `${plan.externalId}-${String(i).padStart(2, '0')}`,
        name(),
        'member',
        addDays(spec.endDay, -tenureDays),
        0.8 + 0.4 * random(),
      );
    }
    if (plan.seedCase) {
      usedNames.add('Li Na');
      add('li.na', 'Li Na', 'seed', addDays(spec.endDay, -60), 1.3);
      cases.seedCase = 'li.na';
      cases.seedCaseTeam = plan.externalId;
      if (managerLeft) cases.departedManager = managerId;
    }
    if (plan.newJoiner) {
      add(`${plan.externalId}-new`, name(), 'joiner', addDays(spec.endDay, -20), 1);
      cases.newJoiner = `${plan.externalId}-new`;
    }
    if (plan.hr) {
      add(`${plan.externalId}-hr`, name(), 'member', addDays(spec.endDay, -900), 1);
      cases.hr = `${plan.externalId}-hr`;
    }
    if (plan.holiday) cases.holidayTeam = plan.externalId;
    people.push(...members);
  }

  const rollups: SyntheticRollup[] = [];
  const edges: SyntheticEdge[] = [];
  const classTotals = new Map<string, number>();
  const byTeam = new Map<string, Person[]>();
  for (const person of people) {
    const list = byTeam.get(person.plan.externalId) ?? [];
    list.push(person);
    byTeam.set(person.plan.externalId, list);
  }

  const calendar = spec.calendar ?? WEEKDAYS_ONLY;
  const dayKey = (day: string) => daysBetween('2000-01-01', day);
  for (const person of people) {
    const personSeed = seed ^ hash(person.employee.externalId);
    const first = person.employee.hireDate > startDay ? person.employee.hireDate : startDay;
    const teammates = (byTeam.get(person.plan.externalId) ?? []).filter((p) => p !== person);
    const seedLeave =
      person.role === 'seed' ? seedLeaveDays(calendar, first, recentStart, spec.endDay) : new Set<string>();
    const accumulators = new Map<string, number>();
    const exact = (key: string, rate: number): number => {
      const before = accumulators.get(key) ?? 0;
      const after = before + rate;
      accumulators.set(key, after);
      return Math.floor(after + 1e-9) - Math.floor(before + 1e-9);
    };
    for (const day of dayRange(first, person.lastDay)) {
      // One stream per person and calendar day (see the header).
      const personRandom = createRandom(personSeed ^ Math.imul(dayKey(day) + 1, 2654435761));
      const working = calendar.isWorkingDay(day);
      const sums = zeroSums();
      const inHoliday = isInWindow(day, spec.endDay, person.plan.holiday);
      const afterManagerLeft =
        person.plan.managerLeftDaysAgo !== undefined && day > addDays(spec.endDay, -person.plan.managerLeftDaysAgo);
      if (working) {
        // Leave first: a person on leave does not work (half a day of leave, half the activity).
        if (person.role === 'seed') {
          if (seedLeave.has(day)) sums.leave_personal_days = 1;
        } else {
          const u = personRandom();
          if (inHoliday && personRandom() < 0.3) sums.leave_annual_days = 1;
          else if (u < 0.025) sums.leave_annual_days = 1;
          else if (u < 0.035) sums.leave_sick_days = 1;
          else if (u < 0.04) sums.leave_personal_days = 0.5;
        }
        const away = sums.leave_annual_days + sums.leave_sick_days + sums.leave_personal_days;
        const present = 1 - Math.min(1, away);
        if (person.role === 'seed') seedDay(sums, day >= recentStart, (key, rate) => exact(key, rate * present));
        else if (present > 0) {
          let factor = person.level * (inHoliday ? person.plan.holiday!.factor : 1) * (afterManagerLeft ? 0.95 : 1);
          if (person.role === 'manager') factor *= 1.1;
          for (const metric of ROLLUP_METRICS) {
            const rate = BASE_RATES[metric];
            if (rate !== undefined)
              sums[metric] = draw(
                personRandom,
                rate *
                  present *
                  (metric.startsWith('tasks') || metric === 'team_projects' || metric === 'resource_shares'
                    ? person.level
                    : factor),
              );
          }
          if (person.plan.sales) sums.crm_followups = draw(personRandom, 3 * person.level * present);
          if (personRandom() < 0.02) sums.late_arrivals = 1;
        }
        if (person.role === 'seed' && person.plan.sales) sums.crm_followups = exact('crm', 3.5 * present);
        sums.leave_events = away > 0 ? 1 : 0;
      }
      if (!messageCoverage) for (const metric of MESSAGE_METRICS) sums[metric] = 0;
      if (ROLLUP_METRICS.some((m) => sums[m] !== 0)) {
        rollups.push({ employeeExternalId: person.employee.externalId, day, ...sums });
        for (const metric of ROLLUP_METRICS) {
          const cls = classOf(metric);
          classTotals.set(`${cls}|${day}`, (classTotals.get(`${cls}|${day}`) ?? 0) + sums[metric]);
        }
      }
      // Interaction edges: messages to up to distinct_collaborators teammates (capped to keep the data small).
      if (messageCoverage && working && teammates.length > 0) {
        const peers = Math.min(3, sums.distinct_collaborators, teammates.length);
        const chosen = new Set<string>();
        for (let i = 0; i < peers; i++) {
          const peer = pick(personRandom, teammates);
          if (peer.lastDay < day || peer.employee.hireDate > day || chosen.has(peer.employee.externalId)) continue;
          chosen.add(peer.employee.externalId);
          edges.push({
            fromExternalId: person.employee.externalId,
            toExternalId: peer.employee.externalId,
            day,
            count: 1 + Math.floor(personRandom() * 3),
          });
        }
      }
    }
  }

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
 * The seed case, day by day: a top rep whose baseline is steady and who, in the recent fortnight, writes 65% less in
 * the team channel (and elsewhere), stops helping (5/week → 0) and talks to fewer people; projects, resource sharing
 * and kudos received stay steady (collaboration ≈85 → ≈60). Exact accumulators instead of noise keep her numbers on
 * target: per working day present she helps exactly once, so her baseline is exactly 5.0 a week.
 */
function seedDay(sums: MetricSums, recent: boolean, exact: (key: string, rate: number) => number): void {
  const m = recent ? SEED_RECENT_ACTIVITY : 1;
  sums.msgs_team = exact('msgs_team', 16 * m);
  sums.msgs_dm = exact('msgs_dm', 10 * m);
  sums.msgs_group = exact('msgs_group', 5 * m);
  sums.msgs_cross_team = exact('msgs_cross', 3 * m);
  sums.thread_replies_to_others = exact('replies', 4 * m);
  sums.distinct_collaborators = exact('collab', recent ? 3 : 7);
  sums.helps_given = recent ? 0 : exact('helps', 1);
  sums.helps_received = exact('helped', 0.4);
  sums.kudos_received = exact('kudos_r', 0.32);
  sums.kudos_given = exact('kudos_g', recent ? 0 : 0.3);
  sums.team_projects = exact('projects', 0.48);
  sums.resource_shares = exact('resources', 0.32);
  sums.tasks_done = exact('tasks', 1.2);
  sums.tasks_late = exact('late_tasks', recent ? 0.1 : 0.05);
}

/** The seed rep's recent activity against her baseline (−65%). */
const SEED_RECENT_ACTIVITY = 0.35;

/**
 * The seed rep's personal leave, whole days on working days: three spread over her baseline (about one every two
 * weeks) and 30% of the recent fortnight's working days (3 of 10; 2 when a public holiday leaves fewer), so her
 * leave clearly exceeds what her baseline predicts, whatever the weekday.
 */
function seedLeaveDays(calendar: CalendarLike, first: string, recentStart: string, endDay: string): Set<string> {
  const baseline = dayRange(first, addDays(recentStart, -1)).filter((d) => calendar.isWorkingDay(d));
  const recent = dayRange(recentStart, endDay).filter((d) => calendar.isWorkingDay(d));
  const spread = (days: string[], count: number) =>
    Array.from(
      { length: Math.min(count, days.length) },
      (_, i) => days[Math.floor(((i + 0.5) * days.length) / count)]!,
    );
  return new Set([
    ...spread(baseline, 3),
    ...spread(recent, Math.max(2, Math.min(3, Math.round(recent.length * 0.3)))),
  ]);
}

function isInWindow(day: string, endDay: string, holiday: TeamPlan['holiday']): boolean {
  if (!holiday) return false;
  const start = addDays(endDay, -holiday.startDaysAgo);
  return day >= start && day < addDays(start, holiday.days);
}

function classOf(metric: string): string {
  if (metric.startsWith('msgs') || metric === 'thread_replies_to_others' || metric === 'distinct_collaborators')
    return 'message';
  if (metric.startsWith('leave')) return 'leave';
  if (metric === 'absences_unexcused' || metric === 'late_arrivals' || metric === 'early_leaves') return 'attendance';
  if (metric.startsWith('tasks')) return 'task';
  if (metric === 'crm_followups') return 'crm';
  if (metric.startsWith('helps')) return 'help';
  if (metric.startsWith('kudos')) return 'kudos';
  if (metric === 'team_projects') return 'project';
  return 'resource';
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
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
