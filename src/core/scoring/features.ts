// Features of one employee: recent window vs the person's own baseline, as per-week rates. Message signals are
// divided by the days the platform actually delivered messages; a class with no coverage is null ("no data"), never
// a drop. Message drops are corrected for the team's own drop (a holiday is a team event, not an individual one).
import { daysBetween } from '../time.js';
import { coveredDays, emptySums, type CoverageDays, type ScoringWindow } from './window.js';
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
  recent: MetricSums;
  baseline: MetricSums;
}

/** Per-week rates of one person in both windows, null for a metric whose class had no coverage. */
export interface PersonRates {
  recent: Record<RollupMetric, number | null>;
  baseline: Record<RollupMetric, number | null>;
  baselineWeeks: number;
  sufficient: boolean;
  /** Signal classes without coverage in one of the windows. */
  missing: SignalClass[];
}

/** Classes delivered every working day, normalised by delivered days; every other class is sparse. */
const DENSE_CLASSES: ReadonlySet<SignalClass> = new Set(['message']);

export function personRates(input: EmployeeAggregates, window: ScoringWindow, coverage: CoverageDays): PersonRates {
  const known = input.hireDate ?? input.firstDataDay;
  const effectiveStart =
    known === null ? window.recentStart : known > window.baselineStart ? known : window.baselineStart;
  const baselineDays = Math.max(0, daysBetween(effectiveStart, window.recentStart));
  const baselineWeeks = baselineDays / 7;
  const recent = {} as Record<RollupMetric, number | null>;
  const baseline = {} as Record<RollupMetric, number | null>;
  const missing = new Set<SignalClass>();
  const recentCalendarDays = window.recentDays;
  for (const metric of ROLLUP_METRICS) {
    const cls = METRIC_CLASS[metric];
    const dense = DENSE_CLASSES.has(cls);
    const recentCovered = coveredDays(coverage, cls, window.recentStart, window.asOf);
    const baselineCovered = baselineDays > 0 ? coveredDays(coverage, cls, effectiveStart, window.baselineEnd) : 0;
    // Messages flow daily, so each window needs its own delivered days. HR records (leave, tasks…) are sparse and
    // coverage rows exist only on days with events: one delivered day anywhere in the lookback means "connected",
    // and a fortnight in which nobody took leave is a real zero, not "no data".
    const covered = dense
      ? recentCovered > 0 && baselineCovered > 0
      : baselineDays > 0 && coveredDays(coverage, cls, window.baselineStart, window.asOf) > 0;
    if (!covered) {
      recent[metric] = null;
      baseline[metric] = null;
      missing.add(cls);
      continue;
    }
    // Dense classes (messages) are normalised by delivered days, so a platform connected mid-window is not a jump;
    // sparse HR classes (leave, tasks…) by calendar days, since a quiet day there is a real zero.
    recent[metric] = (input.recent[metric] / (dense ? recentCovered : recentCalendarDays)) * 7;
    baseline[metric] = (input.baseline[metric] / (dense ? baselineCovered : baselineDays)) * 7;
  }
  return {
    recent,
    baseline,
    baselineWeeks,
    sufficient: baselineWeeks >= window.minBaselineWeeks,
    missing: [...missing].sort(),
  };
}

/**
 * Everyone's rates in one growable Float64Array (2 × 24 doubles per person, NaN = no data): 100k people take
 * ~40 MB in a single allocation instead of 100k objects or 100k small buffers.
 */
export class RatesStore {
  private values = new Float64Array(0);
  private weeks = new Float64Array(0);
  private missing = new Map<number, SignalClass[]>();
  private count = 0;
  private static readonly WIDTH = ROLLUP_METRICS.length * 2;

  constructor(expected = 1024) {
    this.grow(Math.max(1, expected));
  }

  get size(): number {
    return this.count;
  }

  private grow(capacity: number): void {
    const values = new Float64Array(capacity * RatesStore.WIDTH);
    values.set(this.values);
    const weeks = new Float64Array(capacity);
    weeks.set(this.weeks);
    this.values = values;
    this.weeks = weeks;
  }

  /** Stores a person's rates; returns the index to read them back with. */
  push(rates: PersonRates): number {
    if (this.count >= this.weeks.length) this.grow(this.weeks.length * 2);
    const index = this.count++;
    const base = index * RatesStore.WIDTH;
    ROLLUP_METRICS.forEach((metric, i) => {
      this.values[base + i] = rates.recent[metric] ?? Number.NaN;
      this.values[base + ROLLUP_METRICS.length + i] = rates.baseline[metric] ?? Number.NaN;
    });
    // The sign carries "sufficient" so one number per person holds both.
    this.weeks[index] = rates.sufficient ? rates.baselineWeeks + 1 : -(rates.baselineWeeks + 1);
    if (rates.missing.length) this.missing.set(index, rates.missing);
    return index;
  }

  get(index: number): PersonRates {
    const base = index * RatesStore.WIDTH;
    const recent = {} as Record<RollupMetric, number | null>;
    const baseline = {} as Record<RollupMetric, number | null>;
    ROLLUP_METRICS.forEach((metric, i) => {
      const r = this.values[base + i]!;
      const b = this.values[base + ROLLUP_METRICS.length + i]!;
      recent[metric] = Number.isNaN(r) ? null : r;
      baseline[metric] = Number.isNaN(b) ? null : b;
    });
    const weeks = this.weeks[index]!;
    return {
      recent,
      baseline,
      baselineWeeks: Math.abs(weeks) - 1,
      sufficient: weeks > 0,
      missing: this.missing.get(index) ?? [],
    };
  }
}

