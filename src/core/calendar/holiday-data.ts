// The adapter between the maintained holiday data sets and the pure calendar: `chinese-days` for China (public
// holidays and the make-up working days 调休, which no rule-based library knows), `date-holidays` for every other
// country or country-subdivision code (its holidays of type 'public'). Both are pure data packages; they are loaded
// lazily (date-holidays takes ~150 ms to import) and each (region, year, language) is computed once per process.
import type { NamedDay, RegionHolidays } from './types.js';

export type HolidayLanguage = 'en' | 'zh';

const CHINA = 'CN';
const DAY_MS = 86_400_000;

type ChineseDays = {
  getDayDetail(date: string): { work: boolean; name: string; date: string };
  getHolidaysInRange(start: string, end: string, includeWeekends?: boolean): string[];
};
type HolidaysClass = new (...args: unknown[]) => {
  getCountries(lang?: string): Record<string, string>;
  getStates(country: string, lang?: string): Record<string, string> | undefined;
  getHolidays(
    year: number,
    lang?: string,
  ): { date: string; start: Date; end: Date; name: string; type: string; substitute?: boolean }[];
};

let chineseDays: Promise<ChineseDays> | undefined;
let dateHolidays: Promise<HolidaysClass> | undefined;
const loadChineseDays = () =>
  (chineseDays ??= import('chinese-days').then((m) => ((m as { default?: unknown }).default ?? m) as ChineseDays));
const loadDateHolidays = () =>
  (dateHolidays ??= import('date-holidays').then((m) => (m as unknown as { default: HolidaysClass }).default));

/** 'gb-eng' → 'GB-ENG'; null for anything that is not a 2-letter country with an optional subdivision. */
export function normaliseRegion(text: string): string | null {
  const value = text.trim().toUpperCase();
  return /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(value) ? value : null;
}

/** Whether holiday data exists for a region code (a country, or country-subdivision such as GB-ENG, US-CA). */
export async function isKnownRegion(region: string): Promise<boolean> {
  const code = normaliseRegion(region);
  if (code === null) return false;
  if (code === CHINA) return true;
  const Holidays = await loadDateHolidays();
  const [country, state] = code.split('-') as [string, string | undefined];
  const any = new Holidays();
  if (!(country in any.getCountries())) return false;
  return state === undefined || state in (any.getStates(country) ?? {});
}

const cache = new Map<string, Promise<YearData>>();

interface YearData {
  holidays: NamedDay[];
  makeUp: NamedDay[];
  covered: boolean;
}

/**
 * Public holidays (and for China make-up working days) of `region` for the years fromYear..toYear, names in
 * `language` where the data has them. Unknown region ⇒ null (the calendar then uses working weekdays only).
 */
export async function loadRegionHolidays(
  region: string,
  fromYear: number,
  toYear: number,
  language: HolidayLanguage = 'en',
): Promise<RegionHolidays | null> {
  const code = normaliseRegion(region);
  if (code === null || !(await isKnownRegion(code))) return null;
  const holidays: NamedDay[] = [];
  const makeUp: NamedDay[] = [];
  const coveredYears: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const key = `${code}|${year}|${language}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = code === CHINA ? chinaYear(year, language) : otherYear(code, year, language);
      cache.set(key, entry);
    }
    const data = await entry;
    holidays.push(...data.holidays);
    makeUp.push(...data.makeUp);
    if (data.covered) coveredYears.push(year);
  }
  return {
    region: code,
    source: code === CHINA ? 'chinese-days' : 'date-holidays',
    holidays,
    makeUpWorkingDays: makeUp,
    coveredYears,
  };
}

async function chinaYear(year: number, language: HolidayLanguage): Promise<YearData> {
  const data = await loadChineseDays();
  // The data set is published per year (1.5.7 ends with 2026); a year without a single holiday is not covered, and
  // getDayDetail would silently answer "Monday–Friday" for it.
  if (data.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length === 0)
    return { holidays: [], makeUp: [], covered: false };
  const holidays: NamedDay[] = [];
  const makeUp: NamedDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const detail = data.getDayDetail(day);
    // Holiday and 调休 names read "Spring Festival,春节,4"; ordinary days carry the weekday name.
    const parts = detail.name.split(',');
    if (parts.length < 2) continue;
    const name = (language === 'zh' ? parts[1] : parts[0]) ?? detail.name;
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    if (!detail.work) holidays.push({ day, name });
    else if (weekend) makeUp.push({ day, name });
  }
  return { holidays, makeUp, covered: true };
}

async function otherYear(code: string, year: number, language: HolidayLanguage): Promise<YearData> {
  const Holidays = await loadDateHolidays();
  const [country, state] = code.split('-') as [string, string | undefined];
  const calendar = state === undefined ? new Holidays(country) : new Holidays(country, state);
  const holidays: NamedDay[] = [];
  for (const h of calendar.getHolidays(year, language)) {
    if (h.type !== 'public') continue;
    // A holiday may span several days (start inclusive, end exclusive, in the region's own time zone).
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    for (let i = 0; i < days; i++)
      holidays.push({ day: new Date(first + i * DAY_MS).toISOString().slice(0, 10), name: h.name });
  }
  // Rule-based: every year is computed, so every year counts as covered.
  return { holidays, makeUp: [], covered: true };
}

const ZONE_REGIONS: Record<string, string> = {
  'Asia/Shanghai': 'CN',
  'Asia/Chongqing': 'CN',
  'Asia/Harbin': 'CN',
  'Asia/Urumqi': 'CN',
  PRC: 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Macau': 'MO',
  'Asia/Taipei': 'TW',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Asia/Kolkata': 'IN',
  'Asia/Dubai': 'AE',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Zurich': 'CH',
  'Europe/Vienna': 'AT',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Lisbon': 'PT',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Phoenix': 'US',
  'America/Los_Angeles': 'US',
  'America/Anchorage': 'US',
  'Pacific/Honolulu': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Australia/Brisbane': 'AU',
  'Australia/Perth': 'AU',
  'Pacific/Auckland': 'NZ',
};

/** The default region of a tenant in a time zone; null (working weekdays only) when the zone is not a country's. */
export function regionForTimeZone(timeZone: string): string | null {
  return ZONE_REGIONS[timeZone] ?? null;
}
