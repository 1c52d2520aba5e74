// Features of one employee: the recent window against the person's own baseline, as per-week rates computed per
// *expected working day* of the tenant's calendar over exactly the span each sum covers (weekends, public holidays
// and days off are not expected; make-up working days are). Activity metrics leave out the person's own leave days.
// Messages flow daily, so they count only working days on which the platform delivered messages at all; a class
// with no delivery is null ("no data"), never a drop. Message drops are corrected for the team's own drop.
import { daysBetween } from '../time.js';
import { emptySums, type ScoringDays, type ScoringWindow } from './window.js';
import {
  METRIC_CLASS,
  ROLLUP_METRICS,
  type Features,
  type MetricSums,
  type RollupMetric,
  type SignalClass,
} from './types.js';

export interface EmployeeAggregates {
  hireDate: string | null;
  /** Earliest day with a rollup row in [baselineStart, asOf]; used when the hire date is unknown. */
  firstDataDay: string | null;
  /** Sums over [recentStart, asOf]. */
  recent: MetricSums;
  /** Sums over [max(baselineStart, hire date), baselineEnd] — the same span the baseline rates divide by. */
  baseline: MetricSums;
}

/** Expected working days of one window: all of them, and those the person was not on leave. */
export interface WindowDays {
  working: number;
  available: number;
}

/** Per-week rates of one person in both windows, null for a metric without data (or too few days to measure). */
export interface PersonRates {
  recent: Record<RollupMetric, number | null>;
  baseline: Record<RollupMetric, number | null>;
  /** Calendar weeks of history before the recent window (capped at the baseline window): 6.7 means 47 days. */
  baselineWeeks: number;
  recentDays: WindowDays;
  baselineDays: WindowDays;
  /** Working days per week of the tenant: counts = per-week rate ÷ perWeek × days. */
  perWeek: number;
  sufficient: boolean;
  /** Any rollup row in the window at all; false ⇒ status no_data. */
  hasData: boolean;
  /** Signal classes without coverage in one of the windows. */
  missing: SignalClass[];
}

/** Classes delivered every working day, normalised by the working days they were delivered on. */
const DENSE_CLASSES: ReadonlySet<SignalClass> = new Set(['message']);
/** Classes that measure what a person does at work: their own leave days are not expected working days. */
const PRESENCE_CLASSES: ReadonlySet<SignalClass> = new Set(['leave', 'attendance']);
/** Fewer expected working days than this in a window (e.g. a fortnight on leave) ⇒ activity is not measured. */
export const MIN_AVAILABLE_DAYS = 3;
/** A baseline of fewer working days than this is no baseline, however many calendar weeks it spans. */
export const MIN_BASELINE_WORKING_DAYS = 10;
const LEAVE_METRICS: readonly RollupMetric[] = [
  'leave_personal_days',
  'leave_sick_days',
  'leave_annual_days',
  'leave_other_days',
];
const CLASSES: readonly SignalClass[] = [...new Set(Object.values(METRIC_CLASS))];

