// Bulk upsert of the directory (teams and employees by external id) in one transaction.
// Everything is validated first — unknown references, duplicates, cycles in the team tree or the management
// chain, identity clashes — and nothing is written when anything is wrong. Re-posting a batch changes nothing.
import { planTeams } from './upsert-teams.js';
import { planEmployees } from './upsert-employees.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import { writeTeams } from '../../storage/repositories/teams.js';
import { writeEmployees } from '../../storage/repositories/employees.js';
import { deleteIdentities, insertIdentities } from '../../storage/repositories/identities.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { chunked } from '../../storage/repositories/chunks.js';
import { withoutErasedPeople } from '../privacy/tombstones.js';
import { inboundLookupsChanged } from '../inbound/lookup-cache.js';
import { DirectoryInputError, type DirectoryBatch, type DirectoryIssue, type DirectoryUpsertResult } from './types.js';

export interface UpsertOptions {
  /** Audit actor ('token:<id>', 'cli', …). */
  actor: string;
  /** Called after each written chunk (rows done, rows to write). */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

const WRITE_CHUNK = 2000;

export async function upsertDirectory(
  db: Kysely<Database>,
  tenantId: string,
  given: DirectoryBatch,
  options: UpsertOptions,
): Promise<DirectoryUpsertResult> {
  const now = options.now?.() ?? new Date();
  const result = await db.transaction().execute(async (trx) => {
    // Concurrent upserts into one tenant run one after the other, so the cycle checks see a settled tree.
    await sql`select pg_advisory_xact_lock(hashtext(${`teampulse.directory.${tenantId}`}))`.execute(trx);
    // Erased people (tombstoned by external id or platform user id) are skipped and counted, never recreated.
    const { batch, skipped: skippedErased } = await withoutErasedPeople(trx, tenantId, given);

    const issues: DirectoryIssue[] = [];
    const teams = await planTeams(trx, tenantId, batch.teams ?? [], issues);
    const employees = await planEmployees(trx, tenantId, batch.employees ?? [], teams.idByExternalId, issues, now);
    if (issues.length > 0) {
      issues.sort((a, b) => (a.collection === b.collection ? a.index - b.index : a.collection === 'teams' ? -1 : 1));
      throw new DirectoryInputError(issues);
    }

    const total = teams.writes.length + employees.writes.length;
    let done = 0;
    for (const chunk of chunked(teams.writes, WRITE_CHUNK)) {
      await writeTeams(trx, tenantId, chunk);
      done += chunk.length;
      options.onProgress?.(done, total);
    }
    for (const chunk of chunked(employees.writes, WRITE_CHUNK)) {
      await writeEmployees(trx, tenantId, chunk);
      done += chunk.length;
      options.onProgress?.(done, total);
    }
    await deleteIdentities(trx, tenantId, employees.identityRemovals);
    await insertIdentities(trx, tenantId, employees.identityInserts);
    const entityChanges = await writeLegalEntities(trx, tenantId, batch);

    const result = {
      teams: teams.counts,
      employees: { ...employees.counts, ...(skippedErased > 0 ? { skippedErased } : {}) },
    };
    if (
      total > 0 ||
      entityChanges > 0 ||
      employees.identityInserts.length > 0 ||
      employees.identityRemovals.length > 0
    ) {
      await recordAudit(trx, {
        tenantId,
        actor: options.actor,
        action: 'directory.upsert',
        details: { ...result, legalEntityChanges: entityChanges },
      });
    }
    return result;
  });
  // Cached inbound lookups (who is linked, which team a channel's author is in) are stale now.
  inboundLookupsChanged(tenantId);
  return result;
}

/**
 * Legal entities given in the batch (a separate pass: the entity decides HR reach, not the tree, so it never
 * affects the plans' checks). Returns how many rows changed.
 */
async function writeLegalEntities(
  trx: Transaction<Database>,
  tenantId: string,
  batch: DirectoryBatch,
): Promise<number> {
  let changed = 0;
  const groups = <T extends { externalId: string; legalEntity?: string | null }>(items: readonly T[]) => {
    const byEntity = new Map<string | null, string[]>();
    for (const item of items) {
      if (item.legalEntity === undefined) continue;
      const entity = item.legalEntity === null || item.legalEntity.trim() === '' ? null : item.legalEntity.trim();
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), item.externalId]);
    }
    return byEntity;
  };
  for (const [table, items] of [
    ['teams', batch.teams ?? []],
    ['employees', batch.employees ?? []],
  ] as const) {
    for (const [entity, externalIds] of groups(items)) {
      for (const ids of chunked(externalIds, WRITE_CHUNK)) {
        const result = await trx
          .updateTable(table)
          .set({ legal_entity: entity })
          .where('tenant_id', '=', tenantId)
          .where('external_id', 'in', ids)
          .where(sql<boolean>`legal_entity is distinct from ${entity}`)
          .executeTakeFirst();
        changed += Number(result.numUpdatedRows);
      }
    }
  }
  return changed;
}
