// Working calendars — which days are working days for a tenant. Stable interface (scoring, leave spreading, and
// next surveys and digests build on it):
//
//   const calendar = await loadCalendar({ region: 'CN', workingWeekdays: [1, 2, 3, 4, 5], overrides }, from, to);
//   calendar.isWorkingDay('2026-02-14')               // true: a make-up Saturday (调休) in China
//   calendar.workingDaysBetween('2026-02-09', '2026-02-22')   // inclusive count, O(1) after the first call
//   calendar.workingDaysIn(from, to)                  // the working days, ascending
//   calendar.nextWorkingDays('2026-02-13', 3)         // the first 3 working days on or after a day
//   calendar.workingDaysPerWeek                       // per-week rate = per-working-day rate × this
//   calendar.describe(day) / daysIn(from, to)         // kind (public_holiday, make_up_working_day, …) and name
//   calendar.dataCoverage(from, to)                   // years without holiday data (weekdays only there)
//   spreadOverWorkingDays(calendar, start, 2.5)       // a leave by the day: [{day, days: 1}, {…1}, {…0.5}]
//
// A day is decided in this order: the tenant's override (day_off | working_day), the region's make-up working day,
// the region's public holiday, the tenant's working weekdays. Region data: `chinese-days` for CN, `date-holidays`
// for other countries and subdivisions (GB, GB-ENG, US-CA, HK, …). `createWorkingCalendar` is the pure core (give
// it holiday data yourself in tests); `loadCalendar` fetches the region's data for the years of [from, to] first.
// Build a calendar once per run and reuse it: never once per person.
import { createWorkingCalendar, type WorkingCalendar } from './calendar.js';
import { loadRegionHolidays, type HolidayLanguage } from './holiday-data.js';
import type { CalendarOverride, Weekday } from './types.js';

export * from './types.js';
export {
  createWorkingCalendar,
  dayNumber,
  dayOfNumber,
  parseWeekdays,
  spreadOverWorkingDays,
  type WorkingCalendar,
} from './calendar.js';
export {
  isKnownRegion,
  loadRegionHolidays,
  normaliseRegion,
  regionForTimeZone,
  type HolidayLanguage,
} from './holiday-data.js';

export interface CalendarSettings {
  region: string | null;
  workingWeekdays: readonly Weekday[];
  overrides?: readonly CalendarOverride[];
}

/**
 * A tenant's calendar with its region's holiday data for every year of [from, to] (queries outside that span still
 * work, on working weekdays and overrides only, and dataCoverage reports those years as missing).
 */
export async function loadCalendar(
  settings: CalendarSettings,
  from: string,
  to: string,
  language: HolidayLanguage = 'en',
): Promise<WorkingCalendar> {
  const holidays =
    settings.region === null
      ? null
      : await loadRegionHolidays(settings.region, Number(from.slice(0, 4)), Number(to.slice(0, 4)), language);
  return createWorkingCalendar({
    region: settings.region,
    workingWeekdays: settings.workingWeekdays,
    overrides: settings.overrides ?? [],
    holidays,
  });
}
