// The working calendar: which days are working days for a tenant — its working weekdays, its region's public
// holidays and make-up working days, and its own overrides. Pure: holiday data is handed in (holiday-data.ts).
// Counting queries are O(1) after the first one over a range: a prefix sum of working days is kept for a span of
// days and widened when a query falls outside it, so scoring 100k people costs two array reads per count.
import type { CalendarDay, CalendarOverride, CalendarSpec, DataCoverage, RegionHolidays, Weekday } from './types.js';

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(day: string): number {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`not a calendar day: "${day}"`);
  const value = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(value)) throw new RangeError(`not a calendar day: "${day}"`);
  return Math.round(value / DAY_MS);
}

export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
const weekdayOfNumber = (n: number): Weekday => (((((n + 3) % 7) + 7) % 7) + 1) as Weekday;

export interface WorkingCalendar {
  readonly region: string | null;
  readonly workingWeekdays: readonly Weekday[];
  /** Working days of an ordinary week: per-week rates are per-working-day rates × this. */
  readonly workingDaysPerWeek: number;
  isWorkingDay(day: string): boolean;
  /** Working days in [from, to], both included; 0 when from > to. */
  workingDaysBetween(from: string, to: string): number;
  /** The working days in [from, to], ascending. */
  workingDaysIn(from: string, to: string): string[];
  /** The first n working days on or after `from` (a leave of n days starting on `from` covers these). */
  nextWorkingDays(from: string, n: number): string[];
  describe(day: string): CalendarDay;
  /** Every day of [from, to] described (for the calendar API). */
  daysIn(from: string, to: string): CalendarDay[];
  /** Which years of [from, to] the region's holiday data covers; missing years fall back to weekdays. */
  dataCoverage(from: string, to: string): DataCoverage;
}

export function createWorkingCalendar(spec: CalendarSpec): WorkingCalendar {
  const weekdays = [...new Set(spec.workingWeekdays)].sort((a, b) => a - b);
  if (weekdays.length === 0) throw new RangeError('a calendar needs at least one working weekday');
  const data: RegionHolidays | null = spec.holidays ?? null;
  const classify = dayClassifier(weekdays, data, spec.overrides ?? []);
  const covered = new Set(data?.coveredYears ?? []);
  const count = workingDayCounter((n) => classify(n).working);

  const describe = (day: string): CalendarDay => {
    const n = dayNumber(day);
    return { day, weekday: weekdayOfNumber(n), ...classify(n) };
  };

  return {
    region: spec.region,
    workingWeekdays: weekdays,
    workingDaysPerWeek: weekdays.length,
    isWorkingDay: (day) => {
      const n = dayNumber(day);
      return count(n, n) === 1;
    },
    workingDaysBetween: (from, to) => count(dayNumber(from), dayNumber(to)),
    workingDaysIn: (from, to) => {
      const out: string[] = [];
      const a = dayNumber(from);
      const b = dayNumber(to);
      for (let n = a; n <= b; n++) if (count(n, n) === 1) out.push(dayOfNumber(n));
      return out;
    },
    nextWorkingDays: (from, n) => {
      const out: string[] = [];
      // At least one working weekday exists, so a working day comes within a week unless overrides say otherwise;
      // the bound keeps a pathological override list (years of days off) from looping forever.
      for (let d = dayNumber(from), guard = 0; out.length < n && guard < 3660; d++, guard++) {
        if (count(d, d) === 1) out.push(dayOfNumber(d));
      }
      return out;
    },
    describe,
    daysIn: (from, to) => {
      const out: CalendarDay[] = [];
      for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(describe(dayOfNumber(n)));
      return out;
    },
    dataCoverage: (from, to) => {
      const years: number[] = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
      if (spec.region === null) return { region: null, source: null, coveredYears: [], missingYears: [] };
      return {
        region: spec.region,
        source: data?.source ?? null,
        coveredYears: years.filter((y) => covered.has(y)),
        missingYears: years.filter((y) => !covered.has(y)),
      };
    },
  };
}

type DayClass = Pick<CalendarDay, 'working' | 'kind' | 'name'>;

