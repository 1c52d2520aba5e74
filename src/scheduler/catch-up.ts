// Catch-up for daily jobs: a service that was down (or restarting) at 02:00 must still score that day. The missed
// run is claimed under the very slot the cron tick would have used, so it runs once across replicas and never
// twice with the tick itself.
import { addDays, localClock, localDay } from '../core/time.js';

const DAILY = /^(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/;

/** The local hour and minute of a plain daily cron ('M H * * *'); undefined for anything else. */
export function dailyTime(cron: string): { hour: number; minute: number } | undefined {
  const match = DAILY.exec(cron.trim());
  if (!match) return undefined;
  const minute = Number(match[1]);
  const hour = Number(match[2]);
  return minute < 60 && hour < 24 ? { hour, minute } : undefined;
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

/** The most recent time at or before `now` that a daily cron fired in `timeZone`. */
export function lastDailyRun(cron: string, now: Date, timeZone: string): Date | undefined {
  const time = dailyTime(cron);
  if (!time) return undefined;
  const today = localDay(now, timeZone);
  const todays = zonedInstant(today, time.hour, time.minute, timeZone);
  return todays.getTime() <= now.getTime()
    ? todays
    : zonedInstant(addDays(today, -1), time.hour, time.minute, timeZone);
}
