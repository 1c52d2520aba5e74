// Bulk upsert of the directory (teams and employees by external id) in one transaction.
// Everything is validated first — unknown references, duplicates, cycles in the team tree or the management
// chain, identity clashes — and nothing is written when anything is wrong. Re-posting a batch changes nothing.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { EmployeeStatus } from '../../storage/tables/directory.js';
import { loadTeamNodes, writeTeams, type TeamWrite } from '../../storage/repositories/teams.js';
import {
  employeesByExternalIds,
  loadEmployeeNodes,
  writeEmployees,
  type EmployeeWrite,
} from '../../storage/repositories/employees.js';
import {
  deleteIdentities,
  identitiesByPlatformIds,
  identitiesOfEmployees,
  insertIdentities,
  type IdentityRow,
} from '../../storage/repositories/identities.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { chunked } from '../../storage/repositories/chunks.js';
import { findCycles, parentsFirst } from './graph.js';
import { withoutErasedPeople } from '../privacy/tombstones.js';
import { isInputDay, isInputInstant } from '../../core/validation/index.js';
import {
  DirectoryInputError,
  IDENTITY_PLATFORMS,
  type DirectoryBatch,
  type DirectoryIssue,
  type DirectoryUpsertResult,
  type EmployeeInput,
  type IdentityPlatform,
  type TeamInput,
  type UpsertCounts,
} from './types.js';

