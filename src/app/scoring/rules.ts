// Reading and editing a tenant's published risk rules. Every edit creates a new version; scores store the version
// they were computed with, so an outcome can always be traced to the rules in force.
import type { Db } from '../../storage/database.js';
import { DEFAULT_THRESHOLDS, validateRuleSet, type RuleProblem } from '../../core/scoring/rules.js';
import type { RiskRule, RuleSet, Thresholds } from '../../core/scoring/types.js';
import { insertRuleSetVersion, loadCurrentRuleSet } from '../../storage/repositories/scores.js';
import { InvalidInputError } from '../errors.js';

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
