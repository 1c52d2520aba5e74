// Kysely table types of issue J (0015): exit-reason codes, goals and results, scorecard weights, development plans.
import type { Generated, Selectable } from 'kysely';
import type { DateString, Json, Timestamp } from './directory.js';

export interface ExitReasonCodesTable {
  tenant_id: string;
  code: string;
  position: number;
  created_at: Generated<Timestamp>;
}

export interface TeamGoalsTable {
  tenant_id: string;
  team_id: string;
  /** '2026-11' (a month) or '2026-Q4' (a quarter). */
  period: string;
  target: number | null;
  actual: number | null;
  /** Stated verdict; null ⇒ actual ≥ target. */
  met: boolean | null;
  updated_at: Generated<Timestamp>;
}

export interface IndividualResultsTable {
  tenant_id: string;
  employee_id: string;
  period: string;
  target: number;
  actual: number;
  updated_at: Generated<Timestamp>;
}

export interface ScorecardWeightsTable {
  tenant_id: string;
  version: number;
  scope: 'tenant' | 'team' | 'employee';
  team_id: string | null;
  employee_id: string | null;
  /** A partial WeightSet (src/core/performance/scorecard.ts). */
  weights: Json<Record<string, number>>;
  note: string | null;
  created_at: Generated<Timestamp>;
  created_by: string;
}

export interface DevelopmentPlansTable {
  id: Generated<string>;
  tenant_id: string;
  employee_id: string;
  template: string;
  status: 'active' | 'completed' | 'cancelled';
  start_day: DateString;
  started_by: string;
  completed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
}
export type DevelopmentPlanRow = Selectable<DevelopmentPlansTable>;

export interface PlanStepsTable {
  id: Generated<string>;
  tenant_id: string;
  plan_id: string;
  position: number;
  step: string;
  owner: 'employee' | 'manager' | 'hr';
  due_day: DateString;
  done_at: Timestamp | null;
  done_by: string | null;
  nudged_at: Timestamp | null;
}
export type PlanStepRow = Selectable<PlanStepsTable>;
