// Kysely table types for working calendars: company overrides and leave spread over working days (0006).
import type { Generated, Selectable } from 'kysely';
import type { DateString, Timestamp } from './directory.js';

export interface CalendarOverridesTable {
  tenant_id: string;
  day: DateString;
  kind: 'day_off' | 'working_day';
  note: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}
export type CalendarOverrideRow = Selectable<CalendarOverridesTable>;

/** One row per working day a leave covers (its share of the leave, ≤ 1 day). */
export interface LeaveDaysTable {
  tenant_id: string;
  employee_id: string;
  source: string;
  external_id: string;
  /** The leave's start day (signal_events.day of the leave event). */
  start_day: DateString;
  day: DateString;
  leave_type: string;
  days: number;
}
