// Shapes the alert policy works on. Kept independent of storage rows so the policy stays pure and testable.

export type RiskLevel = 'low' | 'medium' | 'high';
export type TeamTier = 'positive' | 'neutral' | 'negative';
export type AlertKind = 'risk' | 'team_warning';
export type RoutedVia = 'manager' | 'skip_level' | 'hr';
export type FeedbackValue = 'done' | 'one_on_one' | 'snooze' | 'not_accurate';
export const FEEDBACK_VALUES: readonly FeedbackValue[] = ['done', 'one_on_one', 'snooze', 'not_accurate'];

/** Why an alert was raised now: a fresh escalation, a worsening inside the cooldown, or the end of a snooze. */
export type AlertTrigger = 'escalated' | 'worse' | 'reminder';

/** Same shape as scoring's Reason (src/core/scoring/types.ts): a code, its numbers, its weight in the score. */
export interface AlertReason {
  code: string;
  params: Record<string, number | string>;
  contribution: number;
}

/** The subject's most recent escalation (one alert per recipient share it), as the policy needs it. */
export interface PreviousAlert {
  /** The scoring day the alert was raised for ('YYYY-MM-DD'). */
  asOf: string;
  level: string;
  score: number | null;
  /** Snooze on that escalation (latest over its recipients); a later alert starts without one. */
  snoozedUntil: Date | null;
}

export interface AlertPolicySettings {
  /** Days after an alert during which the same subject is not alerted again unless it gets worse. */
  cooldownDays: number;
  /** Lowest risk level that alerts a manager ('high' by default: quiet by default). */
  minLevel: RiskLevel;
  /** Score points above the last alert's score that count as "worse" at the same level. */
  worsenPoints: number;
  /** Length of a snooze. */
  snoozeDays: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicySettings = {
  cooldownDays: 14,
  minLevel: 'high',
  worsenPoints: 10,
  snoozeDays: 14,
};

export type AlertDecision =
  | { raise: true; trigger: AlertTrigger }
  | { raise: false; why: 'not_eligible' | 'no_escalation' | 'cooldown' | 'snoozed' };