export function personRates(input: EmployeeAggregates, days: ScoringDays): PersonRates {
  const { window } = days;
  const known = input.hireDate ?? input.firstDataDay;
  const baseFrom = known === null ? window.recentStart : known > window.baselineStart ? known : window.baselineStart;
  const baselineCalendarDays = Math.max(0, daysBetween(baseFrom, window.recentStart));
  const leave = (sums: MetricSums) => LEAVE_METRICS.reduce((total, m) => total + sums[m], 0);
  const recentWorking = days.working(window.recentStart, window.asOf);
  const baselineWorking = baselineCalendarDays > 0 ? days.working(baseFrom, window.baselineEnd) : 0;
  const recentDays = { working: recentWorking, available: Math.max(0, recentWorking - leave(input.recent)) };
  const baselineDays = { working: baselineWorking, available: Math.max(0, baselineWorking - leave(input.baseline)) };

  // Denominators per class, once per person (not per metric).
  const denominators = new Map<SignalClass, { recent: number; baseline: number } | null>();
  const missing: SignalClass[] = [];
  for (const cls of CLASSES) {
    const presence = PRESENCE_CLASSES.has(cls);
    const recentBase = presence ? recentDays.working : recentDays.available;
    const baselineBase = presence ? baselineDays.working : baselineDays.available;
    if (DENSE_CLASSES.has(cls)) {
      const recentCovered = days.coveredWorking(cls, window.recentStart, window.asOf);
      const baselineCovered = baselineCalendarDays > 0 ? days.coveredWorking(cls, baseFrom, window.baselineEnd) : 0;
      if (recentCovered === 0 || baselineCovered === 0) {
        denominators.set(cls, null);
        missing.push(cls);
        continue;
      }
      // Covered working days, less the person's leave in proportion (exact when every working day is covered).
      denominators.set(cls, {
        recent: recentWorking ? (recentCovered * recentBase) / recentWorking : 0,
        baseline: baselineWorking ? (baselineCovered * baselineBase) / baselineWorking : 0,
      });
      continue;
    }
    // HR records are sparse: one delivered day anywhere in the lookback means "connected", and a fortnight in which
    // nobody took leave is a real zero, not "no data".
    if (baselineCalendarDays === 0 || !days.delivered(cls, window.baselineStart, window.asOf)) {
      denominators.set(cls, null);
      missing.push(cls);
      continue;
    }
    denominators.set(cls, { recent: recentBase, baseline: baselineBase });
  }

  const recent = {} as Record<RollupMetric, number | null>;
  const baseline = {} as Record<RollupMetric, number | null>;
  const perWeek = days.perWeek;
  const rate = (sum: number, denominator: number) =>
    denominator >= MIN_AVAILABLE_DAYS ? (sum / denominator) * perWeek : null;
  for (const metric of ROLLUP_METRICS) {
    const d = denominators.get(METRIC_CLASS[metric]);
    recent[metric] = d ? rate(input.recent[metric], d.recent) : null;
    baseline[metric] = d ? rate(input.baseline[metric], d.baseline) : null;
  }
  const baselineWeeks = baselineCalendarDays / 7;
  return {
    recent,
    baseline,
    baselineWeeks,
    recentDays,
    baselineDays,
    perWeek,
    sufficient: baselineWeeks >= window.minBaselineWeeks && baselineDays.available >= MIN_BASELINE_WORKING_DAYS,
    hasData: input.firstDataDay !== null,
    missing: missing.sort(),
  };
}

/** A count in a window back from its per-week rate (rate ÷ perWeek × the days it was divided by). */
export const countOf = (ratePerWeek: number, perWeek: number, days: number) => (ratePerWeek / perWeek) * days;

const EXTRA = [
  'baselineWeeks',
  'recentWorking',
  'recentAvailable',
  'baselineWorking',
  'baselineAvailable',
  'perWeek',
  'flags',
] as const;

/**
 * Everyone's rates in one growable Float64Array (2 × 24 rates + 7 numbers per person, NaN = no data): 100k people
 * take ~44 MB in a single allocation instead of 100k objects or 100k small buffers.
 */
export class RatesStore {
  private values = new Float64Array(0);
  private missing = new Map<number, SignalClass[]>();
  private count = 0;
  private capacity = 0;
  private static readonly WIDTH = ROLLUP_METRICS.length * 2 + EXTRA.length;

  constructor(expected = 1024) {
    this.grow(Math.max(1, expected));
  }

  get size(): number {
    return this.count;
  }

  private grow(capacity: number): void {
    const values = new Float64Array(capacity * RatesStore.WIDTH);
    values.set(this.values);
    this.values = values;
    this.capacity = capacity;
  }

