// The team reference: the summed rates of a team's members, from which each person's team change is taken
// leave-one-out, so a whole team going quiet (or on holiday) is not read as one person's withdrawal.
import { emptySums } from './window.js';
import { ROLLUP_METRICS, type MetricSums, type RollupMetric } from './types.js';
import type { PersonRates } from './rates.js';

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

/** Unplanned leave weighs more than planned annual leave. */
export const LEAVE_WEIGHTS = {
  leave_personal_days: 1,
  leave_sick_days: 0.75,
  leave_other_days: 0.75,
  leave_annual_days: 0.25,
} as const;

/** Percentage change with a floor under the baseline, so 0 → 1 is not "+∞%". Both below the floor ⇒ 0. */
export function pctChange(recent: number, baseline: number, floor: number): number {
  if (recent < floor && baseline < floor) return 0;
  return ((recent - baseline) / Math.max(baseline, floor)) * 100;
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
export function teamChange(
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

export function teamLeaveRise(team: TeamReference | null, self: PersonRates): number {
  if (!team) return 0;
  let rise = 0;
  for (const [metric, weight] of Object.entries(LEAVE_WEIGHTS) as [RollupMetric, number][]) {
    const avg = othersAverage(team, self, metric);
    if (avg === null) return 0;
    rise += (avg.recent - avg.baseline) * weight;
  }
  return rise >= LEAVE_WAVE_MIN_RISE ? rise : 0;
}
