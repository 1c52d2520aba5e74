// Scores one employee: features → published rules → risk, level and reasons with numbers; plus collaboration.
// Pure and deterministic for a given as-of window and input.
import { collaborationScore } from './collaboration.js';
import { computeFeatures, type EmployeeContext, type FeatureDetail } from './features.js';
import type { PersonRates } from './rates.js';
import type { TeamReference } from './team-reference.js';
import { evaluateRules, featuresOf, riskLevel, type FiredRule } from './rules.js';
import type { ScoringWindow } from './window.js';
import type { EmployeeScore, FeatureName, Features, Reason, RuleSet, SignalClass } from './types.js';

const FEATURE_CLASS: Partial<Record<FeatureName, SignalClass>> = {
  team_msgs_change_pct: 'message',
  activity_change_pct: 'message',
  collaborators_change_pct: 'message',
  helps_recent: 'help',
  helps_per_week_baseline: 'help',
  helps_change_pct: 'help',
  leave_change_pct: 'leave',
  personal_leave_change_pct: 'leave',
  leave_days_recent: 'leave',
  unexcused_absences_recent: 'attendance',
  task_delay_rate: 'task',
  task_delay_change_pts: 'task',
  crm_change_pct: 'crm',
};

export interface ScoredEmployee extends EmployeeScore {
  detail: FeatureDetail;
}

type ReasonText = Omit<Reason, 'contribution'>;

/** Leaves `teamChange` out where the team's change is unknown (the reason then reads without it). */
function withTeam<T extends { teamChange: number | null }>({ teamChange, ...rest }: T) {
  return teamChange === null ? rest : { ...rest, teamChange };
}

/** A message-count change with the team-wide drop taken out: raw, adjusted, the baseline's weeks, the team's own. */
function messageReason(code: string, raw: number | null, adjusted: number | null, weeks: number, team: number | null) {
  return { code, params: withTeam({ change: raw ?? 0, adjusted: adjusted ?? 0, weeks, teamChange: team }) };
}

function helpsReason(f: Features, d: FeatureDetail, window: ScoringWindow): ReasonText {
  return {
    code: 'helps_drop',
    params: withTeam({
      recentPerWeek: d.helpsRecentPerWeek ?? 0,
      days: window.recentDays,
      baselinePerWeek: f.helps_per_week_baseline ?? 0,
      change: d.helpsRawChangePct ?? 0,
      adjusted: f.helps_change_pct ?? 0,
      teamChange: d.helpsTeamChangePct,
    }),
  };
}

/** Names personal leave when it is what rose (it weighs most); otherwise the weighted total. */
function leaveReason(f: Features, d: FeatureDetail, window: ScoringWindow): ReasonText {
  const personal = f.personal_leave_change_pct ?? 0;
  if (personal > 0 && personal >= (f.leave_change_pct ?? 0) * 0.8) {
    return {
      code: 'personal_leave_change',
      params: {
        change: personal,
        days: d.personalLeaveDays ?? 0,
        expected: d.personalLeaveExpectedDays ?? 0,
        window: window.recentDays,
      },
    };
  }
  return {
    code: 'leave_change',
    params: {
      change: f.leave_change_pct ?? 0,
      days: d.weightedLeaveDays ?? 0,
      expected: d.weightedLeaveExpectedDays ?? 0,
      window: window.recentDays,
      total: f.leave_days_recent ?? 0,
    },
  };
}

const managerReason = (code: string, days: number | null): ReasonText => ({
  code,
  params: { weeks: Math.round((days ?? 0) / 7), days: days ?? 0 },
});

/**
 * The reason (code + numbers) that explains one feature. Each number is the feature the rules decided on, or the
 * detail behind it, rounded once (to 0.1 where the feature is) and shown as it is: a 6.7-week baseline says 6.7.
 * Where a team-wide drop was taken out, the raw change and the team's own come with it.
 */
