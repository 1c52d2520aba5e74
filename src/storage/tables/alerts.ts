// Kysely table types for alerts (one row per recipient of an escalation) and the feedback given on them.
import type { Generated, Selectable } from 'kysely';
import type { DateString, JsonWithDefault, Timestamp } from './directory.js';

export interface AlertsTable {
  id: Generated<string>;
  tenant_id: string;
  kind: 'risk' | 'team_warning';
  subject_employee_id: string | null;
  subject_team_id: string | null;
  /** Risk level (low | medium | high) or team tier (positive | neutral | negative) at the time. */
  level: string;
  score: number | null;
  /** Snapshot of the reasons / drivers (array of Reason) the alert was raised with. */
  reasons: JsonWithDefault<unknown>;
  as_of: DateString;
  trigger: 'escalated' | 'worse' | 'reminder';
  recipient_employee_id: string | null;
  routed_via: 'manager' | 'skip_level' | 'hr';
  outbox_id: string | null;
  created_at: Generated<Timestamp>;
  snoozed_until: Timestamp | null;
}
export type AlertRow = Selectable<AlertsTable>;

export interface AlertFeedbackTable {
  id: Generated<string>;
  tenant_id: string;
  alert_id: string;
  /** Who pressed the button / called the API (null when not an employee, e.g. an HR API token). */
  employee_id: string | null;
  value: 'done' | 'one_on_one' | 'snooze' | 'not_accurate';
  /** 'chat' (a button) or 'api'. */
  source: string;
  at: Generated<Timestamp>;
}
export type AlertFeedbackRow = Selectable<AlertFeedbackTable>;
