// The same history gives the same verdict whichever weekday it is scored on: a steady person (hired 28–70 days
// before the as-of day, one leave day every four weeks) scored as of 7 consecutive days — on ordinary weeks, across
// Spring Festival 2026 with its make-up Saturday (调休, region CN) and across Christmas (region GB). Also: the
// person's own leave days and messages on days off do not change what a working day is expected to hold.
import { describe, expect, it } from 'vitest';
import { loadCalendar, MONDAY_TO_FRIDAY, type WorkingCalendar } from '../../src/core/calendar/index.js';
import {
  DEFAULT_RULE_SET,
  emptySums,
  FEATURE_NAMES,
  personRates,
  scoreEmployee,
  scoringDays,
  scoringWindow,
  type CoverageDays,
  type MetricSums,
} from '../../src/core/scoring/index.js';
import { addDays, dayRange } from '../../src/core/time.js';

/** Per working day present; whole numbers so every window holds exact multiples. */
const PER_DAY: Partial<MetricSums> = {
  msgs_team: 10,
  msgs_dm: 6,
  msgs_group: 3,
  msgs_cross_team: 2,
  thread_replies_to_others: 2,
  distinct_collaborators: 4,
  helps_given: 1,
  kudos_received: 1,
  tasks_done: 2,
  crm_followups: 3,
  team_projects: 1,
  resource_shares: 1,
};

/**
 * The person's rollups day by day: works every working day from the hire date; with `leaveEvery`, one day of
 * personal leave every that many working days (counted from the hire date, so its place in the window moves).
 */
function history(
  calendar: WorkingCalendar,
  hire: string,
  to: string,
  leaveEvery?: number,
  leaveOn: readonly string[] = [],
): Map<string, MetricSums> {
  const days = new Map<string, MetricSums>();
  let workingIndex = 0;
  for (const day of dayRange(hire, to)) {
    if (!calendar.isWorkingDay(day)) continue;
    workingIndex += 1;
    const sums = emptySums();
    if (leaveOn.includes(day)) sums.leave_personal_days = 1;
    else if (leaveEvery && workingIndex % leaveEvery === Math.floor(leaveEvery / 2)) sums.leave_personal_days = 1;
    else for (const [metric, value] of Object.entries(PER_DAY)) sums[metric as keyof MetricSums] = value!;
    days.set(day, sums);
  }
  return days;
}

/** Extra facts of one case: the person's own leave days; days off on which the tenant delivered a message anyway. */
interface Extra {
  leaveOn?: readonly string[];
  messagesOnDaysOff?: readonly string[];
}

function scoreAsOf(
  calendar: WorkingCalendar,
  asOf: string,
  hireDaysBefore: number | string,
  leaveEvery?: number,
  extra: Extra = {},
) {
  const window = scoringWindow(asOf);
  const hire = typeof hireDaysBefore === 'string' ? hireDaysBefore : addDays(asOf, -hireDaysBefore);
  const rows = history(calendar, hire, asOf, leaveEvery, extra.leaveOn);
  const recent = emptySums();
  const baseline = emptySums();
  let firstDataDay: string | null = null;
  for (const [day, sums] of rows) {
    if (day < window.baselineStart) continue;
    firstDataDay ??= day;
    const target = day >= window.recentStart ? recent : baseline;
    for (const metric of Object.keys(sums) as (keyof MetricSums)[]) target[metric] += sums[metric];
  }
  // The tenant (many people) delivers every class on every working day.
  const working = dayRange(window.baselineStart, asOf).filter((d) => calendar.isWorkingDay(d));
  const coverage: CoverageDays = Object.fromEntries(
    ['message', 'help', 'kudos', 'task', 'crm', 'project', 'resource', 'leave', 'attendance'].map((c) => [c, working]),
  );
  if (extra.messagesOnDaysOff) coverage.message = [...working, ...extra.messagesOnDaysOff].sort();
  const rates = personRates(
    { hireDate: hire, firstDataDay, recent, baseline },
    scoringDays(window, calendar, coverage),
  );
  return scoreEmployee(
    rates,
    null,
    { hireDate: hire, managerLeftOn: null, managerChangedOn: null, peersLeft90d: 0 },
    window,
    DEFAULT_RULE_SET,
  );
}

/** Scores the person hired `h` days before each of 7 consecutive as-of days; every feature within ±0.5, same level. */
function expectStableWeek(calendar: WorkingCalendar, firstAsOf: string) {
  for (let h = 28; h <= 70; h++) {
    const week = Array.from({ length: 7 }, (_, i) => scoreAsOf(calendar, addDays(firstAsOf, i), h));
    const first = week[0]!;
    week.forEach((result, i) => {
      const label = `hired ${h} days before ${addDays(firstAsOf, i)}`;
      expect(result.status, label).toBe(first.status);
      expect(result.riskLevel, label).toBe(first.riskLevel);
      for (const name of FEATURE_NAMES) {
        const a = first.features[name];
        const b = result.features[name];
        if (a === null || b === null) expect(b, `${label}: ${name}`).toBe(a);
        else expect(Math.abs(a - b), `${label}: ${name} ${a} vs ${b}`).toBeLessThanOrEqual(0.5);
      }
    });
    if (h >= 42) {
      // Long enough a history to be scored: a steady person is steady.
      expect(first.status, `hired ${h} days before`).toBe('scored');
      expect(first.riskLevel).toBe('low');
      expect(first.features.helps_per_week_baseline).toBe(5);
      expect(first.features.team_msgs_change_pct).toBe(0);
      expect(first.features.helps_recent).toBe(10);
    }
  }
}

