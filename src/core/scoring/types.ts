// Shared shapes of the scoring engine: reasons, features, rule sets, results. Pure data, no I/O.

/** One explanation of a score: a catalogue code (rendered as `reason.<code>` / `driver.<code>`), its numbers, and
 * how many score points it accounts for. Drivers of a team's atmosphere use the same shape. */
export interface Reason {
  code: string;
  params: Record<string, number | string>;
  contribution: number;
}

/** The daily-rollup columns the engine reads (see migrations/0002_signals.ts). */
export const ROLLUP_METRICS = [
  'msgs_team',
  'msgs_dm',
  'msgs_group',
  'msgs_cross_team',
  'thread_replies_to_others',
  'distinct_collaborators',
  'helps_given',
  'helps_received',
  'kudos_given',
  'kudos_received',
  'leave_events',
  'absences_unexcused',
  'late_arrivals',
  'early_leaves',
  'tasks_done',
  'tasks_late',
  'tasks_open',
  'crm_followups',
  'team_projects',
  'resource_shares',
  'leave_personal_days',
  'leave_sick_days',
  'leave_annual_days',
  'leave_other_days',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];
/** The metrics the engine actually reads (the others are aggregated as zero to keep the scan narrow). */
const UNSCORED_METRICS: ReadonlySet<RollupMetric> = new Set([
  'helps_received',
  'leave_events',
  'late_arrivals',
  'early_leaves',
  'tasks_open',
] as const);
export const SCORED_METRICS: readonly RollupMetric[] = ROLLUP_METRICS.filter((m) => !UNSCORED_METRICS.has(m));
export type MetricSums = Record<RollupMetric, number>;

/** The classes of signal_coverage rows, and which rollup metrics each class delivers. */
export type SignalClass =
  'message' | 'leave' | 'attendance' | 'task' | 'crm' | 'help' | 'kudos' | 'project' | 'resource';
export const SIGNAL_CLASSES: readonly SignalClass[] = [
  'message',
  'leave',
  'attendance',
  'task',
  'crm',
  'help',
  'kudos',
  'project',
  'resource',
];

export const METRIC_CLASS: Record<RollupMetric, SignalClass> = {
  msgs_team: 'message',
  msgs_dm: 'message',
  msgs_group: 'message',
  msgs_cross_team: 'message',
  thread_replies_to_others: 'message',
  distinct_collaborators: 'message',
  helps_given: 'help',
  helps_received: 'help',
  kudos_given: 'kudos',
  kudos_received: 'kudos',
  leave_events: 'leave',
  leave_personal_days: 'leave',
  leave_sick_days: 'leave',
  leave_annual_days: 'leave',
  leave_other_days: 'leave',
  absences_unexcused: 'attendance',
  late_arrivals: 'attendance',
  early_leaves: 'attendance',
  tasks_done: 'task',
  tasks_late: 'task',
  tasks_open: 'task',
  crm_followups: 'crm',
  team_projects: 'project',
  resource_shares: 'resource',
};

export type RiskLevel = 'low' | 'medium' | 'high';
export type TeamTier = 'positive' | 'neutral' | 'negative';

/** Numeric features of one employee; null means "no data" (never treated as zero). */
export type FeatureName =
  | 'team_msgs_change_pct'
  | 'activity_change_pct'
  | 'collaborators_change_pct'
  | 'helps_recent'
  | 'helps_per_week_baseline'
  | 'helps_change_pct'
  | 'leave_change_pct'
  | 'personal_leave_change_pct'
  | 'leave_days_recent'
  | 'unexcused_absences_recent'
  | 'task_delay_rate'
  | 'task_delay_change_pts'
  | 'crm_change_pct'
  | 'survey_participation_pct'
  | 'tenure_months'
  | 'manager_left_days'
  | 'manager_changed_days'
  | 'peers_left_90d'
  | 'baseline_weeks';

export type Features = Record<FeatureName, number | null>;

export const FEATURE_NAMES: readonly FeatureName[] = [
  'team_msgs_change_pct',
  'activity_change_pct',
  'collaborators_change_pct',
  'helps_recent',
  'helps_per_week_baseline',
  'helps_change_pct',
  'leave_change_pct',
  'personal_leave_change_pct',
  'leave_days_recent',
  'unexcused_absences_recent',
  'task_delay_rate',
  'task_delay_change_pts',
  'crm_change_pct',
  'survey_participation_pct',
  'tenure_months',
  'manager_left_days',
  'manager_changed_days',
  'peers_left_90d',
  'baseline_weeks',
];

export type ConditionOp = '<' | '<=' | '>' | '>=' | '==';
export interface RuleCondition {
  feature: FeatureName;
  op: ConditionOp;
  value: number;
}

/** A published risk rule: when every condition holds, the rule contributes `contribution` (0–100). */
export interface RiskRule {
  id: string;
  description?: string;
  when: RuleCondition[];
  contribution: number;
}

export interface Thresholds {
  /** risk ≥ medium ⇒ medium, ≥ high ⇒ high. */
  medium: number;
  high: number;
  /** team atmosphere ≥ positive ⇒ positive; < negative ⇒ negative. */
  positive: number;
  negative: number;
}

export interface RuleSet {
  version: number;
  rules: RiskRule[];
  thresholds: Thresholds;
}

/** scored; insufficient_history = a new joiner below the minimum baseline; no_data = no signal at all. */
export type ScoreStatus = 'scored' | 'insufficient_history' | 'no_data';

export interface EmployeeScore {
  status: ScoreStatus;
  riskScore: number | null;
  riskLevel: RiskLevel | null;
  reasons: Reason[];
  features: Features;
  collaborationScore: number | null;
  collaborationComponents: CollaborationComponents;
}

export interface CollaborationComponents {
  helping: number | null;
  teamProjects: number | null;
  resourceSharing: number | null;
  kudosReceived: number | null;
  /** The same score over the baseline window, so a fall (85 → 60) is visible. */
  previous: number | null;
}

export interface TeamScore {
  score: number | null;
  tier: TeamTier | null;
  drivers: Reason[];
  memberCount: number;
}
