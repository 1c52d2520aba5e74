// The risk model as published, editable rules. A rule fires when all of its conditions hold (a null feature —
// "no data" — never satisfies a condition); fired contributions combine as independent chances,
// risk = 100 × (1 − Π(1 − cᵢ/100)), so one strong rule gives about its own value and more evidence raises it.
import {
  FEATURE_NAMES,
  type ConditionOp,
  type FeatureName,
  type Features,
  type RiskLevel,
  type RiskRule,
  type RuleSet,
  type TeamTier,
  type Thresholds,
} from './types.js';

export const DEFAULT_THRESHOLDS: Thresholds = { medium: 40, high: 70, positive: 70, negative: 40 };

/** A condition as it reads in the published model: "feature op value". */
type ConditionText = `${FeatureName} ${ConditionOp} ${number}`;

/** One rule; the object keeps the stored key order (id, description, when, contribution). */
function rule(id: string, contribution: number, when: ConditionText[], description: string): RiskRule {
  const conditions = when.map((text) => {
    const [feature, op, value] = text.split(' ') as [FeatureName, ConditionOp, string];
    return { feature, op, value: Number(value) };
  });
  return { id, description, when: conditions, contribution };
}

/** Version 0: the built-in defaults every tenant starts from (the seed's rule first). */
export const DEFAULT_RULES: RiskRule[] = [
  rule(
    'activity_and_leave',
    80,
    ['team_msgs_change_pct <= -50', 'leave_change_pct >= 30'],
    'Seed rule: team-channel messages −50% or more and leave +30% or more',
  ),
  rule('activity_drop', 30, ['activity_change_pct <= -40'], 'Communication activity −40% or more (team-adjusted)'),
  rule(
    'stopped_helping',
    25,
    ['helps_per_week_baseline >= 2', 'helps_change_pct <= -75'],
    'Helped colleagues at least 2×/week before and now 75% less',
  ),
  rule(
    'leave_up',
    20,
    ['leave_change_pct >= 60', 'leave_days_recent >= 2'],
    'Leave +60% or more and at least 2 days in the recent window (personal leave weighs more than annual)',
  ),
  rule(
    'unexcused_absences',
    40,
    ['unexcused_absences_recent >= 2'],
    'Two or more absences without a leave record in the recent window',
  ),
  rule('fewer_collaborators', 15, ['collaborators_change_pct <= -50'], 'Distinct collaborators −50% or more'),
  rule(
    'tasks_delayed',
    15,
    ['task_delay_rate >= 0.3', 'task_delay_change_pts >= 15'],
    'Task delay rate 30% or more and up 15 points',
  ),
  rule('crm_drop', 15, ['crm_change_pct <= -50'], 'CRM follow-ups −50% or more'),
  rule('manager_left', 15, ['manager_left_days <= 90'], 'Manager left within 90 days'),
  rule('manager_changed', 10, ['manager_changed_days <= 90'], 'Manager changed within 90 days'),
  rule('peers_left', 10, ['peers_left_90d >= 2'], 'Two or more teammates left within 90 days'),
  rule('tenure_band', 10, ['tenure_months >= 3', 'tenure_months < 12'], 'Tenure 3–12 months (the riskiest band)'),
  rule('survey_silence', 10, ['survey_participation_pct < 30'], 'Answered fewer than 30% of pulse surveys'),
];

export const DEFAULT_RULE_SET: RuleSet = { version: 0, rules: DEFAULT_RULES, thresholds: DEFAULT_THRESHOLDS };

const OPS: readonly ConditionOp[] = ['<', '<=', '>', '>=', '=='];

export interface RuleProblem {
  path: string;
  message: string;
}