describe('the verdict does not depend on the weekday', () => {
  it('ordinary weeks, Monday to Friday', () => {
    const plain = {
      isWorkingDay: (d: string) => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
      workingDaysPerWeek: 5,
    } as WorkingCalendar;
    expectStableWeek(plain, '2026-11-23');
    expectStableWeek(plain, '2026-06-03');
  });

  it('across Spring Festival 2026 and its make-up Saturdays (CN)', async () => {
    const cn = await loadCalendar({ region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY }, '2025-10-01', '2026-04-30');
    expect(cn.isWorkingDay('2026-02-14')).toBe(true); // the data this test is about
    expectStableWeek(cn, '2026-02-13'); // the holiday enters the recent window
    expectStableWeek(cn, '2026-02-24'); // the holiday and both make-up Saturdays inside it
    expectStableWeek(cn, '2026-03-09'); // the holiday in the baseline
  });

  it('across Christmas (GB)', async () => {
    const gb = await loadCalendar({ region: 'GB', workingWeekdays: MONDAY_TO_FRIDAY }, '2026-09-01', '2027-02-28');
    expect(gb.isWorkingDay('2026-12-28')).toBe(false);
    expectStableWeek(gb, '2026-12-22');
    expectStableWeek(gb, '2027-01-04');
  });
});

describe('leave by the day', () => {
  it('one leave day every four weeks is no leave change on any of 28 consecutive days, and never a reason', () => {
    const plain = {
      isWorkingDay: (d: string) => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
      workingDaysPerWeek: 5,
    } as WorkingCalendar;
    const levels = new Set<string | null>();
    const leaveDays = new Set<number | null>();
    for (let i = 0; i < 28; i++) {
      const result = scoreAsOf(plain, addDays('2026-11-02', i), '2025-06-02', 20);
      expect(result.features.leave_change_pct, `day ${i}`).toBe(0);
      expect(result.features.personal_leave_change_pct, `day ${i}`).toBe(0);
      expect(result.reasons.map((r) => r.code).filter((c) => c.includes('leave'))).toEqual([]);
      levels.add(result.riskLevel);
      leaveDays.add(result.features.leave_days_recent);
    }
    expect([...levels]).toEqual(['low']);
    // The test is not vacuous: some fortnights hold the leave day and some do not.
    expect([...leaveDays].sort()).toEqual([0, 1]);
  });
});

/** The features that measure what a person does at work (not leave, tenure or history length). */
const ACTIVITY_FEATURES = [
  'team_msgs_change_pct',
  'activity_change_pct',
  'collaborators_change_pct',
  'helps_recent',
  'helps_per_week_baseline',
  'helps_change_pct',
  'crm_change_pct',
] as const;

describe('expected working days', () => {
  const plain = {
    isWorkingDay: (d: string) => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    workingDaysPerWeek: 5,
  } as WorkingCalendar;
  const asOf = '2026-11-27'; // recent window: Mon 16 – Fri 27 November

  it("the person's own leave days are not expected working days for activity: 3 days off is no activity drop", () => {
    const steady = scoreAsOf(plain, asOf, '2025-06-02');
    const onLeave = scoreAsOf(plain, asOf, '2025-06-02', undefined, {
      leaveOn: ['2026-11-18', '2026-11-19', '2026-11-20'],
    });
    expect(onLeave.features.leave_days_recent).toBe(3);
    expect(onLeave.detail.recentAvailableDays).toBe(7);
    for (const name of ACTIVITY_FEATURES) {
      expect(steady.features[name], name).not.toBeNull();
      // Counted over all 10 working days, 7 days of work would read as −30%.
      expect(onLeave.features[name], name).toBe(steady.features[name]);
    }
    expect(onLeave.features.team_msgs_change_pct).toBe(0);
  });

  it('a message delivered on a day off (one weekend message anywhere) does not make that day expected', () => {
    const steady = scoreAsOf(plain, asOf, '2025-06-02');
    const weekendMessages = scoreAsOf(plain, asOf, '2025-06-02', undefined, {
      messagesOnDaysOff: ['2026-10-10', '2026-11-21', '2026-11-22'],
    });
    for (const name of FEATURE_NAMES) expect(weekendMessages.features[name], name).toBe(steady.features[name]);
    expect(weekendMessages.detail.recentWorkingDays).toBe(10);
  });
});
