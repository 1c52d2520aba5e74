// The alert policy: raise once per escalation, stay quiet during the cooldown unless things get worse,
// honour snoozes. Pure: every input (scores, the last alert, the clock) is passed in.
import { daysBetween } from '../time.js';
import type { AlertDecision, AlertPolicySettings, PreviousAlert, RiskLevel, TeamTier } from './types.js';
import { DEFAULT_ALERT_POLICY } from './types.js';

const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };
/** Higher = worse, so team tiers and risk levels escalate the same way. */
const TIER_RANK: Record<TeamTier, number> = { positive: 0, neutral: 1, negative: 2 };

export const riskRank = (level: string | null | undefined): number =>
  level && level in RISK_RANK ? RISK_RANK[level as RiskLevel] : -1;
export const tierRank = (tier: string | null | undefined): number =>
  tier && tier in TIER_RANK ? TIER_RANK[tier as TeamTier] : -1;

export interface EscalationInput {
  /** Rank of the current level (−1 ⇒ not scored). */
  currentRank: number;
  /** Rank at the previous scoring day (undefined ⇒ no previous score). */
  previousRank: number | undefined;
  /** The lowest rank that alerts. */
  minRank: number;
  /** Current score; for teams pass the inverted score so that "higher = worse" holds. */
  currentSeverity: number | null;
  lastAlert: PreviousAlert | undefined;
  /** Rank of the last alert's level and its severity (same orientation as current). */
  lastRank: number;
  lastSeverity: number | null;
  asOf: string;
  now: Date;
  settings: AlertPolicySettings;
}

/** The shared escalation rule behind employee alerts and team warnings. */
export function decideEscalation(input: EscalationInput): AlertDecision {
  const { currentRank, previousRank, minRank, lastAlert, settings } = input;
  if (currentRank < minRank) return { raise: false, why: 'not_eligible' };
  // A snooze silences the subject completely until it ends, then the person is reminded once if still flagged.
  if (lastAlert?.snoozedUntil) {
    if (lastAlert.snoozedUntil.getTime() > input.now.getTime()) return { raise: false, why: 'snoozed' };
    return { raise: true, trigger: 'reminder' };
  }
  const worse =
    lastAlert !== undefined &&
    (currentRank > input.lastRank ||
      (currentRank === input.lastRank &&
        input.currentSeverity !== null &&
        input.lastSeverity !== null &&
        input.currentSeverity >= input.lastSeverity + settings.worsenPoints));
  const inCooldown = lastAlert !== undefined && daysBetween(lastAlert.asOf, input.asOf) < settings.cooldownDays;
  if (inCooldown) return worse ? { raise: true, trigger: 'worse' } : { raise: false, why: 'cooldown' };
  const escalated = previousRank === undefined || currentRank > previousRank;
  if (escalated) return { raise: true, trigger: 'escalated' };
  if (worse) return { raise: true, trigger: 'worse' };
  return { raise: false, why: 'no_escalation' };
}

/** A subject's standing today and on the previous scoring day, and its latest alert. */
interface DecisionInput<Standing> {
  current: Standing;
  previous?: Standing | undefined;
  lastAlert?: PreviousAlert | undefined;
  asOf: string;
  now: Date;
  settings?: Partial<AlertPolicySettings>;
}

export type EmployeeAlertInput = DecisionInput<{ level: string | null; score: number | null }>;

/** Raise when an employee enters the alerting level (default high) or rises a level within it. */
export function decideEmployeeAlert(input: EmployeeAlertInput): AlertDecision {
  const settings = { ...DEFAULT_ALERT_POLICY, ...input.settings };
  const previousRank = input.previous ? riskRank(input.previous.level) : undefined;
  return decideEscalation({
    currentRank: riskRank(input.current.level),
    previousRank: previousRank === -1 ? undefined : previousRank,
    minRank: RISK_RANK[settings.minLevel],
    currentSeverity: input.current.score,
    lastAlert: input.lastAlert,
    lastRank: input.lastAlert ? riskRank(input.lastAlert.level) : -1,
    lastSeverity: input.lastAlert?.score ?? null,
    asOf: input.asOf,
    now: input.now,
    settings,
  });
}

export type TeamWarningInput = DecisionInput<{ tier: string | null; score: number | null }>;

/** Warn HR when a team turns negative; again inside the cooldown only if its score fell further. */
export function decideTeamWarning(input: TeamWarningInput): AlertDecision {
  const settings = { ...DEFAULT_ALERT_POLICY, ...input.settings };
  const previousRank = input.previous ? tierRank(input.previous.tier) : undefined;
  // Atmosphere: lower is worse, so severity is the negated score.
  const severity = (score: number | null | undefined) => (score === null || score === undefined ? null : -score);
  return decideEscalation({
    currentRank: tierRank(input.current.tier),
    previousRank: previousRank === -1 ? undefined : previousRank,
    minRank: TIER_RANK.negative,
    currentSeverity: severity(input.current.score),
    lastAlert: input.lastAlert,
    lastRank: input.lastAlert ? tierRank(input.lastAlert.level) : -1,
    lastSeverity: severity(input.lastAlert?.score),
    asOf: input.asOf,
    now: input.now,
    settings,
  });
}

/** When a snooze pressed now ends. */
export function snoozeUntil(now: Date, settings: Partial<AlertPolicySettings> = {}): Date {
  const days = settings.snoozeDays ?? DEFAULT_ALERT_POLICY.snoozeDays;
  return new Date(now.getTime() + days * 86_400_000);
}