/**
 * What a day (by number) is: the first that applies of the tenant's override, the region's make-up working day, its
 * public holiday, and the working weekdays.
 */
function dayClassifier(
  weekdays: readonly Weekday[],
  data: RegionHolidays | null,
  overrideList: readonly CalendarOverride[],
): (n: number) => DayClass {
  const weekdaySet = new Set<number>(weekdays);
  const holidays = new Map<number, string>();
  const makeUp = new Map<number, string>();
  for (const h of data?.holidays ?? []) holidays.set(dayNumber(h.day), h.name);
  for (const h of data?.makeUpWorkingDays ?? []) makeUp.set(dayNumber(h.day), h.name);
  const overrides = new Map<number, CalendarOverride>();
  for (const o of overrideList) overrides.set(dayNumber(o.day), o);

  return (n) => {
    const override = overrides.get(n);
    if (override) {
      return override.kind === 'working_day'
        ? { working: true, kind: 'company_working_day', name: override.note ?? null }
        : { working: false, kind: 'company_day_off', name: override.note ?? null };
    }
    const made = makeUp.get(n);
    if (made !== undefined) return { working: true, kind: 'make_up_working_day', name: made };
    const holiday = holidays.get(n);
    if (holiday !== undefined) return { working: false, kind: 'public_holiday', name: holiday };
    return weekdaySet.has(weekdayOfNumber(n))
      ? { working: true, kind: 'working_day', name: null }
      : { working: false, kind: 'weekend', name: null };
  };
}

/** Working days in [from, to] (day numbers, both included; 0 when from > to), two array reads once the span is kept. */
function workingDayCounter(isWorking: (n: number) => boolean): (from: number, to: number) => number {
  // prefix[i] = working days in [start, start + i); widened on demand.
  let start = 0;
  let prefix = new Int32Array(1);
  const ensure = (from: number, to: number) => {
    const end = start + prefix.length - 1;
    if (prefix.length > 1 && from >= start && to < end) return;
    const lo = prefix.length > 1 ? Math.min(from, start) - 366 : from - 366;
    const hi = prefix.length > 1 ? Math.max(to + 1, end) + 366 : to + 1 + 366;
    const next = new Int32Array(hi - lo + 1);
    for (let n = lo; n < hi; n++) next[n - lo + 1] = next[n - lo]! + (isWorking(n) ? 1 : 0);
    start = lo;
    prefix = next;
  };
  return (from, to) => {
    if (from > to) return 0;
    ensure(from, to);
    return prefix[to - start + 1]! - prefix[from - start]!;
  };
}

/**
 * How a leave of `amount` days (fractions allowed) starting on `start` falls on working days: one day each on the
 * first working days on or after `start`, the remainder on the last. A leave never lands on a day off.
 */
export function spreadOverWorkingDays(
  calendar: WorkingCalendar,
  start: string,
  amount: number,
): { day: string; days: number }[] {
  if (!(amount > 0)) return [];
  const whole = Math.ceil(amount - 1e-9);
  return calendar.nextWorkingDays(start, whole).map((day, i) => ({
    day,
    days: i < whole - 1 ? 1 : Math.round((amount - (whole - 1)) * 1000) / 1000,
  }));
}

/** Weekdays from a list like "1,2,3,4,5" or "mon-fri" / "mon,tue,wed"; null when it does not parse. */
export function parseWeekdays(text: string): Weekday[] | null {
  const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const out = new Set<Weekday>();
  for (const raw of text.toLowerCase().split(',')) {
    const part = raw.trim();
    const range = /^([a-z]{3}|[1-7])-([a-z]{3}|[1-7])$/.exec(part);
    const toDay = (token: string): number => (/^[1-7]$/.test(token) ? Number(token) : names.indexOf(token) + 1);
    if (range) {
      const a = toDay(range[1]!);
      const b = toDay(range[2]!);
      if (a < 1 || b < 1 || a > b) return null;
      for (let d = a; d <= b; d++) out.add(d as Weekday);
      continue;
    }
    const d = toDay(part);
    if (d < 1) return null;
    out.add(d as Weekday);
  }
  return out.size ? [...out].sort((a, b) => a - b) : null;
}
