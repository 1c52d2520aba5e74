// Calendar helpers on tenant-local days ('YYYY-MM-DD' strings) and IANA time zones. Pure: no I/O.

// Intl formatters are costly to build and these run per event: one per (shape, time zone), kept for the process.
const FORMATS = {
  day: { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  clock: { locale: 'en-US', options: { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } },
  wall: {
    locale: 'en-US',
    options: {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    },
  },
} as const satisfies Record<string, { locale: string; options: Intl.DateTimeFormatOptions }>;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(shape: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${shape} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(FORMATS[shape].locale, { timeZone, ...FORMATS[shape].options });
    formatters.set(key, format);
  }
  return format;
}

const partsOf = (shape: keyof typeof FORMATS, instant: Date, timeZone: string) =>
  Object.fromEntries(
    formatter(shape, timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return formatter('day', timeZone).format(instant);
}

/** Weekday (1 = Monday … 7 = Sunday), hour and minute of an instant in a time zone. */
export function localClock(instant: Date, timeZone: string): { weekday: number; hour: number; minute: number } {
  const parts = partsOf('clock', instant, timeZone);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  return { weekday, hour: Number(parts.hour), minute: Number(parts.minute) };
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** day + n calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Inclusive list of days from..to. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/** Weekday of a calendar day (1 = Monday … 7 = Sunday). */
export function weekdayOf(day: string): number {
  const js = new Date(`${day}T00:00:00Z`).getUTCDay();
  return js === 0 ? 7 : js;
}

/** The wall-clock reading of an instant in a time zone, as if that reading were UTC (for offset arithmetic). */
function wallClock(instant: Date, timeZone: string): number {
  const p = partsOf('wall', instant, timeZone);
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/**
 * The instant of 12:00 local time on `day` in `timeZone`. HR systems often send a bare date (a leave day, a hire
 * date); noon lands on that same local day whatever the offset or DST shift.
 */
export function zonedNoon(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T12:00:00Z`);
  const offset = wallClock(new Date(guess), timeZone) - guess;
  return new Date(guess - offset);
}
