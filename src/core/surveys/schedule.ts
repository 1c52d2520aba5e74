// When rounds open, remind and close — on the tenant's working days, in its time zone (the caller passes the
// tenant-local day and the tenant's working calendar). Pure.
import { addDays, weekdayOf } from '../time.js';
import type { WorkingCalendar } from '../calendar/index.js';
import type { SurveyCadence } from './types.js';

/** Working days a round stays open (the opening day is day 1). */
export const OPEN_WORKING_DAYS: Record<SurveyCadence, number> = { weekly: 5, biweekly: 10, monthly: 10 };
/** The one reminder goes out on this working day of the round (day 3). */
export const REMINDER_WORKING_DAY = 3;

/** The cadence period a day falls in: the Monday of its week, of its two-week block, or the 1st of its month. */
export function cadencePeriod(cadence: SurveyCadence, day: string): string {
  if (cadence === 'monthly') return `${day.slice(0, 7)}-01`;
  const monday = addDays(day, 1 - weekdayOf(day));
  if (cadence === 'weekly') return monday;
  // Two-week blocks counted from Monday 1970-01-05, so every tenant's blocks line up.
  const weeks = Math.floor((Date.parse(`${monday}T00:00:00Z`) - Date.parse('1970-01-05T00:00:00Z')) / 604_800_000);
  return weeks % 2 === 0 ? monday : addDays(monday, -7);
}

/**
 * A scheduled round is due on the first working day of each cadence period: `today` is a working day and no
 * scheduled round opened in its period yet. Weekends, public holidays and company days off never open one.
 */
export function isRoundDue(input: {
  cadence: SurveyCadence;
  today: string;
  calendar: WorkingCalendar;
  lastScheduledOpenedOn: string | null;
}): boolean {
  if (!input.calendar.isWorkingDay(input.today)) return false;
  if (input.lastScheduledOpenedOn === null) return true;
  return cadencePeriod(input.cadence, input.lastScheduledOpenedOn) !== cadencePeriod(input.cadence, input.today);
}

export interface RoundDates {
  openedOn: string;
  reminderOn: string;
  /** The last day answers are taken (the round closes after it). */
  closesOn: string;
}

/** Reminder on the round's 3rd working day, close after its last working day (counting from the opening day). */
export function roundDates(calendar: WorkingCalendar, openedOn: string, cadence: SurveyCadence): RoundDates {
  const days = calendar.nextWorkingDays(openedOn, Math.max(OPEN_WORKING_DAYS[cadence], REMINDER_WORKING_DAY));
  return {
    openedOn,
    reminderOn: days[REMINDER_WORKING_DAY - 1] ?? addDays(openedOn, 2),
    closesOn: days[OPEN_WORKING_DAYS[cadence] - 1] ?? addDays(openedOn, OPEN_WORKING_DAYS[cadence] - 1),
  };
}

export interface ReminderState {
  answered: boolean;
  muted: boolean;
  reminded: boolean;
}

/** One reminder at most, on or after the reminder day while the round is open, and none for who answered or muted. */
export function shouldRemind(
  person: ReminderState,
  round: { reminderOn: string; closesOn: string; closed: boolean },
  today: string,
  calendar: WorkingCalendar,
): boolean {
  if (person.answered || person.muted || person.reminded || round.closed) return false;
  return today >= round.reminderOn && today <= round.closesOn && calendar.isWorkingDay(today);
}

/** A round is closed after its last day. */
export const isPastClose = (closesOn: string, today: string): boolean => today > closesOn;
