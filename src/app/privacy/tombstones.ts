// Tombstones of erased people (issue I): when an erasure is confirmed, keyed hashes (HMAC-SHA256 under a random key
// per tenant, never the ids in clear) of the person's external id and platform user ids are kept, so a later HR
// import or directory sync carrying the same ids skips them (counted as `skippedErased`) instead of recreating
// their data. HR may lift a tombstone explicitly (audited), e.g. when the same person is hired again.
import { createHmac } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { identitiesOfEmployees } from '../../storage/repositories/identities.js';
import { findTenantRow } from '../../storage/repositories/rows.js';
import {
  deleteTombstones,
  hasTombstones,
  insertTombstones,
  tombstonedHashes,
  tombstoneKey,
} from '../../storage/repositories/tombstones.js';
import { atLeast, type Access } from '../access/index.js';
import { ForbiddenError, InvalidInputError } from '../errors.js';
import type { DirectoryBatch, EmployeeInput } from '../directory/types.js';

const hashOf = (key: string, value: string): string => createHmac('sha256', key).update(value).digest('hex');
const externalKey = (externalId: string) => `external:${externalId}`;
const identityKey = (platform: string, userId: string) => `identity:${platform}:${userId}`;

/** Records the tombstones of a person about to be erased (call in the erasure's transaction, before the delete). */
export async function tombstoneErasedPerson(db: Db, tenantId: string, employeeId: string): Promise<void> {
  const person = await findTenantRow(db, 'employees', tenantId, employeeId);
  if (!person) return;
  const identities = await identitiesOfEmployees(db, tenantId, [employeeId]);
  const key = await tombstoneKey(db, tenantId);
  await insertTombstones(db, tenantId, [
    { keyHash: hashOf(key, externalKey(person.external_id)), kind: 'external_id' },
    ...identities.map((i) => ({
      keyHash: hashOf(key, identityKey(i.platform, i.platform_user_id)),
      kind: 'identity' as const,
    })),
  ]);
}

const keysOf = (item: EmployeeInput): string[] => [
  externalKey(item.externalId),
  ...Object.entries(item.identities ?? {}).flatMap(([platform, userId]) =>
    typeof userId === 'string' ? [identityKey(platform, userId)] : [],
  ),
];

/**
 * The batch without the employees an erasure tombstoned (by external id or by any platform user id they carry);
 * others' references to a skipped manager are cleared. Teams are untouched.
 */
export async function withoutErasedPeople(
  db: Db,
  tenantId: string,
  batch: DirectoryBatch,
): Promise<{ batch: DirectoryBatch; skipped: number }> {
  const employees = batch.employees ?? [];
  if (employees.length === 0 || !(await hasTombstones(db, tenantId))) return { batch, skipped: 0 };
  const key = await tombstoneKey(db, tenantId);
  const hashesOf = new Map(employees.map((e) => [e, keysOf(e).map((k) => hashOf(key, k))]));
  const erased = await tombstonedHashes(db, tenantId, [...hashesOf.values()].flat());
  if (erased.size === 0) return { batch, skipped: 0 };
  const skipped = new Set(
    employees.filter((e) => hashesOf.get(e)!.some((h) => erased.has(h))).map((e) => e.externalId),
  );
  const kept = employees
    .filter((e) => !skipped.has(e.externalId))
    .map((e) => (typeof e.manager === 'string' && skipped.has(e.manager) ? { ...e, manager: null } : e));
  return { batch: { ...batch, employees: kept }, skipped: employees.length - kept.length };
}

export interface LiftErasureInput {
  externalId?: string;
  identities?: readonly { platform: string; userId: string }[];
}

/**
 * HR lifts the tombstones of these ids (e.g. a person erased earlier is hired again): the next import or sync
 * creates them anew. Audited as `erasure.lift` with how many tombstones went (the ids are not written in clear).
 */
export async function liftErasure(access: Access, input: LiftErasureInput): Promise<{ lifted: number }> {
  if (!atLeast(access.actor.role, 'hr')) throw new ForbiddenError('only HR can lift an erasure tombstone');
  const keys = [
    ...(input.externalId ? [externalKey(input.externalId)] : []),
    ...(input.identities ?? []).map((i) => identityKey(i.platform, i.userId)),
  ];
  if (keys.length === 0) throw new InvalidInputError('name an external id or a platform user id to lift');
  const key = await tombstoneKey(access.db, access.tenantId);
  const hashes = keys.map((k) => hashOf(key, k));
  const lifted = await deleteTombstones(access.db, access.tenantId, hashes);
  await access.audit(
    'erasure.lift',
    { type: 'tenant', id: access.tenantId },
    { lifted, keys: hashes.map((h) => h.slice(0, 12)) },
  );
  return { lifted };
}
