// Planning the employees of a directory batch: fields checked, teams and managers resolved, cycles in the
// management chain refused, identity changes worked out.
import { firstOccurrences } from './batch-items.js';
import { planIdentities } from './upsert-identities.js';
import { randomUUID } from 'node:crypto';
import { type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { EmployeeStatus } from '../../storage/tables/directory.js';
import { employeesByExternalIds, loadEmployeeNodes, type EmployeeWrite } from '../../storage/repositories/employees.js';
import { type IdentityRow } from '../../storage/repositories/identities.js';
import { findCycles, parentsFirst } from './graph.js';
import { isInputDay, isInputInstant } from '../../core/validation/index.js';
import { IDENTITY_PLATFORMS, type DirectoryIssue, type EmployeeInput, type UpsertCounts } from './types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface EmployeePlan {
  writes: EmployeeWrite[];
  counts: UpsertCounts;
  identityRemovals: { employeeId: string; platform: string }[];
  identityInserts: IdentityRow[];
}

type StoredEmployee = Awaited<ReturnType<typeof employeesByExternalIds>>[number];

export async function planEmployees(
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

  checkFields(batch, { teamIdByExternalId, storedIdByExternal }, issue);
  refuseCycles(batch, managerOf, issue);

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

  const writes: PlannedWrite[] = [];
  for (const { item } of batch.values()) {
    const existing = existingRows.get(item.externalId);
    const managerExternalId = managerOf(item.externalId) ?? null;
    const write = employeeWrite(item, existing, { idByExternal, managerExternalId, teamIdByExternalId, now });
    const identitiesChanged = identityChanges.changed.has(item.externalId);
    if (!existing) {
      counts.created++;
      writes.push(write);
    } else if (changedFrom(existing, write)) {
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

/** Refuses every member of a cycle in the management chain the batch would make (self-management is a field check). */
function refuseCycles(
  batch: Map<string, { item: EmployeeInput; index: number }>,
  managerOf: (externalId: string) => string | null | undefined,
  issue: (index: number, field: string, message: string) => void,
): void {
  for (const cycle of findCycles(batch.keys(), managerOf)) {
    if (cycle.length < 2) continue;
    const text = [...cycle, cycle[0]].join(' → ');
    for (const member of cycle) {
      const entry = batch.get(member);
      if (entry) issue(entry.index, 'manager', `cycle in the management chain: ${text}`);
    }
  }
}

type PlannedWrite = EmployeeWrite & { managerExternalId: string | null };

/** The row an item stores: fields it leaves out keep their stored value; leaving sets leftAt (now unless given). */
function employeeWrite(
  item: EmployeeInput,
  existing: StoredEmployee | undefined,
  context: {
    idByExternal: Map<string, string>;
    /** The item's manager (given, or as stored). */
    managerExternalId: string | null;
    teamIdByExternalId: Map<string, string>;
    now: Date;
  },
): PlannedWrite {
  const { idByExternal, managerExternalId, teamIdByExternalId, now } = context;
  const id = idByExternal.get(item.externalId) as string;
  const status: EmployeeStatus =
    item.status ?? (typeof item.leftAt === 'string' ? 'left' : (existing?.status ?? 'active'));
  const leftAt =
    status === 'active'
      ? null
      : typeof item.leftAt === 'string'
        ? (parseInstant(item.leftAt) ?? null)
        : (existing?.left_at ?? now);
  return {
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
}

/** Per-field checks the schema cannot express (references, calendar dates, coherence). */
function checkFields(
  batch: Map<string, { item: EmployeeInput; index: number }>,
  known: { teamIdByExternalId: Map<string, string>; storedIdByExternal: Map<string, string> },
  issue: (index: number, field: string, message: string) => void,
): void {
  const { teamIdByExternalId, storedIdByExternal } = known;
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
}

/** Whether a write changes any stored field of the employee (identities are counted apart). */
function changedFrom(existing: StoredEmployee, write: EmployeeWrite): boolean {
  return (
    existing.display_name !== write.name ||
    existing.email !== write.email ||
    existing.team_id !== write.teamId ||
    existing.manager_id !== write.managerId ||
    existing.hire_date !== write.hireDate ||
    existing.status !== write.status ||
    (existing.left_at?.getTime() ?? null) !== (write.leftAt?.getTime() ?? null)
  );
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
