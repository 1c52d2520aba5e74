// Per-person rates: each metric's per-week rate in the recent window and the baseline, per *expected working day*
// of the tenant's calendar over exactly the span each sum covers (weekends, public holidays and days off are not
// expected; make-up working days are). Activity metrics leave out the person's own leave days. Messages flow daily, so
// they count only working days on which the platform delivered messages at all; a class with no delivery is null.
import { daysBetween } from '../time.js';
import type { ScoringDays } from './window.js';
import { METRIC_CLASS, ROLLUP_METRICS, type MetricSums, type RollupMetric, type SignalClass } from './types.js';

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
