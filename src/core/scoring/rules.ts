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

/** Version 0: the built-in defaults every tenant starts from (the seed's rule first). */
export const DEFAULT_RULES: RiskRule[] = [
  {
    id: 'activity_and_leave',
    description: 'Seed rule: team-channel messages −50% or more and leave +30% or more',
    when: [
      { feature: 'team_msgs_change_pct', op: '<=', value: -50 },
      { feature: 'leave_change_pct', op: '>=', value: 30 },
    ],
    contribution: 80,
  },
  {
    id: 'activity_drop',
    description: 'Communication activity −40% or more (team-adjusted)',
    when: [{ feature: 'activity_change_pct', op: '<=', value: -40 }],
    contribution: 30,
  },
  {
    id: 'stopped_helping',
    description: 'Helped colleagues at least 2×/week before and now 75% less',
    when: [
      { feature: 'helps_per_week_baseline', op: '>=', value: 2 },
      { feature: 'helps_change_pct', op: '<=', value: -75 },
    ],
    contribution: 25,
  },
  {
    id: 'leave_up',
    description: 'Leave +60% or more and at least 2 days in the recent window (personal leave weighs more than annual)',
    when: [
      { feature: 'leave_change_pct', op: '>=', value: 60 },
      { feature: 'leave_days_recent', op: '>=', value: 2 },
    ],
    contribution: 20,
  },
  {
    id: 'unexcused_absences',
    description: 'Two or more absences without a leave record in the recent window',
    when: [{ feature: 'unexcused_absences_recent', op: '>=', value: 2 }],
    contribution: 40,
  },
  {
    id: 'fewer_collaborators',
    description: 'Distinct collaborators −50% or more',
    when: [{ feature: 'collaborators_change_pct', op: '<=', value: -50 }],
    contribution: 15,
  },
  {
    id: 'tasks_delayed',
    description: 'Task delay rate 30% or more and up 15 points',
    when: [
      { feature: 'task_delay_rate', op: '>=', value: 0.3 },
      { feature: 'task_delay_change_pts', op: '>=', value: 15 },
    ],
    contribution: 15,
  },
  {
    id: 'crm_drop',
    description: 'CRM follow-ups −50% or more',
    when: [{ feature: 'crm_change_pct', op: '<=', value: -50 }],
    contribution: 15,
  },
  {
    id: 'manager_left',
    description: 'Manager left within 90 days',
    when: [{ feature: 'manager_left_days', op: '<=', value: 90 }],
    contribution: 15,
  },
  {
    id: 'manager_changed',
    description: 'Manager changed within 90 days',
    when: [{ feature: 'manager_changed_days', op: '<=', value: 90 }],
    contribution: 10,
  },
  {
    id: 'peers_left',
    description: 'Two or more teammates left within 90 days',
    when: [{ feature: 'peers_left_90d', op: '>=', value: 2 }],
    contribution: 10,
  },
  {
    id: 'tenure_band',
    description: 'Tenure 3–12 months (the riskiest band)',
    when: [
      { feature: 'tenure_months', op: '>=', value: 3 },
      { feature: 'tenure_months', op: '<', value: 12 },
    ],
    contribution: 10,
  },
  {
    id: 'survey_silence',
    description: 'Answered fewer than 30% of pulse surveys',
    when: [{ feature: 'survey_participation_pct', op: '<', value: 30 }],
    contribution: 10,
  },
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