/** Summed per-week rates of a team's members with enough history (leave-one-out happens per person). */
export interface TeamReference {
  members: number;
  recent: MetricSums;
  baseline: MetricSums;
}

export function emptyTeamReference(): TeamReference {
  return { members: 0, recent: emptySums(), baseline: emptySums() };
}

export function addToTeamReference(ref: TeamReference, rates: PersonRates): void {
  if (!rates.sufficient) return;
  ref.members += 1;
  for (const metric of ROLLUP_METRICS) {
    ref.recent[metric] += rates.recent[metric] ?? 0;
    ref.baseline[metric] += rates.baseline[metric] ?? 0;
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

/** Numbers behind the features, kept for the reasons ("… vs 8-week baseline (team −5%)"). */
export interface FeatureDetail {
  teamMsgsRawChangePct: number | null;
  teamMsgsTeamChangePct: number | null;
  activityRawChangePct: number | null;
  activityTeamChangePct: number | null;
  helpsBaselinePerWeek: number | null;
  collaborationBaseline: number | null;
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

/** Team change of a metric group excluding the person (leave-one-out); null when fewer than 2 others. */
function teamChange(
  team: TeamReference | null,
  self: PersonRates,
  metrics: readonly RollupMetric[],
  floor: number,
): number | null {
  if (!team) return null;
  const includesSelf = self.sufficient;
  const others = team.members - (includesSelf ? 1 : 0);
  if (others < 2) return null;
  let recent = 0;
  let baseline = 0;
  for (const metric of metrics) {
    recent += team.recent[metric] - (includesSelf ? (self.recent[metric] ?? 0) : 0);
    baseline += team.baseline[metric] - (includesSelf ? (self.baseline[metric] ?? 0) : 0);
  }
  return pctChange(recent / others, baseline / others, floor);
}

/**
 * A team-wide leave wave (a holiday): the others' weighted leave rose by at least 0.3 day per person per week.
 * Ordinary leave is sparse and noisy, so only a real wave counts; returns that rise per person, else 0.
 */
export const LEAVE_WAVE_MIN_RISE = 0.3;

function teamLeaveRise(team: TeamReference | null, self: PersonRates): number {
  if (!team) return 0;
  const includesSelf = self.sufficient;
  const others = team.members - (includesSelf ? 1 : 0);
  if (others < 2) return 0;
  let recent = 0;
  let baseline = 0;
  for (const [metric, weight] of Object.entries(LEAVE_WEIGHTS) as [RollupMetric, number][]) {
    recent += (team.recent[metric] - (includesSelf ? (self.recent[metric] ?? 0) : 0)) * weight;
    baseline += (team.baseline[metric] - (includesSelf ? (self.baseline[metric] ?? 0) : 0)) * weight;
  }
  const rise = (recent - baseline) / others;
  return rise >= LEAVE_WAVE_MIN_RISE ? rise : 0;
}

export function computeFeatures(
  rates: PersonRates,
  team: TeamReference | null,
  context: EmployeeContext,
  window: ScoringWindow,
): { features: Features; detail: FeatureDetail } {
  const r = rates.recent;
  const b = rates.baseline;

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
  const leaveRecent = weightedLeave(r);
  const leaveBaseline = weightedLeave(b);

  const tasksRecent = r.tasks_done === null || r.tasks_late === null ? null : r.tasks_done + r.tasks_late;
  const tasksBaseline = b.tasks_done === null || b.tasks_late === null ? null : b.tasks_done + b.tasks_late;
  const delayRecent =
    tasksRecent !== null && tasksRecent * (window.recentDays / 7) >= 3 ? r.tasks_late! / tasksRecent : null;
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

  const perRecentWindow = (rate: number | null) => (rate === null ? null : round1((rate * window.recentDays) / 7));

  const features: Features = {
    team_msgs_change_pct: teamMsgsRaw === null ? null : round1(adjustForTeamDrop(teamMsgsRaw, teamMsgsTeam)),
    activity_change_pct: activityRaw === null ? null : round1(adjustForTeamDrop(activityRaw, activityTeam)),
    collaborators_change_pct: collaborators === null ? null : round1(collaborators),
    helps_recent: perRecentWindow(helpsRecentRate),
    helps_per_week_baseline: helpsBaseline === null ? null : round1(helpsBaseline),
    helps_change_pct:
      helpsRecentRate === null || helpsBaseline === null
        ? null
        : round1(
            adjustForTeamDrop(
              pctChange(helpsRecentRate, helpsBaseline, 1),
              teamChange(team, rates, ['helps_given'], 1),
            ),
          ),
    leave_change_pct:
      leaveRecent === null || leaveBaseline === null
        ? null
        : // The leave everyone took in a team-wide wave is the team's, not the person's.
          round1(pctChange(Math.max(0, leaveRecent - teamLeaveRise(team, rates)), leaveBaseline, LEAVE_FLOOR)),
    personal_leave_change_pct:
      r.leave_personal_days === null || b.leave_personal_days === null
        ? null
        : round1(pctChange(r.leave_personal_days, b.leave_personal_days, LEAVE_FLOOR)),
    leave_days_recent:
      r.leave_personal_days === null
        ? null
        : round1(
            ((r.leave_personal_days + r.leave_sick_days! + r.leave_annual_days! + r.leave_other_days!) *
              window.recentDays) /
              7,
          ),
    unexcused_absences_recent: perRecentWindow(r.absences_unexcused),
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
    collaborationBaseline: null,
    missing: rates.missing,
  };
  return { features, detail };
}