  /** Stores a person's rates; returns the index to read them back with. */
  push(rates: PersonRates): number {
    if (this.count >= this.capacity) this.grow(this.capacity * 2);
    const index = this.count++;
    const base = index * RatesStore.WIDTH;
    const n = ROLLUP_METRICS.length;
    ROLLUP_METRICS.forEach((metric, i) => {
      this.values[base + i] = rates.recent[metric] ?? Number.NaN;
      this.values[base + n + i] = rates.baseline[metric] ?? Number.NaN;
    });
    const extra = base + 2 * n;
    this.values.set(
      [
        rates.baselineWeeks,
        rates.recentDays.working,
        rates.recentDays.available,
        rates.baselineDays.working,
        rates.baselineDays.available,
        rates.perWeek,
        (rates.sufficient ? 1 : 0) + (rates.hasData ? 2 : 0),
      ],
      extra,
    );
    if (rates.missing.length) this.missing.set(index, rates.missing);
    return index;
  }

  get(index: number): PersonRates {
    const base = index * RatesStore.WIDTH;
    const n = ROLLUP_METRICS.length;
    const recent = {} as Record<RollupMetric, number | null>;
    const baseline = {} as Record<RollupMetric, number | null>;
    ROLLUP_METRICS.forEach((metric, i) => {
      const r = this.values[base + i]!;
      const b = this.values[base + n + i]!;
      recent[metric] = Number.isNaN(r) ? null : r;
      baseline[metric] = Number.isNaN(b) ? null : b;
    });
    const x = (i: number) => this.values[base + 2 * n + i]!;
    const flags = x(6);
    return {
      recent,
      baseline,
      baselineWeeks: x(0),
      recentDays: { working: x(1), available: x(2) },
      baselineDays: { working: x(3), available: x(4) },
      perWeek: x(5),
      sufficient: (flags & 1) === 1,
      hasData: (flags & 2) === 2,
      missing: this.missing.get(index) ?? [],
    };
  }
}

/**
 * Summed per-week rates of a team's members with enough history (leave-one-out happens per person), and per metric
 * how many members it sums (a member without a measurable rate — on leave all fortnight — does not count as zero).
 */
export interface TeamReference {
  members: number;
  counts: MetricSums;
  recent: MetricSums;
  baseline: MetricSums;
}

export function emptyTeamReference(): TeamReference {
  return { members: 0, counts: emptySums(), recent: emptySums(), baseline: emptySums() };
}

const inReference = (rates: PersonRates) => rates.sufficient && rates.hasData;
const measured = (rates: PersonRates, metric: RollupMetric) =>
  rates.recent[metric] !== null && rates.baseline[metric] !== null;

export function addToTeamReference(ref: TeamReference, rates: PersonRates): void {
  if (!inReference(rates)) return;
  ref.members += 1;
  for (const metric of ROLLUP_METRICS) {
    if (!measured(rates, metric)) continue;
    ref.counts[metric] += 1;
    ref.recent[metric] += rates.recent[metric]!;
    ref.baseline[metric] += rates.baseline[metric]!;
  }
}

export interface EmployeeContext {
  hireDate: string | null;
  managerLeftOn: string | null;
  managerChangedOn: string | null;
  peersLeft90d: number;
  /** Survey seam: share of pulse surveys answered, when the survey capability exists. */
  surveyParticipationPct?: number | null;
}

/** Numbers behind the features, kept for the reasons ("−60% vs your 6.7-week baseline; −50% after the team's −20%"). */
export interface FeatureDetail {
  teamMsgsRawChangePct: number | null;
  teamMsgsTeamChangePct: number | null;
  activityRawChangePct: number | null;
  activityTeamChangePct: number | null;
  helpsBaselinePerWeek: number | null;
  helpsRecentPerWeek: number | null;
  helpsRawChangePct: number | null;
  helpsTeamChangePct: number | null;
  /** Leave in the recent window and what the baseline rate predicts for its working days (weighted: by type). */
  personalLeaveDays: number | null;
  personalLeaveExpectedDays: number | null;
  weightedLeaveDays: number | null;
  weightedLeaveExpectedDays: number | null;
  collaborationBaseline: number | null;
  /** Expected working days of the recent window, and those the person was not on leave. */
  recentWorkingDays: number;
  recentAvailableDays: number;
  baselineWorkingDays: number;
  missing: SignalClass[];
}

