// Quiet hours: nothing is sent at weekends or outside working hours in the tenant's time zone — it waits.
// nextAllowedTime() answers "when may this go out?"; the outbox's notBefore carries the answer.
import { addDays, localClock, localDay, weekdayOf } from '../time.js';

export interface WorkingHours {
  /** ISO weekdays on which sending is allowed (1 = Monday … 7 = Sunday). */
  days: number[];
  /** 'HH:MM' local start (inclusive) and end (exclusive). */
  start: string;
  end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

export interface QuietHoursSettings {
  /** Tenant setting (tenants.quiet_hours) AND the service-wide switch (config.quietHours). */
  enabled: boolean;
  timeZone: string;
  workingHours?: WorkingHours | undefined;
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Reads `settings.workingHours` from a tenant's settings JSON; anything malformed falls back to the default. */
export function workingHoursFromSettings(settings: Record<string, unknown> | null | undefined): WorkingHours {
  const raw = settings?.workingHours as Partial<WorkingHours> | undefined;
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (
    !raw ||
    !Array.isArray(raw.days) ||
    !raw.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) ||
    typeof raw.start !== 'string' ||
    typeof raw.end !== 'string' ||
    !hhmm.test(raw.start) ||
    !hhmm.test(raw.end) ||
    toMinutes(raw.start) >= toMinutes(raw.end) ||
    raw.days.length === 0
  ) {
    return DEFAULT_WORKING_HOURS;
  }
  return { days: [...raw.days], start: raw.start, end: raw.end };
}

/** The UTC instant of a local wall-clock time in a time zone (DST-safe: the offset is re-checked once). */
export function zonedTime(day: string, hhmm: string, timeZone: string): Date {
  const minutes = toMinutes(hhmm);
  const wall = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const clock = localClock(new Date(guess), timeZone);
    const seenDay = localDay(new Date(guess), timeZone);
    const seen = Date.parse(`${seenDay}T00:00:00Z`) + (clock.hour * 60 + clock.minute) * 60_000;
    guess += wall - seen;
  }
  return new Date(guess);
}

export function isWithinWorkingHours(
  instant: Date,
  timeZone: string,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): boolean {
  const clock = localClock(instant, timeZone);
  const minutes = clock.hour * 60 + clock.minute;
  return hours.days.includes(clock.weekday) && minutes >= toMinutes(hours.start) && minutes < toMinutes(hours.end);
}

/** `now` if sending is allowed now, else the start of the next working window in the tenant's time zone. */
export function nextAllowedTime(now: Date, settings: QuietHoursSettings): Date {
  if (!settings.enabled) return now;
  const hours = settings.workingHours ?? DEFAULT_WORKING_HOURS;
  if (isWithinWorkingHours(now, settings.timeZone, hours)) return now;
  const today = localDay(now, settings.timeZone);
  const clock = localClock(now, settings.timeZone);
  const beforeStartToday = clock.hour * 60 + clock.minute < toMinutes(hours.start);
  for (let offset = beforeStartToday ? 0 : 1; offset <= 7; offset++) {
    const day = addDays(today, offset);
    if (hours.days.includes(weekdayOf(day))) return zonedTime(day, hours.start, settings.timeZone);
  }
  return now; // unreachable with at least one working day; never drop a message
}
