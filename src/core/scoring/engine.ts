// Scores one employee: features → published rules → risk, level and reasons with numbers; plus collaboration.
// Pure and deterministic for a given as-of window and input.
import { collaborationScore } from './collaboration.js';
import { computeFeatures, type EmployeeContext, type FeatureDetail } from './features.js';
import type { PersonRates } from './rates.js';
import type { TeamReference } from './team-reference.js';
import { evaluateRules, featuresOf, riskLevel } from './rules.js';
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

/**
 * The reason (code + numbers) that explains one feature. Each number is the feature the rules decided on, or the
 * detail behind it, rounded once (to 0.1 where the feature is) and shown as it is: a 6.7-week baseline says 6.7.
 * Where a team-wide drop was taken out, the raw change and the team's own come with it.
 */
function reasonFor(
  feature: FeatureName,
  f: Features,
  d: FeatureDetail,
  window: ScoringWindow,
): Omit<Reason, 'contribution'> | null {
  const weeks = f.baseline_weeks ?? 0;
  const team = (value: number | null): Record<string, number> => (value === null ? {} : { teamChange: value });
  switch (feature) {
    case 'team_msgs_change_pct':
      return {
        code: 'team_msgs_change',
        params: {
          change: d.teamMsgsRawChangePct ?? 0,
          adjusted: f.team_msgs_change_pct ?? 0,
          weeks,
          ...team(d.teamMsgsTeamChangePct),
        },
      };
    case 'activity_change_pct':
      return {
        code: 'activity_change',
        params: {
          change: d.activityRawChangePct ?? 0,
          adjusted: f.activity_change_pct ?? 0,
          weeks,
          ...team(d.activityTeamChangePct),
        },
      };
    case 'collaborators_change_pct':
      return { code: 'collaborators_change', params: { change: f.collaborators_change_pct ?? 0 } };
    case 'helps_recent':
    case 'helps_per_week_baseline':
    case 'helps_change_pct':
      return {
        code: 'helps_drop',
        params: {
          recentPerWeek: d.helpsRecentPerWeek ?? 0,
          days: window.recentDays,
          baselinePerWeek: f.helps_per_week_baseline ?? 0,
          change: d.helpsRawChangePct ?? 0,
          adjusted: f.helps_change_pct ?? 0,
          ...team(d.helpsTeamChangePct),
        },
      };
    case 'leave_change_pct':
    case 'personal_leave_change_pct':
    case 'leave_days_recent':
      // Name personal leave when it is what rose (it weighs most); otherwise the weighted total.
      if (
        (f.personal_leave_change_pct ?? 0) > 0 &&
        (f.personal_leave_change_pct ?? 0) >= (f.leave_change_pct ?? 0) * 0.8
      ) {
        return {
          code: 'personal_leave_change',
          params: {
            change: f.personal_leave_change_pct ?? 0,
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
      return {
        code: 'manager_left',
        params: { weeks: Math.round((f.manager_left_days ?? 0) / 7), days: f.manager_left_days ?? 0 },
      };
    case 'manager_changed_days':
      return {
        code: 'manager_changed',
        params: { weeks: Math.round((f.manager_changed_days ?? 0) / 7), days: f.manager_changed_days ?? 0 },
      };
    case 'peers_left_90d':
      return { code: 'peers_left', params: { count: f.peers_left_90d ?? 0, days: 90 } };
    case 'baseline_weeks':
      return { code: 'baseline_weeks', params: { weeks } };
  }
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

  // "No data" reasons for every class the rules read but the platform did not deliver.
  const usedClasses = new Set<SignalClass>();
  for (const rule of ruleSet.rules)
    for (const feature of featuresOf(rule)) {
      const cls = FEATURE_CLASS[feature];
      if (cls) usedClasses.add(cls);
    }
  const noData: Reason[] = rates.missing
    .filter((cls) => usedClasses.has(cls))
    .map((cls) => ({ code: `no_data_${cls}`, params: {}, contribution: 0 }));

  // Nothing measured at all (no rollup in the window) and not a known new joiner: say so, never "low".
  const newJoiner = context.hireDate !== null && rates.baselineWeeks < window.minBaselineWeeks;
  if (!rates.hasData && !newJoiner) {
    return {
      status: 'no_data',
      riskScore: null,
      riskLevel: null,
      reasons: [
        { code: 'no_signals', params: { days: window.recentDays + window.baselineDays }, contribution: 0 },
        ...noData,
      ],
      features,
      detail,
      collaborationScore: null,
      collaborationComponents,
    };
  }
  if (!rates.sufficient) {
    return {
      status: 'insufficient_history',
      riskScore: null,
      riskLevel: null,
      reasons: [
        {
          code: 'insufficient_history',
          params: {
            weeks: Math.round(rates.baselineWeeks * 10) / 10,
            required: window.minBaselineWeeks,
            workingDays: rates.baselineDays.available,
          },
          contribution: 0,
        },
        ...noData,
      ],
      features,
      detail,
      collaborationScore: null,
      collaborationComponents,
    };
  }

  const { score, fired } = evaluateRules(features, ruleSet.rules);
  const byCode = new Map<string, Reason>();
  for (const { rule, points } of fired) {
    const reasons = featuresOf(rule)
      .map((feature) => reasonFor(feature, features, detail, window))
      .filter((r): r is Omit<Reason, 'contribution'> => r !== null);
    const unique = [...new Map(reasons.map((r) => [r.code, r])).values()];
    for (const reason of unique) {
      const share = points / unique.length;
      const existing = byCode.get(reason.code);
      if (existing) existing.contribution = Math.round((existing.contribution + share) * 10) / 10;
      else byCode.set(reason.code, { ...reason, contribution: Math.round(share * 10) / 10 });
    }
  }
  const reasons = [...byCode.values()].sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code));
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
