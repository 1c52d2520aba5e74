// Shapes of the working calendar: settings a tenant chooses, holiday data a region brings, and what a day is.

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MONDAY_TO_FRIDAY: readonly Weekday[] = [1, 2, 3, 4, 5];

/** A company's own exception to the regional calendar: an extra day off, or an extra working day. */
export type OverrideKind = 'day_off' | 'working_day';

export interface CalendarOverride {
  day: string;
  kind: OverrideKind;
  note?: string | null;
}

export interface NamedDay {
  day: string;
  name: string;
}

/**
 * Public holidays and make-up working days (调休) of one region, as a data source delivers them for some years.
 * Years outside `coveredYears` have no data: the calendar falls back to the working weekdays there and says so.
 */
export interface RegionHolidays {
  /** 'CN', 'GB', 'GB-ENG', 'US-CA', … */
  region: string;
  /** Where the data comes from, e.g. 'chinese-days@1.5.7' (shown with the coverage warning). */
  source: string;
  /** Public holidays: days off whatever their weekday. */
  holidays: readonly NamedDay[];
  /** Days that are working days although their weekday is not (China's 调休 Saturdays and Sundays). */
  makeUpWorkingDays: readonly NamedDay[];
  coveredYears: readonly number[];
}

export interface CalendarSpec {
  /** Region code of the holiday data, or null for working weekdays only. */
  region: string | null;
  workingWeekdays: readonly Weekday[];
  overrides?: readonly CalendarOverride[];
  /** Holiday data of `region` (see holiday-data.ts); null/undefined ⇒ working weekdays and overrides only. */
  holidays?: RegionHolidays | null;
}

/** Why a day is (not) a working day; the first matching source wins in this order. */
export type DayKind =
  | 'company_day_off' // override
  | 'company_working_day' // override
  | 'make_up_working_day' // regional 调休
  | 'public_holiday'
  | 'working_day' // an ordinary working weekday
  | 'weekend'; // an ordinary non-working weekday

export interface CalendarDay {
  day: string;
  weekday: Weekday;
  working: boolean;
  kind: DayKind;
  /** Holiday name, or the override's note. */
  name: string | null;
}

export interface DataCoverage {
  region: string | null;
  source: string | null;
  /** Years of the asked range the holiday data covers. */
  coveredYears: number[];
  /** Years of the asked range without holiday data (weekdays only there); empty without a region. */
  missingYears: number[];
}
