// Catch-up for daily jobs: a service that was down (or restarting) at 02:00 must still score that day. The missed
// run is claimed under the very slot the cron tick would have used, so it runs once across replicas and never
// twice with the tick itself. Any expression node-cron accepts works (5 or 6 fields, names, ranges, steps, `L`,
// `#`, `W`): its fields are expanded by node-cron's own parser and the candidate times walked back from now.
import { parse, validateDetailed, type ParsedFields } from 'node-cron';
import { addDays, localClock, localDay } from '../core/time.js';

/** How far back catch-up looks: a week, so a weekdays-only expression still catches up across a weekend. */
export const CATCH_UP_DAYS = 7;

/** Why a cron expression is not valid, one line (undefined when it is): node-cron's own field messages. */
export function cronProblem(expression: string): string | undefined {
  const result = validateDetailed(expression);
  if (result.valid) return undefined;
  const problems = result.errors.map((e) => `${e.field}: ${e.message}`);
  return problems.length > 0 ? problems.join('; ') : 'not a cron expression';
}

/** The instant at which the wall clock in `timeZone` reads `day` `hour`:`minute` (the later one in a DST gap). */
export function zonedInstant(day: string, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  let instant = wanted;
  // Two corrections settle the zone offset (a third changes nothing outside DST transitions).
  for (let i = 0; i < 3; i++) {
    const clock = localClock(new Date(instant), timeZone);
    const seen = Date.parse(
      `${localDay(new Date(instant), timeZone)}T${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}:00Z`,
    );
    if (seen === wanted) break;
    instant += wanted - seen;
  }
  return new Date(instant);
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The weekday (Mon–Fri) nearest to `target` within the month, as cron's `W` means it. */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  const day = Math.min(target, last);
  const weekday = weekdayOf(year, month, day);
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === last ? day - 2 : day + 1;
  return day;
}

function dayOfMonthMatches(values: ParsedFields['dayOfMonth'], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  return values.some((value) => {
    if (typeof value === 'number') return value === day;
    if (value === 'L') return day === last;
    const nearest = /^(\d+|L)W$/.exec(value);
    if (nearest) return nearestWeekday(year, month, nearest[1] === 'L' ? last : Number(nearest[1])) === day;
    const offset = /^L-(\d+)$/.exec(value);
    return offset !== null && last - Number(offset[1]) === day;
  });
}

function dayOfWeekMatches(values: ParsedFields['dayOfWeek'], year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  return values.some((value) => {
    if (typeof value === 'number') return value % 7 === weekday;
    const nth = /^(\d)#(\d)$/.exec(value);
    if (nth) return Number(nth[1]) % 7 === weekday && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const lastOne = /^(\d)L$/.exec(value);
    return lastOne !== null && Number(lastOne[1]) % 7 === weekday && day + 7 > lastDayOfMonth(year, month);
  });
}

/** Does the expression fire on this local calendar day (month, day of month and day of week all match)? */
export function firesOnDay(fields: ParsedFields, day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return (
    fields.month.includes(month) &&
    dayOfMonthMatches(fields.dayOfMonth, year, month, date) &&
    dayOfWeekMatches(fields.dayOfWeek, year, month, date)
  );
}

/**
 * The most recent time at or before `now` that `cron` fired in `timeZone`, looking back `CATCH_UP_DAYS` days;
 * undefined when it did not fire in that span (or the expression is invalid). Local times that do not exist (a
 * DST gap) are skipped, as node-cron never fires at them.
 */
export function lastRun(cron: string, now: Date, timeZone: string, days = CATCH_UP_DAYS): Date | undefined {
  let fields: ParsedFields;
  try {
    fields = parse(cron);
  } catch {
    return undefined;
  }
  const desc = (values: number[]) => [...values].sort((a, b) => b - a);
  const hours = desc(fields.hour);
  const minutes = desc(fields.minute);
  const seconds = desc(fields.second);
  const today = localDay(now, timeZone);
  for (let back = 0; back <= days; back++) {
    const day = addDays(today, -back);
    if (!firesOnDay(fields, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const start = zonedInstant(day, hour, minute, timeZone);
        const clock = localClock(start, timeZone);
        if (localDay(start, timeZone) !== day || clock.hour !== hour || clock.minute !== minute) continue;
        for (const second of seconds) {
          const at = new Date(start.getTime() + second * 1000);
          if (at.getTime() <= now.getTime()) return at;
        }
      }
    }
  }
  return undefined;
}
