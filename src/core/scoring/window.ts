// The scoring windows for an as-of day: recent = the last `recentDays` days up to and including asOf; baseline =
// the `baselineDays` before that. Coverage tells which days a class of signal was delivered at all.
import { addDays } from '../time.js';
import { ROLLUP_METRICS, type MetricSums, type SignalClass } from './types.js';

export interface ScoringWindowOptions {
  recentDays: number;
  baselineDays: number;
  /** Fewer baseline weeks than this ⇒ insufficient history. */
  minBaselineWeeks: number;
}

export const DEFAULT_WINDOW: ScoringWindowOptions = { recentDays: 14, baselineDays: 56, minBaselineWeeks: 4 };

export interface ScoringWindow extends ScoringWindowOptions {
  asOf: string;
  recentStart: string;
  baselineStart: string;
  baselineEnd: string;
}

export function scoringWindow(asOf: string, options: ScoringWindowOptions = DEFAULT_WINDOW): ScoringWindow {
  const recentStart = addDays(asOf, -(options.recentDays - 1));
  return {
    ...options,
    asOf,
    recentStart,
    baselineEnd: addDays(recentStart, -1),
    baselineStart: addDays(recentStart, -options.baselineDays),
  };
}

/** Days on which each signal class was delivered (tenant-wide), sorted ascending. */
export type CoverageDays = Partial<Record<SignalClass, readonly string[]>>;

/** Number of covered days of a class in [from, to]. */
export function coveredDays(coverage: CoverageDays, cls: SignalClass, from: string, to: string): number {
  const days = coverage[cls];
  if (!days || from > to) return 0;
  return upperBound(days, to) - lowerBound(days, from);
}

function lowerBound(days: readonly string[], value: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(days: readonly string[], value: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const emptySums = (): MetricSums => Object.fromEntries(ROLLUP_METRICS.map((m) => [m, 0])) as MetricSums;
