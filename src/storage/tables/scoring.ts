// Kysely table types for scoring: versioned risk rule sets, per-as_of employee and team scores, scheduler slots.
import type { Generated, Selectable } from 'kysely';
import type { DateString, Json, JsonWithDefault, Timestamp } from './directory.js';

export interface RiskRuleSetsTable {
  tenant_id: string;
  /** 1, 2, … per tenant; version 0 is the built-in default and never stored. */
  version: number;
  rules: Json<unknown>;
  thresholds: Json<unknown>;
  created_at: Generated<Timestamp>;
  created_by: string;
}

export interface EmployeeScoresTable {
  tenant_id: string;
  employee_id: string;
  as_of: DateString;
  status: 'scored' | 'insufficient_history' | 'no_data';
  risk_score: number | null;
  risk_level: 'low' | 'medium' | 'high' | null;
  /** Array of Reason (src/core/scoring/types.ts). */
  reasons: JsonWithDefault<unknown>;
  features: JsonWithDefault<unknown>;
  collaboration_score: number | null;
  collaboration_components: JsonWithDefault<unknown>;
  rule_version: number;
  computed_at: Generated<Timestamp>;
}
export type EmployeeScoreRow = Selectable<EmployeeScoresTable>;

export interface TeamScoresTable {
  tenant_id: string;
  team_id: string;
  as_of: DateString;
  score: number | null;
  tier: 'positive' | 'neutral' | 'negative' | null;
  /** Array of Reason-shaped drivers. */
  drivers: JsonWithDefault<unknown>;
  member_count: number;
  computed_at: Generated<Timestamp>;
}
export type TeamScoreRow = Selectable<TeamScoresTable>;

export interface JobRunsTable {
  id: Generated<string>;
  job: string;
  /** Unique per job: a replica claims a slot by inserting it; a conflict means another replica has it. */
  slot: string;
  tenant_id: string | null;
  claimed_by: string;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
  /** 0009: a running slot whose lease ran out belongs to a replica that died; the next claim takes it over. */
  lease_until: Timestamp | null;
  /** 0009: claims of this slot so far (1 + takeovers); fences the writes of a replica whose lease was taken. */
  attempt: Generated<number>;
}
export type JobRunRow = Selectable<JobRunsTable>;

/** A completed scoring day of a tenant (0006): written in the same transaction as that day's scores. */
export interface ScoringRunsTable {
  tenant_id: string;
  as_of: DateString;
  rule_version: number;
  /** Counts per status and level, and where the time went. */
  summary: JsonWithDefault<unknown>;
  started_at: Timestamp;
  completed_at: Generated<Timestamp>;
}
