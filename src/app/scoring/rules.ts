// Reading and editing a tenant's published risk rules. Every edit creates a new version; scores store the version
// they were computed with, so an outcome can always be traced to the rules in force.
import type { Db } from '../../storage/database.js';
import { DEFAULT_THRESHOLDS, validateRuleSet, type RuleProblem } from '../../core/scoring/rules.js';
import type { RiskRule, RuleSet, Thresholds } from '../../core/scoring/types.js';
import { insertRuleSetVersion, loadCurrentRuleSet } from '../../storage/repositories/scores.js';
import { InvalidInputError } from '../errors.js';
import type { Access } from '../access/index.js';
import { FEATURE_NAMES } from '../../core/scoring/types.js';

export class InvalidRuleSetError extends InvalidInputError {
  constructor(readonly problems: RuleProblem[]) {
    super('invalid rule set', problems);
  }
}

export async function getRuleSet(
  db: Db,
  tenantId: string,
): Promise<RuleSet & { createdAt: Date | null; createdBy: string | null }> {
  return loadCurrentRuleSet(db, tenantId);
}

/** Validates and stores a new version; thresholds default to the current ones. Returns the stored rule set. */
export async function updateRuleSet(
  db: Db,
  tenantId: string,
  input: { rules: unknown; thresholds?: unknown },
  actor: string,
): Promise<RuleSet> {
  const problems = validateRuleSet(input);
  if (problems.length > 0) throw new InvalidRuleSetError(problems);
  const current = await loadCurrentRuleSet(db, tenantId);
  const thresholds: Thresholds = {
    ...DEFAULT_THRESHOLDS,
    ...current.thresholds,
    ...((input.thresholds as Thresholds | undefined) ?? {}),
  };
  // Keep only the published fields (no stray properties stored as "rules").
  const rules: RiskRule[] = (input.rules as RiskRule[]).map((r) => ({
    id: r.id,
    ...(r.description ? { description: String(r.description) } : {}),
    when: r.when.map((c) => ({ feature: c.feature, op: c.op, value: c.value })),
    contribution: r.contribution,
  }));
  const version = await insertRuleSetVersion(db, tenantId, rules, thresholds, actor);
  return { version, rules, thresholds };
}

export interface PublishedRuleSet extends RuleSet {
  createdAt: string | null;
  createdBy: string | null;
  /** Feature names a condition may use. */
  features: string[];
}

const published = (set: RuleSet & { createdAt: Date | null; createdBy: string | null }): PublishedRuleSet => ({
  ...set,
  createdAt: set.createdAt ? new Date(set.createdAt).toISOString() : null,
  features: [...FEATURE_NAMES],
});

/** The tenant's current rules (hr or admin). */
export async function readRules(access: Access): Promise<PublishedRuleSet> {
  access.require('rules.read');
  return published(await getRuleSet(access.db, access.tenantId));
}

/** Publishes a new version (hr or admin over the whole tenant: rules apply to everyone). Audited. */
export async function publishRules(
  access: Access,
  input: { rules: unknown; thresholds?: unknown },
): Promise<PublishedRuleSet> {
  access.require('rules.write');
  const set = await updateRuleSet(access.db, access.tenantId, input, access.actor.name);
  await access.audit('rules.update', { type: 'risk_rule_set', id: String(set.version) }, { rules: set.rules.length });
  return published(await getRuleSet(access.db, access.tenantId));
}
