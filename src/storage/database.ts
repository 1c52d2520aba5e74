// The one Database interface: every table the service knows, by name; their column types are grouped by area in
// tables/.
import type { Kysely, Transaction } from 'kysely';
import type {
  TenantsTable,
  TeamsTable,
  EmployeesTable,
  PlatformIdentitiesTable,
  RoleGrantsTable,
  ApiTokensTable,
  AuditLogTable,
  DataRequestsTable,
  SurveyMutesTable,
} from './tables/directory.js';
import type {
  SignalEventsTable,
  DailyRollupsTable,
  InteractionEdgesTable,
  SignalCoverageTable,
} from './tables/signals.js';
import type {
  ScoringRunsTable,
  RiskRuleSetsTable,
  EmployeeScoresTable,
  TeamScoresTable,
  JobRunsTable,
} from './tables/scoring.js';
import type { OutboxTable } from './tables/delivery.js';
import type { AlertsTable, AlertFeedbackTable } from './tables/alerts.js';
import type {
  PlatformInstallationsTable,
  PossibleDeparturesTable,
  InboundDeliveriesTable,
  ChannelLinksTable,
  PlatformSendLedgerTable,
} from './tables/platforms.js';
import type { CalendarOverridesTable, LeaveDaysTable } from './tables/calendar.js';
import type {
  SurveyQuestionsTable,
  SurveySettingsTable,
  SurveyRoundsTable,
  SurveyParticipationTable,
  SurveyPseudonymsTable,
  SurveyAnswersTable,
  SurveyCommentsTable,
} from './tables/surveys.js';
import type {
  ExitReasonCodesTable,
  TeamGoalsTable,
  IndividualResultsTable,
  ScorecardWeightsTable,
  DevelopmentPlansTable,
  PlanStepsTable,
} from './tables/performance.js';
import type { ErasureKeysTable, ErasureTombstonesTable } from './tables/privacy.js';

export interface Database {
  tenants: TenantsTable;
  teams: TeamsTable;
  employees: EmployeesTable;
  platform_identities: PlatformIdentitiesTable;
  role_grants: RoleGrantsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  data_requests: DataRequestsTable;
  survey_mutes: SurveyMutesTable;
  signal_events: SignalEventsTable;
  daily_rollups: DailyRollupsTable;
  interaction_edges: InteractionEdgesTable;
  signal_coverage: SignalCoverageTable;
  scoring_runs: ScoringRunsTable;
  risk_rule_sets: RiskRuleSetsTable;
  employee_scores: EmployeeScoresTable;
  team_scores: TeamScoresTable;
  job_runs: JobRunsTable;
  outbox: OutboxTable;
  alerts: AlertsTable;
  alert_feedback: AlertFeedbackTable;
  platform_installations: PlatformInstallationsTable;
  possible_departures: PossibleDeparturesTable;
  inbound_deliveries: InboundDeliveriesTable;
  channel_links: ChannelLinksTable;
  platform_send_ledger: PlatformSendLedgerTable;
  calendar_overrides: CalendarOverridesTable;
  leave_days: LeaveDaysTable;
  survey_questions: SurveyQuestionsTable;
  survey_settings: SurveySettingsTable;
  survey_rounds: SurveyRoundsTable;
  survey_participation: SurveyParticipationTable;
  survey_pseudonyms: SurveyPseudonymsTable;
  survey_answers: SurveyAnswersTable;
  survey_comments: SurveyCommentsTable;
  exit_reason_codes: ExitReasonCodesTable;
  team_goals: TeamGoalsTable;
  individual_results: IndividualResultsTable;
  scorecard_weights: ScorecardWeightsTable;
  development_plans: DevelopmentPlansTable;
  plan_steps: PlanStepsTable;
  erasure_keys: ErasureKeysTable;
  /** Same shape as erasure_keys: 32 random bytes per tenant, hex. */
  export_link_keys: ErasureKeysTable;
  erasure_tombstones: ErasureTombstonesTable;
}

/** Repositories take either the database or a transaction, so callers choose the unit of work. */
export type Db = Kysely<Database> | Transaction<Database>;
