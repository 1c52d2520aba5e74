// Kysely table types for signals: the append-only event log, daily rollups, interaction edges, coverage.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateString, JsonWithDefault, Timestamp } from './directory.js';

export interface SignalEventsTable {
  tenant_id: string;
  /** Who delivered it: 'hr-api', 'import', 'slack', 'dingtalk', 'wecom', 'console', … */
  source: string;
  /** Id unique per source: retries and re-imports of the same id are no-ops. */
  external_id: string;
  kind: string;
  employee_id: string;
  peer_employee_id: string | null;
  occurred_at: Timestamp;
  /** The tenant-local calendar day of occurred_at (rollups are per tenant-local day). */
  day: DateString;
  /** Kind-specific metadata only (counts, types, ids) — never message text. */
  payload: JsonWithDefault<Record<string, unknown>>;
  received_at: Generated<Timestamp>;
}
export type SignalEventRow = Selectable<SignalEventsTable>;

type Count = ColumnType<number, number | undefined, number>;

/** One row per employee per tenant-local day; recomputed from signal_events for affected days. */
export interface DailyRollupsTable {
  tenant_id: string;
  employee_id: string;
  day: DateString;
  msgs_team: Count;
  msgs_dm: Count;
  msgs_group: Count;
  msgs_cross_team: Count;
  thread_replies_to_others: Count;
  distinct_collaborators: Count;
  helps_given: Count;
  helps_received: Count;
  kudos_given: Count;
  kudos_received: Count;
  leave_personal_days: Count;
  leave_sick_days: Count;
  leave_annual_days: Count;
  leave_other_days: Count;
  leave_events: Count;
  absences_unexcused: Count;
  late_arrivals: Count;
  early_leaves: Count;
  tasks_done: Count;
  tasks_late: Count;
  tasks_open: Count;
  crm_followups: Count;
  team_projects: Count;
  resource_shares: Count;
  updated_at: Generated<Timestamp>;
}
export type DailyRollup = Selectable<DailyRollupsTable>;

/** Directed interactions (messages to a peer, thread replies, mentions, helps, kudos) per day. */
export interface InteractionEdgesTable {
  tenant_id: string;
  from_employee_id: string;
  to_employee_id: string;
  day: DateString;
  count: number;
}

/**
 * Which source delivered which class of signal for which tenant-local day. Scoring uses this to tell
 * "no data" from "zero activity": a platform that cannot see group messages must never look silent.
 */
export interface SignalCoverageTable {
  tenant_id: string;
  source: string;
  /** 'message' | 'leave' | 'attendance' | 'task' | 'crm' | 'help' | 'kudos' | 'project' | 'resource' | 'org' */
  signal_class: string;
  day: DateString;
  events: number;
}
