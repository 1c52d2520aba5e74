// A synthetic person's days: leave, activity and interaction edges per working day, each person-day drawn from its own
// seeded stream (see generate.ts), and the seed case's exact story (seedDay, seedLeaveDays).
import { addDays, daysBetween, dayRange } from '../core/time.js';
import { METRIC_CLASS, ROLLUP_METRICS, type MetricSums } from '../core/scoring/types.js';
import { WEEKDAYS_ONLY, type CalendarLike } from '../core/scoring/window.js';
import { createRandom, draw, pick, type Random } from './random.js';
import type { OrganisationSpec, TeamPlan } from './generate.js';
import type { Person } from './staff.js';
import type { SyntheticEdge, SyntheticRollup } from './types.js';

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

const zeroSums = (): MetricSums => Object.fromEntries(ROLLUP_METRICS.map((m) => [m, 0])) as MetricSums;

export interface SimulatedActivity {
  rollups: SyntheticRollup[];
  edges: SyntheticEdge[];
  /** Events per `${signalClass}|${day}`: what coverage reports. */
  classTotals: Map<string, number>;
}

/** Every person's days from their first (hire or start) to their last. */
export function simulateActivity(
  seed: number,
  spec: OrganisationSpec,
  people: readonly Person[],
  window: { startDay: string; recentStart: string; messageCoverage: boolean },
): SimulatedActivity {
  const sim: Simulation = {
    seed,
    spec,
    ...window,
    calendar: spec.calendar ?? WEEKDAYS_ONLY,
    out: { rollups: [], edges: [], classTotals: new Map<string, number>() },
  };
  const byTeam = new Map<string, Person[]>();
  for (const person of people) {
    const list = byTeam.get(person.plan.externalId) ?? [];
    list.push(person);
    byTeam.set(person.plan.externalId, list);
  }
  for (const person of people) {
    simulatePerson(
      sim,
      person,
      (byTeam.get(person.plan.externalId) ?? []).filter((p) => p !== person),
    );
  }
  return sim.out;
}

interface Simulation {
  readonly seed: number;
  readonly spec: OrganisationSpec;
  readonly startDay: string;
  readonly recentStart: string;
  readonly messageCoverage: boolean;
  readonly calendar: CalendarLike;
  readonly out: SimulatedActivity;
}

/** Adds to an exact running total and returns the whole units it crossed (the seed case's steady numbers). */
type Exact = (key: string, rate: number) => number;

function simulatePerson(sim: Simulation, person: Person, teammates: readonly Person[]): void {
  const { spec, startDay, recentStart, calendar } = sim;
  const personSeed = sim.seed ^ hash(person.employee.externalId);
  const first = person.employee.hireDate > startDay ? person.employee.hireDate : startDay;
  const seedLeave =
    person.role === 'seed' ? seedLeaveDays(calendar, first, recentStart, spec.endDay) : new Set<string>();
  const accumulators = new Map<string, number>();
  const exact: Exact = (key, rate) => {
    const before = accumulators.get(key) ?? 0;
    const after = before + rate;
    accumulators.set(key, after);
    return Math.floor(after + 1e-9) - Math.floor(before + 1e-9);
  };
  for (const day of dayRange(first, person.lastDay)) {
    // One stream per person and calendar day (see the header).
    const personRandom = createRandom(personSeed ^ Math.imul(dayKey(day) + 1, 2654435761));
    const working = calendar.isWorkingDay(day);
    const sums = working ? workingDaySums(sim, person, day, personRandom, seedLeave.has(day), exact) : zeroSums();
    if (!sim.messageCoverage) for (const metric of MESSAGE_METRICS) sums[metric] = 0;
    recordDay(sim.out, person, day, sums);
    if (sim.messageCoverage && working && teammates.length > 0) {
      addEdges(sim.out.edges, person, teammates, day, sums.distinct_collaborators, personRandom);
    }
  }
}

const dayKey = (day: string) => daysBetween('2000-01-01', day);

/** A working day's sums. Leave first: a person on leave does not work (half a day of leave, half the activity). */
function workingDaySums(
  sim: Simulation,
  person: Person,
  day: string,
  personRandom: Random,
  seedLeaveDay: boolean,
  exact: Exact,
): MetricSums {
  const sums = zeroSums();
  const inHoliday = isInWindow(day, sim.spec.endDay, person.plan.holiday);
  if (person.role === 'seed') {
    if (seedLeaveDay) sums.leave_personal_days = 1;
  } else {
    const u = personRandom();
    if (inHoliday && personRandom() < 0.3) sums.leave_annual_days = 1;
    else if (u < 0.025) sums.leave_annual_days = 1;
    else if (u < 0.035) sums.leave_sick_days = 1;
    else if (u < 0.04) sums.leave_personal_days = 0.5;
  }
  const away = sums.leave_annual_days + sums.leave_sick_days + sums.leave_personal_days;
  const present = 1 - Math.min(1, away);
  if (person.role === 'seed') seedDay(sums, day >= sim.recentStart, (key, rate) => exact(key, rate * present));
  else if (present > 0) drawActivity(sums, sim, person, day, inHoliday, present, personRandom);
  if (person.role === 'seed' && person.plan.sales) sums.crm_followups = exact('crm', 3.5 * present);
  sums.leave_events = away > 0 ? 1 : 0;
  return sums;
}

/** An ordinary person's activity on a day present: base rates × their level, a team holiday, a manager gone. */
function drawActivity(
  sums: MetricSums,
  sim: Simulation,
  person: Person,
  day: string,
  inHoliday: boolean,
  present: number,
  personRandom: Random,
): void {
  const afterManagerLeft =
    person.plan.managerLeftDaysAgo !== undefined && day > addDays(sim.spec.endDay, -person.plan.managerLeftDaysAgo);
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

/** A day with any activity becomes a rollup row, and its events count towards each class's coverage of the day. */
function recordDay(out: SimulatedActivity, person: Person, day: string, sums: MetricSums): void {
  if (!ROLLUP_METRICS.some((m) => sums[m] !== 0)) return;
  out.rollups.push({ employeeExternalId: person.employee.externalId, day, ...sums });
  for (const metric of ROLLUP_METRICS) {
    const cls = classOf(metric);
    out.classTotals.set(`${cls}|${day}`, (out.classTotals.get(`${cls}|${day}`) ?? 0) + sums[metric]);
  }
}

/** Interaction edges: messages to up to distinct_collaborators teammates (capped to keep the data small). */
function addEdges(
  edges: SyntheticEdge[],
  person: Person,
  teammates: readonly Person[],
  day: string,
  collaborators: number,
  personRandom: Random,
): void {
  const peers = Math.min(3, collaborators, teammates.length);
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
