// Anonymity rules for group results (BRIEF.md, issue H): scores for a group only with ≥ minRespondents answers,
// comments only with ≥ minCommentRespondents commenters, and differencing protection — when a parent group is
// shown, the part of it that is hidden (suppressed children, plus its own direct members) must add up to at least
// the threshold, else the next-smallest shown child is suppressed too, so nobody learns a small group's result by
// subtracting the visible ones from the total. Thresholds are configurable per tenant but never below 3. Pure.

export interface Thresholds {
  /** Respondents a group needs before its scores are shown (default 5). */
  minRespondents: number;
  /** Commenters a group needs before its comments are shown (default 10). */
  minCommentRespondents: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { minRespondents: 5, minCommentRespondents: 10 };
/** No tenant setting may go below this. */
export const ABSOLUTE_MIN_RESPONDENTS = 3;

/** Problems with a tenant's thresholds (empty ⇒ valid). */
export function thresholdProblems(input: Partial<Thresholds>): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const key of ['minRespondents', 'minCommentRespondents'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < ABSOLUTE_MIN_RESPONDENTS || value > 1000)
      problems.push({ path: `/${key}`, message: `must be a whole number from ${ABSOLUTE_MIN_RESPONDENTS} to 1000` });
  }
  return problems;
}

/** The thresholds in force: stored values, but never below the absolute minimum whatever is stored. */
export function effectiveThresholds(stored: Partial<Thresholds>): Thresholds {
  const pick = (value: number | undefined, fallback: number) =>
    Math.max(ABSOLUTE_MIN_RESPONDENTS, Number.isInteger(value) ? (value as number) : fallback);
  return {
    minRespondents: pick(stored.minRespondents, DEFAULT_THRESHOLDS.minRespondents),
    minCommentRespondents: pick(stored.minCommentRespondents, DEFAULT_THRESHOLDS.minCommentRespondents),
  };
}

/** A group of the hierarchy: `count` people counted in it (its whole sub-tree), `parentId` its parent group. */
export interface GroupCount {
  id: string;
  parentId: string | null;
  count: number;
}

export type SuppressionReason = 'min_respondents' | 'sibling_protection';

export interface GroupVisibility {
  shown: boolean;
  reason: SuppressionReason | null;
}

/**
 * Decides which groups may be shown. A group below `minimum` is suppressed ('min_respondents'). Then, to a fixed
 * point: for every group whose value is visible or derivable, the hidden part of it — its suppressed children and
 * its direct members (count minus the children's counts) — must be 0 or at least `minimum`; otherwise its smallest
 * shown child is suppressed ('sibling_protection'). A suppressed group whose children are all shown and which has
 * no direct members is derivable (the sum of its children), so it counts as visible for this rule.
 */
export function decideVisibility(groups: readonly GroupCount[], minimum: number): Map<string, GroupVisibility> {
  const min = Math.max(ABSOLUTE_MIN_RESPONDENTS, minimum);
  const result = new Map<string, GroupVisibility>();
  const children = new Map<string, GroupCount[]>();
  for (const group of groups) {
    result.set(
      group.id,
      group.count < min ? { shown: false, reason: 'min_respondents' } : { shown: true, reason: null },
    );
    if (group.parentId !== null) {
      const list = children.get(group.parentId) ?? [];
      list.push(group);
      children.set(group.parentId, list);
    }
  }
  const shown = (id: string) => result.get(id)?.shown === true;
  const directOf = (group: GroupCount) =>
    Math.max(0, group.count - (children.get(group.id) ?? []).reduce((sum, c) => sum + c.count, 0));
  const hiddenOf = (group: GroupCount) =>
    directOf(group) + (children.get(group.id) ?? []).filter((c) => !shown(c.id)).reduce((sum, c) => sum + c.count, 0);
  // Visible, or computable from visible parts: the sum of its children when nothing of it is hidden.
  const known = (group: GroupCount) =>
    shown(group.id) || (hiddenOf(group) === 0 && (children.get(group.id)?.length ?? 0) > 0);

  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      if (!known(group)) continue;
      const hidden = hiddenOf(group);
      if (hidden === 0 || hidden >= min) continue;
      const candidate = (children.get(group.id) ?? [])
        .filter((c) => shown(c.id))
        .sort((a, b) => a.count - b.count || a.id.localeCompare(b.id))[0];
      if (!candidate) continue;
      result.set(candidate.id, { shown: false, reason: 'sibling_protection' });
      changed = true;
    }
  }
  return result;
}