const ACTIVITY: RollupMetric[] = ['msgs_team', 'msgs_dm', 'msgs_group', 'msgs_cross_team', 'thread_replies_to_others'];
/** Unplanned leave weighs more than planned annual leave. */
export const LEAVE_WEIGHTS = {
  leave_personal_days: 1,
  leave_sick_days: 0.75,
  leave_other_days: 0.75,
  leave_annual_days: 0.25,
} as const;

const round1 = (value: number): number => Math.round(value * 10) / 10;
/** Weighted leave days per week below which a change is not a percentage (one sick day is not "+300%"). */
const LEAVE_FLOOR = 0.5;
/**
 * Leave is a rise only when the recent window holds at least this many (weighted) days more than the baseline rate
 * predicts for its working days: someone with one leave day every four weeks has 0 or 1 in a fortnight against 0.5
 * expected, which is no change — not "+100%" one fortnight and "−100%" the next.
 */
export const LEAVE_MIN_EXTRA_DAYS = 1;

/** Percentage change with a floor under the baseline, so 0 → 1 is not "+∞%". Both below the floor ⇒ 0. */
export function pctChange(recent: number, baseline: number, floor: number): number {
  if (recent < floor && baseline < floor) return 0;
  return ((recent - baseline) / Math.max(baseline, floor)) * 100;
}

/** Removes a team-wide drop from a person's change: (1 + p) / (1 + t) − 1, only when the team fell. */
export function adjustForTeamDrop(personPct: number, teamPct: number | null): number {
  if (teamPct === null || teamPct >= 0) return personPct;
  const team = Math.max(teamPct, -95);
  return ((1 + personPct / 100) / (1 + team / 100) - 1) * 100;
}

function sumOf(rates: Record<RollupMetric, number | null>, metrics: readonly RollupMetric[]): number | null {
  let total = 0;
  for (const metric of metrics) {
    const value = rates[metric];
    if (value === null) return null;
    total += value;
  }
  return total;
}

function weightedLeave(rates: Record<RollupMetric, number | null>): number | null {
  let total = 0;
  for (const [metric, weight] of Object.entries(LEAVE_WEIGHTS) as [RollupMetric, number][]) {
    const value = rates[metric];
    if (value === null) return null;
    total += value * weight;
  }
  return total;
}

/** The others' average per-week rate of a metric (leave-one-out), or null with fewer than 2 others measured. */
function othersAverage(
  team: TeamReference,
  self: PersonRates,
  metric: RollupMetric,
): { recent: number; baseline: number } | null {
  const own = inReference(self) && measured(self, metric);
  const others = team.counts[metric] - (own ? 1 : 0);
  if (others < 2) return null;
  return {
    recent: (team.recent[metric] - (own ? self.recent[metric]! : 0)) / others,
    baseline: (team.baseline[metric] - (own ? self.baseline[metric]! : 0)) / others,
  };
}

/** Team change of a metric group excluding the person (leave-one-out); null when fewer than 2 others. */
function teamChange(
  team: TeamReference | null,
  self: PersonRates,
  metrics: readonly RollupMetric[],
  floor: number,
): number | null {
  if (!team) return null;
  let recent = 0;
  let baseline = 0;
  for (const metric of metrics) {
    const avg = othersAverage(team, self, metric);
    if (avg === null) return null;
    recent += avg.recent;
    baseline += avg.baseline;
  }
  return pctChange(recent, baseline, floor);
}

/**
 * A team-wide leave wave (a holiday the calendar does not know): the others' weighted leave rose by at least 0.3
 * day per person per week. Ordinary leave is sparse and noisy, so only a real wave counts; returns that rise.
 */
export const LEAVE_WAVE_MIN_RISE = 0.3;