function reasonFor(feature: FeatureName, f: Features, d: FeatureDetail, window: ScoringWindow): ReasonText | null {
  const weeks = f.baseline_weeks ?? 0;
  switch (feature) {
    case 'team_msgs_change_pct':
      return messageReason(
        'team_msgs_change',
        d.teamMsgsRawChangePct,
        f.team_msgs_change_pct,
        weeks,
        d.teamMsgsTeamChangePct,
      );
    case 'activity_change_pct':
      return messageReason(
        'activity_change',
        d.activityRawChangePct,
        f.activity_change_pct,
        weeks,
        d.activityTeamChangePct,
      );
    case 'collaborators_change_pct':
      return { code: 'collaborators_change', params: { change: f.collaborators_change_pct ?? 0 } };
    case 'helps_recent':
    case 'helps_per_week_baseline':
    case 'helps_change_pct':
      return helpsReason(f, d, window);
    case 'leave_change_pct':
    case 'personal_leave_change_pct':
    case 'leave_days_recent':
      return leaveReason(f, d, window);
    case 'unexcused_absences_recent':
      return {
        code: 'unexcused_absences',
        params: { count: f.unexcused_absences_recent ?? 0, days: window.recentDays },
      };
    case 'task_delay_rate':
    case 'task_delay_change_pts':
      return {
        code: 'task_delay',
        params: { rate: Math.round((f.task_delay_rate ?? 0) * 100), change: f.task_delay_change_pts ?? 0 },
      };
    case 'crm_change_pct':
      return { code: 'crm_change', params: { change: f.crm_change_pct ?? 0 } };
    case 'survey_participation_pct':
      return { code: 'survey_participation', params: { pct: f.survey_participation_pct ?? 0 } };
    case 'tenure_months':
      return { code: 'tenure_band', params: { months: f.tenure_months ?? 0 } };
    case 'manager_left_days':
      return managerReason('manager_left', f.manager_left_days);
    case 'manager_changed_days':
      return managerReason('manager_changed', f.manager_changed_days);
    case 'peers_left_90d':
      return { code: 'peers_left', params: { count: f.peers_left_90d ?? 0, days: 90 } };
    case 'baseline_weeks':
      return { code: 'baseline_weeks', params: { weeks } };
  }
}

/** "No data" reasons for every class the rules read but the platform did not deliver. */
function noDataReasons(rates: PersonRates, ruleSet: RuleSet): Reason[] {
  const usedClasses = new Set<SignalClass>();
  for (const rule of ruleSet.rules)
    for (const feature of featuresOf(rule)) {
      const cls = FEATURE_CLASS[feature];
      if (cls) usedClasses.add(cls);
    }
  return rates.missing
    .filter((cls) => usedClasses.has(cls))
    .map((cls) => ({ code: `no_data_${cls}`, params: {}, contribution: 0 }));
}

/** Each fired rule's points shared among its reasons; one reason per code, largest first. */
function firedReasons(fired: FiredRule[], features: Features, detail: FeatureDetail, window: ScoringWindow): Reason[] {
  const byCode = new Map<string, Reason>();
  for (const { rule, points } of fired) {
    const reasons = featuresOf(rule)
      .map((feature) => reasonFor(feature, features, detail, window))
      .filter((r): r is ReasonText => r !== null);
    const unique = [...new Map(reasons.map((r) => [r.code, r])).values()];
    for (const reason of unique) {
      const share = points / unique.length;
      const existing = byCode.get(reason.code);
      if (existing) existing.contribution = Math.round((existing.contribution + share) * 10) / 10;
      else byCode.set(reason.code, { ...reason, contribution: Math.round(share * 10) / 10 });
    }
  }
  return [...byCode.values()].sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code));
}

export function scoreEmployee(
  rates: PersonRates,
  team: TeamReference | null,
  context: EmployeeContext,
  window: ScoringWindow,
  ruleSet: RuleSet,
): ScoredEmployee {
  const { features, detail } = computeFeatures(rates, team, context, window);
  const now = collaborationScore(rates.recent);
  const before = collaborationScore(rates.baseline);
  detail.collaborationBaseline = before.score;
  const collaborationComponents = { ...now.parts, previous: before.score };

  const noData = noDataReasons(rates, ruleSet);
  const unscored = (status: 'no_data' | 'insufficient_history', reason: Reason): ScoredEmployee => ({
    status,
    riskScore: null,
    riskLevel: null,
    reasons: [reason, ...noData],
    features,
    detail,
    collaborationScore: null,
    collaborationComponents,
  });

  // Nothing measured at all (no rollup in the window) and not a known new joiner: say so, never "low".
  const newJoiner = context.hireDate !== null && rates.baselineWeeks < window.minBaselineWeeks;
  if (!rates.hasData && !newJoiner) {
    return unscored('no_data', {
      code: 'no_signals',
      params: { days: window.recentDays + window.baselineDays },
      contribution: 0,
    });
  }
  if (!rates.sufficient) {
    const params = {
      weeks: Math.round(rates.baselineWeeks * 10) / 10,
      required: window.minBaselineWeeks,
      workingDays: rates.baselineDays.available,
    };
    return unscored('insufficient_history', { code: 'insufficient_history', params, contribution: 0 });
  }

  const { score, fired } = evaluateRules(features, ruleSet.rules);
  const reasons = firedReasons(fired, features, detail, window);
  return {
    status: 'scored',
    riskScore: score,
    riskLevel: riskLevel(score, ruleSet.thresholds),
    reasons: [...reasons, ...noData],
    features,
    detail,
    collaborationScore: now.score,
    collaborationComponents,
  };
}
