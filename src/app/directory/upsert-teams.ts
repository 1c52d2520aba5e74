// Planning the teams of a directory batch: new and changed teams, unknown parents and cycles in the tree.
import { firstOccurrences } from './batch-items.js';
import { randomUUID } from 'node:crypto';
import { type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import { loadTeamNodes, type TeamWrite } from '../../storage/repositories/teams.js';
import { findCycles, parentsFirst } from './graph.js';
import { type DirectoryIssue, type TeamInput, type UpsertCounts } from './types.js';

export interface TeamPlan {
  writes: TeamWrite[];
  counts: UpsertCounts;
  /** Every team of the tenant after the batch: stored ones plus the new ones. */
  idByExternalId: Map<string, string>;
}

export async function planTeams(
  trx: Transaction<Database>,
  tenantId: string,
  items: readonly TeamInput[],
  issues: DirectoryIssue[],
): Promise<TeamPlan> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  const issue = (index: number, field: string, message: string) =>
    issues.push({ collection: 'teams', index, field, message });
  if (items.length === 0) {
    const nodes = await loadTeamNodes(trx, tenantId);
    return { writes: [], counts, idByExternalId: new Map(nodes.map((n) => [n.external_id, n.id])) };
  }

  const nodes = await loadTeamNodes(trx, tenantId);
  const stored = new Map(nodes.map((n) => [n.external_id, n]));
  const externalIdOf = new Map(nodes.map((n) => [n.id, n.external_id]));

  const batch = firstOccurrences(items, issue);

  const parentOf = (externalId: string): string | null | undefined => {
    const entry = batch.get(externalId);
    if (entry && entry.item.parent !== undefined) return entry.item.parent;
    const node = stored.get(externalId);
    return node?.parent_id ? externalIdOf.get(node.parent_id) : null;
  };

  for (const { item, index } of batch.values()) {
    if (item.name !== undefined && !item.name.trim()) issue(index, 'name', 'must not be blank');
    const parent = item.parent;
    if (parent === undefined || parent === null) continue;
    if (parent === item.externalId) issue(index, 'parent', 'a team cannot be its own parent');
    else if (!batch.has(parent) && !stored.has(parent)) issue(index, 'parent', `unknown team "${parent}"`);
  }
  for (const cycle of findCycles(batch.keys(), parentOf)) {
    if (cycle.length < 2) continue; // self-parent: reported above
    const text = [...cycle, cycle[0]].join(' → ');
    for (const member of cycle) {
      const entry = batch.get(member);
      if (entry) issue(entry.index, 'parent', `cycle in the team tree: ${text}`);
    }
  }

  const idByExternalId = new Map(nodes.map((n) => [n.external_id, n.id]));
  for (const externalId of batch.keys())
    if (!idByExternalId.has(externalId)) idByExternalId.set(externalId, randomUUID());

  const writes: (TeamWrite & { parentExternalId: string | null })[] = [];
  for (const { item } of batch.values()) {
    const existing = stored.get(item.externalId);
    const parentExternalId = parentOf(item.externalId) ?? null;
    const parentId = parentExternalId === null ? null : (idByExternalId.get(parentExternalId) ?? null);
    const name = item.name ?? existing?.name ?? item.externalId;
    const id = idByExternalId.get(item.externalId) as string;
    if (!existing) counts.created++;
    else if (existing.name === name && existing.parent_id === parentId) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    writes.push({ id, externalId: item.externalId, name, parentId, parentExternalId });
  }
  return {
    writes: parentsFirst(
      writes,
      (w) => w.externalId,
      (w) => w.parentExternalId,
    ),
    counts,
    idByExternalId,
  };
}