function teamLeaveRise(team: TeamReference | null, self: PersonRates): number {
  if (!team) return 0;
  let rise = 0;
  for (const [metric, weight] of Object.entries(LEAVE_WEIGHTS) as [RollupMetric, number][]) {
    const avg = othersAverage(team, self, metric);
    if (avg === null) return 0;
    rise += (avg.recent - avg.baseline) * weight;
  }
  return rise >= LEAVE_WAVE_MIN_RISE ? rise : 0;
}

/**
 * Change of a leave rate (per week) with the minimum absolute difference: the recent window's days must exceed what
 * the baseline rate predicts for its working days by LEAVE_MIN_EXTRA_DAYS, else 0.
 */
function leaveChange(recentRate: number, baselineRate: number, rates: PersonRates): number {
  const days = rates.recentDays.working;
  const extra = countOf(recentRate, rates.perWeek, days) - countOf(baselineRate, rates.perWeek, days);
  if (extra < LEAVE_MIN_EXTRA_DAYS - 1e-9) return 0;
  return pctChange(recentRate, baselineRate, LEAVE_FLOOR);
}

export function computeFeatures(
  rates: PersonRates,
  team: TeamReference | null,
  context: EmployeeContext,
  window: ScoringWindow,
): { features: Features; detail: FeatureDetail } {
  const r = rates.recent;
  const b = rates.baseline;
  const { perWeek } = rates;

  const teamMsgsTeam = r.msgs_team === null ? null : teamChange(team, rates, ['msgs_team'], 5);
  const teamMsgsRaw = r.msgs_team === null || b.msgs_team === null ? null : pctChange(r.msgs_team, b.msgs_team, 5);
  const activityRecent = sumOf(r, ACTIVITY);
  const activityBaseline = sumOf(b, ACTIVITY);
  const activityTeam = activityRecent === null ? null : teamChange(team, rates, ACTIVITY, 10);
  const activityRaw =
    activityRecent === null || activityBaseline === null ? null : pctChange(activityRecent, activityBaseline, 10);
  const collaborators =
    r.distinct_collaborators === null || b.distinct_collaborators === null
      ? null
      : adjustForTeamDrop(
          pctChange(r.distinct_collaborators, b.distinct_collaborators, 2),
          teamChange(team, rates, ['distinct_collaborators'], 2),
        );

  const helpsRecentRate = r.helps_given;
  const helpsBaseline = b.helps_given;
  const helpsRaw =
    helpsRecentRate === null || helpsBaseline === null ? null : pctChange(helpsRecentRate, helpsBaseline, 1);
  const helpsTeam = helpsRaw === null ? null : teamChange(team, rates, ['helps_given'], 1);
  const leaveRecent = weightedLeave(r);
  const leaveBaseline = weightedLeave(b);
  const leaveWave = leaveRecent === null ? 0 : teamLeaveRise(team, rates);
  const inRecent = (rate: number | null) =>
    rate === null ? null : round1(countOf(rate, perWeek, rates.recentDays.working));
  const recentCount = (rate: number, days: number) => round1(countOf(rate, perWeek, days));

  const tasksRecent = r.tasks_done === null || r.tasks_late === null ? null : r.tasks_done + r.tasks_late;
  const tasksBaseline = b.tasks_done === null || b.tasks_late === null ? null : b.tasks_done + b.tasks_late;
  const delayRecent =
    tasksRecent !== null && countOf(tasksRecent, perWeek, rates.recentDays.available) >= 3
      ? r.tasks_late! / tasksRecent
      : null;
  const delayBaseline = tasksBaseline !== null && tasksBaseline >= 1 ? b.tasks_late! / tasksBaseline : null;

  const crm =
    r.crm_followups === null || b.crm_followups === null || (b.crm_followups < 2 && r.crm_followups < 2)
      ? null
      : pctChange(r.crm_followups, b.crm_followups, 2);

  const withinDays = (day: string | null, limit: number): number | null => {
    if (day === null) return null;
    const days = daysBetween(day.slice(0, 10), window.asOf);
    return days >= 0 && days <= limit ? days : null;
  };

  const features: Features = {
    team_msgs_change_pct: teamMsgsRaw === null ? null : round1(adjustForTeamDrop(teamMsgsRaw, teamMsgsTeam)),
    activity_change_pct: activityRaw === null ? null : round1(adjustForTeamDrop(activityRaw, activityTeam)),
    collaborators_change_pct: collaborators === null ? null : round1(collaborators),
    // Per the window's nominal working days (10 in a Mon–Fri fortnight): a holiday or a leave does not lower it.
    helps_recent: helpsRecentRate === null ? null : round1((helpsRecentRate * window.recentDays) / 7),
    helps_per_week_baseline: helpsBaseline === null ? null : round1(helpsBaseline),
    helps_change_pct: helpsRaw === null ? null : round1(adjustForTeamDrop(helpsRaw, helpsTeam)),
    leave_change_pct:
      leaveRecent === null || leaveBaseline === null
        ? null
        : // The leave everyone took in a team-wide wave is the team's, not the person's.
          round1(leaveChange(Math.max(0, leaveRecent - leaveWave), leaveBaseline, rates)),
    personal_leave_change_pct:
      r.leave_personal_days === null || b.leave_personal_days === null
        ? null
        : round1(leaveChange(r.leave_personal_days, b.leave_personal_days, rates)),
    leave_days_recent:
      r.leave_personal_days === null
        ? null
        : recentCount(
            r.leave_personal_days + r.leave_sick_days! + r.leave_annual_days! + r.leave_other_days!,
            rates.recentDays.working,
          ),
    unexcused_absences_recent:
      r.absences_unexcused === null ? null : recentCount(r.absences_unexcused, rates.recentDays.working),
    task_delay_rate: delayRecent === null ? null : Math.round(delayRecent * 100) / 100,
    task_delay_change_pts:
      delayRecent === null || delayBaseline === null ? null : round1((delayRecent - delayBaseline) * 100),
    crm_change_pct: crm === null ? null : round1(crm),
    survey_participation_pct: context.surveyParticipationPct ?? null,
    tenure_months: context.hireDate === null ? null : round1(daysBetween(context.hireDate, window.asOf) / 30.44),
    manager_left_days: withinDays(context.managerLeftOn, 90),
    manager_changed_days: withinDays(context.managerChangedOn, 90),
    peers_left_90d: context.peersLeft90d,
    baseline_weeks: round1(rates.baselineWeeks),
  };
  const detail: FeatureDetail = {
    teamMsgsRawChangePct: teamMsgsRaw === null ? null : round1(teamMsgsRaw),
    teamMsgsTeamChangePct: teamMsgsTeam === null ? null : round1(teamMsgsTeam),
    activityRawChangePct: activityRaw === null ? null : round1(activityRaw),
    activityTeamChangePct: activityTeam === null ? null : round1(activityTeam),
    helpsBaselinePerWeek: helpsBaseline === null ? null : round1(helpsBaseline),
    helpsRecentPerWeek: helpsRecentRate === null ? null : round1(helpsRecentRate),
    helpsRawChangePct: helpsRaw === null ? null : round1(helpsRaw),
    helpsTeamChangePct: helpsTeam === null ? null : round1(helpsTeam),
    personalLeaveDays: inRecent(r.leave_personal_days),
    personalLeaveExpectedDays: inRecent(b.leave_personal_days),
    weightedLeaveDays: inRecent(leaveRecent === null ? null : Math.max(0, leaveRecent - leaveWave)),
    weightedLeaveExpectedDays: inRecent(leaveBaseline),
    collaborationBaseline: null,
    recentWorkingDays: rates.recentDays.working,
    recentAvailableDays: round1(rates.recentDays.available),
    baselineWorkingDays: rates.baselineDays.working,
    missing: rates.missing,
  };
  return { features, detail };
}
