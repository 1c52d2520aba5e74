// The scoring windows for an as-of day: recent = the last `recentDays` days up to and including asOf; baseline =
// the `baselineDays` before that. Rates are per expected working day of the tenant's calendar (ScoringDays), and
// coverage tells which days a class of signal actually arrived (a day with events), so "no data" is never a drop.
import { addDays, daysBetween } from '../time.js';
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

/** Days on which each signal class was delivered with at least one event (tenant-wide), sorted ascending. */
export type CoverageDays = Partial<Record<SignalClass, readonly string[]>>;

/** The part of a working calendar scoring needs (src/core/calendar's WorkingCalendar has it). */
export interface CalendarLike {
  isWorkingDay(day: string): boolean;
  readonly workingDaysPerWeek: number;
}

/**
 * Working-day arithmetic over one scoring window, precomputed once per run: every count is two array reads, so
 * scoring 100k people costs no calendar or coverage lookups per person.
 */
export interface ScoringDays {
  readonly window: ScoringWindow;
  /** Working days in an ordinary week: per-week rate = per-working-day rate × this. */
  readonly perWeek: number;
  /** Working days in [from, to] (clamped to the window). */
  working(from: string, to: string): number;
  /** Working days in [from, to] on which `cls` had events tenant-wide. */
  coveredWorking(cls: SignalClass, from: string, to: string): number;
  /** Whether `cls` had events on any day (working or not) of [from, to]. */
  delivered(cls: SignalClass, from: string, to: string): boolean;
}

export function scoringDays(window: ScoringWindow, calendar: CalendarLike, coverage: CoverageDays): ScoringDays {
  const span = daysBetween(window.baselineStart, window.asOf) + 1;
  const working = new Int32Array(span + 1);
  const days: string[] = [];
  for (let i = 0; i < span; i++) {
    const day = addDays(window.baselineStart, i);
    days.push(day);
    working[i + 1] = working[i]! + (calendar.isWorkingDay(day) ? 1 : 0);
  }
  const covered = new Map<SignalClass, { working: Int32Array; any: Int32Array }>();
  for (const [cls, list] of Object.entries(coverage) as [SignalClass, readonly string[]][]) {
    const set = new Set(list);
    const w = new Int32Array(span + 1);
    const a = new Int32Array(span + 1);
    days.forEach((day, i) => {
      const has = set.has(day) ? 1 : 0;
      a[i + 1] = a[i]! + has;
      w[i + 1] = w[i]! + (has && working[i + 1]! > working[i]! ? 1 : 0);
    });
    covered.set(cls, { working: w, any: a });
  }
  const count = (prefix: Int32Array, from: string, to: string) => {
    const lo = Math.max(0, daysBetween(window.baselineStart, from));
    const hi = Math.min(span - 1, daysBetween(window.baselineStart, to));
    return hi < lo ? 0 : prefix[hi + 1]! - prefix[lo]!;
  };
  return {
    window,
    perWeek: calendar.workingDaysPerWeek,
    working: (from, to) => count(working, from, to),
    coveredWorking: (cls, from, to) => {
      const c = covered.get(cls);
      return c ? count(c.working, from, to) : 0;
    },
    delivered: (cls, from, to) => {
      const c = covered.get(cls);
      return c !== undefined && count(c.any, from, to) > 0;
    },
  };
}

/** Monday–Friday without holidays: for tests and callers without a tenant calendar. */
export const WEEKDAYS_ONLY: CalendarLike = {
  isWorkingDay: (day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  },
  workingDaysPerWeek: 5,
};

export const emptySums = (): MetricSums => Object.fromEntries(ROLLUP_METRICS.map((m) => [m, 0])) as MetricSums;