/** Checks an edited rule set; returns every problem (empty ⇒ valid). */
export function validateRuleSet(input: { rules: unknown; thresholds?: unknown }): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!Array.isArray(input.rules)) return [{ path: '/rules', message: 'must be an array of rules' }];
  if (input.rules.length > 100) problems.push({ path: '/rules', message: 'at most 100 rules' });
  const ids = new Set<string>();
  input.rules.forEach((raw: unknown, i) => {
    const path = `/rules/${i}`;
    const rule = raw as Partial<RiskRule>;
    if (typeof rule !== 'object' || rule === null) return problems.push({ path, message: 'must be an object' });
    if (typeof rule.id !== 'string' || !/^[a-z0-9_]{1,64}$/.test(rule.id))
      problems.push({ path: `${path}/id`, message: 'must match [a-z0-9_]{1,64}' });
    else if (ids.has(rule.id)) problems.push({ path: `${path}/id`, message: `duplicate rule id "${rule.id}"` });
    else ids.add(rule.id);
    if (typeof rule.contribution !== 'number' || !(rule.contribution > 0 && rule.contribution <= 100)) {
      problems.push({ path: `${path}/contribution`, message: 'must be a number above 0 and at most 100' });
    }
    if (!Array.isArray(rule.when) || rule.when.length === 0) {
      problems.push({ path: `${path}/when`, message: 'must list at least one condition' });
      return;
    }
    rule.when.forEach((condition, j) => {
      const cpath = `${path}/when/${j}`;
      if (!FEATURE_NAMES.includes(condition?.feature))
        problems.push({ path: `${cpath}/feature`, message: `unknown feature; one of ${FEATURE_NAMES.join(', ')}` });
      if (!OPS.includes(condition?.op))
        problems.push({ path: `${cpath}/op`, message: `must be one of ${OPS.join(' ')}` });
      if (typeof condition?.value !== 'number' || !Number.isFinite(condition.value))
        problems.push({ path: `${cpath}/value`, message: 'must be a finite number' });
    });
    return undefined;
  });
  if (input.thresholds !== undefined) {
    const t = input.thresholds as Partial<Thresholds>;
    const within = (name: keyof Thresholds) => {
      const value = t?.[name];
      if (typeof value !== 'number' || value < 0 || value > 100)
        problems.push({ path: `/thresholds/${name}`, message: 'must be a number from 0 to 100' });
    };
    (['medium', 'high', 'positive', 'negative'] as const).forEach(within);
    if (typeof t?.medium === 'number' && typeof t.high === 'number' && t.medium >= t.high)
      problems.push({ path: '/thresholds/high', message: 'must be above medium' });
    if (typeof t?.negative === 'number' && typeof t.positive === 'number' && t.negative >= t.positive)
      problems.push({ path: '/thresholds/positive', message: 'must be above negative' });
  }
  return problems;
}

function holds(value: number | null, op: ConditionOp, target: number): boolean {
  if (value === null) return false;
  switch (op) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '==':
      return value === target;
  }
}

export interface FiredRule {
  rule: RiskRule;
  /** Score points this rule accounts for (fired shares sum to the score). */
  points: number;
}

export function evaluateRules(features: Features, rules: readonly RiskRule[]): { score: number; fired: FiredRule[] } {
  const fired = rules.filter((rule) => rule.when.every((c) => holds(features[c.feature], c.op, c.value)));
  if (fired.length === 0) return { score: 0, fired: [] };
  const strength = fired.map((rule) => -Math.log(1 - Math.min(rule.contribution, 99.9) / 100));
  const total = strength.reduce((a, b) => a + b, 0);
  const exact = 100 * (1 - Math.exp(-total));
  const score = Math.round(exact);
  return {
    score,
    fired: fired.map((rule, i) => ({ rule, points: Math.round(((exact * strength[i]!) / total) * 10) / 10 })),
  };
}

export interface ConditionCheck {
  feature: FeatureName;
  op: ConditionOp;
  threshold: number;
  /** The feature's value as stored with the score; null = no data (a condition on it never holds). */
  value: number | null;
  held: boolean;
}

export interface RuleCheck {
  id: string;
  description?: string;
  contribution: number;
  fired: boolean;
  /** Score points this rule accounts for (0 when it did not fire). */
  points: number;
  conditions: ConditionCheck[];
}

/** Every rule with each condition's value, operator, threshold and whether it held: why a rule fired or did not. */
export function explainRules(features: Features, rules: readonly RiskRule[]): RuleCheck[] {
  const { fired } = evaluateRules(features, rules);
  const points = new Map(fired.map((f) => [f.rule.id, f.points]));
  return rules.map((rule) => {
    const conditions = rule.when.map((c) => {
      const value = features[c.feature] ?? null;
      return { feature: c.feature, op: c.op, threshold: c.value, value, held: holds(value, c.op, c.value) };
    });
    return {
      id: rule.id,
      ...(rule.description ? { description: rule.description } : {}),
      contribution: rule.contribution,
      fired: points.has(rule.id),
      points: points.get(rule.id) ?? 0,
      conditions,
    };
  });
}

export function riskLevel(score: number, thresholds: Thresholds): RiskLevel {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

export function teamTier(score: number, thresholds: Thresholds): TeamTier {
  if (score >= thresholds.positive) return 'positive';
  if (score < thresholds.negative) return 'negative';
  return 'neutral';
}

export const featuresOf = (rule: RiskRule): FeatureName[] => [...new Set(rule.when.map((c) => c.feature))];