export interface UpsertOptions {
  /** Audit actor ('token:<id>', 'cli', …). */
  actor: string;
  /** Called after each written chunk (rows done, rows to write). */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

const WRITE_CHUNK = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export async function upsertDirectory(
  db: Kysely<Database>,
  tenantId: string,
  given: DirectoryBatch,
  options: UpsertOptions,
): Promise<DirectoryUpsertResult> {
  const now = options.now?.() ?? new Date();
  return db.transaction().execute(async (trx) => {
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

interface TeamPlan {
  writes: TeamWrite[];
  counts: UpsertCounts;
  /** Every team of the tenant after the batch: stored ones plus the new ones. */
  idByExternalId: Map<string, string>;
}

async function planTeams(
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

interface EmployeePlan {
  writes: EmployeeWrite[];
  counts: UpsertCounts;
  identityRemovals: { employeeId: string; platform: string }[];
  identityInserts: IdentityRow[];
}

async function planEmployees(
  trx: Transaction<Database>,
  tenantId: string,
  items: readonly EmployeeInput[],
  teamIdByExternalId: Map<string, string>,
  issues: DirectoryIssue[],
  now: Date,
): Promise<EmployeePlan> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  const plan: EmployeePlan = { writes: [], counts, identityRemovals: [], identityInserts: [] };
  if (items.length === 0) return plan;
  const issue = (index: number, field: string, message: string) =>
    issues.push({ collection: 'employees', index, field, message });

  const nodes = await loadEmployeeNodes(trx, tenantId);
  const storedIdByExternal = new Map(nodes.map((n) => [n.external_id, n.id]));
  const externalIdOf = new Map(nodes.map((n) => [n.id, n.external_id]));
  const managerIdOf = new Map(nodes.map((n) => [n.id, n.manager_id]));

  const batch = firstOccurrences(items, issue);
  const existingRows = new Map(
    (
      await employeesByExternalIds(
        trx,
        tenantId,
        [...batch.keys()].filter((e) => storedIdByExternal.has(e)),
      )
    ).map((r) => [r.external_id, r]),
  );

  const managerOf = (externalId: string): string | null | undefined => {
    const entry = batch.get(externalId);
    if (entry && entry.item.manager !== undefined) return entry.item.manager;
    const id = storedIdByExternal.get(externalId);
    const managerId = id === undefined ? null : managerIdOf.get(id);
    return managerId ? externalIdOf.get(managerId) : null;
  };

  // Per-field checks the schema cannot express (references, calendar dates, coherence).
  for (const { item, index } of batch.values()) {
    if (!item.name.trim()) issue(index, 'name', 'must not be blank');
    if (item.email !== undefined && item.email !== null && !EMAIL.test(item.email))
      issue(index, 'email', `not an email address: "${item.email}"`);
    if (typeof item.team === 'string' && !teamIdByExternalId.has(item.team))
      issue(index, 'team', `unknown team "${item.team}"`);
    if (typeof item.manager === 'string') {
      if (item.manager === item.externalId) issue(index, 'manager', 'an employee cannot be their own manager');
      else if (!batch.has(item.manager) && !storedIdByExternal.has(item.manager))
        issue(index, 'manager', `unknown employee "${item.manager}"`);
    }
    if (typeof item.hireDate === 'string' && !isCalendarDate(item.hireDate))
      issue(index, 'hireDate', `not a day YYYY-MM-DD in 1900–2200: "${item.hireDate}"`);
    if (typeof item.leftAt === 'string' && parseInstant(item.leftAt) === undefined) {
      issue(index, 'leftAt', `not a day or ISO 8601 date-time in 1900–2200: "${item.leftAt}"`);
    }
    if (item.status === 'active' && typeof item.leftAt === 'string')
      issue(index, 'leftAt', 'an active employee cannot have leftAt (use status "left")');
    for (const platform of IDENTITY_PLATFORMS) {
      const value = item.identities?.[platform];
      if (typeof value === 'string' && !value.trim()) issue(index, `identities/${platform}`, 'must not be blank');
    }
  }
  for (const cycle of findCycles(batch.keys(), managerOf)) {
    if (cycle.length < 2) continue;
    const text = [...cycle, cycle[0]].join(' → ');
    for (const member of cycle) {
      const entry = batch.get(member);
      if (entry) issue(entry.index, 'manager', `cycle in the management chain: ${text}`);
    }
  }

  const idByExternal = new Map(storedIdByExternal);
  for (const externalId of batch.keys()) if (!idByExternal.has(externalId)) idByExternal.set(externalId, randomUUID());

  const identityChanges = await planIdentities(
    trx,
    tenantId,
    batch,
    storedIdByExternal,
    idByExternal,
    externalIdOf,
    issue,
  );

  const writes: (EmployeeWrite & { managerExternalId: string | null })[] = [];
  for (const { item } of batch.values()) {
    const existing = existingRows.get(item.externalId);
    const id = idByExternal.get(item.externalId) as string;
    const managerExternalId = managerOf(item.externalId) ?? null;
    const status: EmployeeStatus =
      item.status ?? (typeof item.leftAt === 'string' ? 'left' : (existing?.status ?? 'active'));
    const leftAt =
      status === 'active'
        ? null
        : typeof item.leftAt === 'string'
          ? (parseInstant(item.leftAt) ?? null)
          : (existing?.left_at ?? now);
    const write: EmployeeWrite & { managerExternalId: string | null } = {
      id,
      externalId: item.externalId,
      name: item.name,
      email: item.email === undefined ? (existing?.email ?? null) : item.email,
      teamId:
        item.team === undefined
          ? (existing?.team_id ?? null)
          : item.team === null
            ? null
            : (teamIdByExternalId.get(item.team) ?? null),
      managerId: managerExternalId === null ? null : (idByExternal.get(managerExternalId) ?? null),
      hireDate: item.hireDate === undefined ? (existing?.hire_date ?? null) : item.hireDate,
      status,
      leftAt,
      managerExternalId,
    };
    const identitiesChanged = identityChanges.changed.has(item.externalId);
    if (!existing) {
      counts.created++;
      writes.push(write);
    } else if (
      existing.display_name !== write.name ||
      existing.email !== write.email ||
      existing.team_id !== write.teamId ||
      existing.manager_id !== write.managerId ||
      existing.hire_date !== write.hireDate ||
      existing.status !== write.status ||
      (existing.left_at?.getTime() ?? null) !== (write.leftAt?.getTime() ?? null)
    ) {
      counts.updated++;
      writes.push(write);
    } else if (identitiesChanged) counts.updated++;
    else counts.unchanged++;
  }
  plan.writes = parentsFirst(
    writes,
    (w) => w.externalId,
    (w) => w.managerExternalId,
  );
  plan.identityRemovals = identityChanges.removals;
  plan.identityInserts = identityChanges.inserts;
  return plan;
}

/**
 * Works out identity changes: an identity given for a platform replaces what the employee holds there.
 * A platform user id may belong to one employee only — unless its current holder gives it up in the same batch.
 */
async function planIdentities(
  trx: Transaction<Database>,
  tenantId: string,
  batch: Map<string, { item: EmployeeInput; index: number }>,
  storedIdByExternal: Map<string, string>,
  idByExternal: Map<string, string>,
  externalIdOf: Map<string, string>,
  issue: (index: number, field: string, message: string) => void,
): Promise<{ changed: Set<string>; removals: { employeeId: string; platform: string }[]; inserts: IdentityRow[] }> {
  const wanted: { externalId: string; index: number; platform: IdentityPlatform; value: string | null }[] = [];
  for (const { item, index } of batch.values()) {
    for (const platform of IDENTITY_PLATFORMS) {
      const value = item.identities?.[platform];
      if (value !== undefined) wanted.push({ externalId: item.externalId, index, platform, value });
    }
  }
  const result = {
    changed: new Set<string>(),
    removals: [] as { employeeId: string; platform: string }[],
    inserts: [] as IdentityRow[],
  };
  if (wanted.length === 0) return result;

  const storedIds = [
    ...new Set(wanted.map((w) => storedIdByExternal.get(w.externalId)).filter((id): id is string => id !== undefined)),
  ];
  const held = await identitiesOfEmployees(trx, tenantId, storedIds);
  const heldBy = new Map<string, string[]>(); // `${employeeId}:${platform}` → platform user ids
  for (const row of held) {
    const key = `${row.employee_id}:${row.platform}`;
    heldBy.set(key, [...(heldBy.get(key) ?? []), row.platform_user_id]);
  }
  const claims = wanted.filter((w): w is typeof w & { value: string } => w.value !== null);
  const holders = await identitiesByPlatformIds(
    trx,
    tenantId,
    claims.map((c) => ({ platform: c.platform, platformUserId: c.value })),
  );
  const holderOf = new Map(holders.map((h) => [`${h.platform}\u0000${h.platform_user_id}`, h.employee_id]));
  const releasing = new Set(wanted.map((w) => `${w.externalId}\u0000${w.platform}`));

  const claimedBy = new Map<string, string>();
  for (const claim of claims) {
    const key = `${claim.platform}\u0000${claim.value}`;
    const field = `identities/${claim.platform}`;
    const other = claimedBy.get(key);
    if (other !== undefined) {
      issue(
        claim.index,
        field,
        `${claim.platform} id "${claim.value}" is also given to employee "${other}" in this batch`,
      );
      continue;
    }
    claimedBy.set(key, claim.externalId);
    const holderId = holderOf.get(key);
    if (holderId === undefined || holderId === storedIdByExternal.get(claim.externalId)) continue;
    const holder = externalIdOf.get(holderId) ?? holderId;
    // The current holder gives it up in this batch (a new value or null for the same platform): a move.
    if (!releasing.has(`${holder}\u0000${claim.platform}`)) {
      issue(claim.index, field, `${claim.platform} id "${claim.value}" already belongs to employee "${holder}"`);
    }
  }

  for (const w of wanted) {
    const employeeId = idByExternal.get(w.externalId) as string;
    const current = heldBy.get(`${employeeId}:${w.platform}`) ?? [];
    const desired = w.value === null ? [] : [w.value];
    if (current.length === desired.length && current.every((v) => desired.includes(v))) continue;
    result.changed.add(w.externalId);
    if (current.length > 0) result.removals.push({ employeeId, platform: w.platform });
    for (const value of desired)
      result.inserts.push({ employee_id: employeeId, platform: w.platform, platform_user_id: value });
  }
  return result;
}

/** A real day in 1900–2200 (the bounds every edge uses: src/core/validation). */
const isCalendarDate = isInputDay;

/** 'YYYY-MM-DD' (midnight UTC) or an ISO 8601 date-time with a zone. */
function parseInstant(value: string): Date | undefined {
  if (DATE.test(value)) return isCalendarDate(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!isInputInstant(value)) return undefined;
  const date = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The first occurrence of each external id in a batch; a blank or repeated id is an issue of its item. */
function firstOccurrences<T extends { externalId: string }>(
  items: readonly T[],
  issue: (index: number, field: string, message: string) => void,
): Map<string, { item: T; index: number }> {
  const batch = new Map<string, { item: T; index: number }>();
  items.forEach((item, index) => {
    if (!item.externalId.trim()) return issue(index, 'externalId', 'must not be blank');
    const first = batch.get(item.externalId);
    if (first)
      return issue(index, 'externalId', `duplicate external id "${item.externalId}" (also item ${first.index})`);
    batch.set(item.externalId, { item, index });
  });
  return batch;
}
