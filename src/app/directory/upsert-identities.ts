// Identity changes of a directory batch: which platform ids each employee gains and gives up.
import { type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import {
  identitiesByPlatformIds,
  identitiesOfEmployees,
  type IdentityRow,
} from '../../storage/repositories/identities.js';
import { IDENTITY_PLATFORMS, type EmployeeInput, type IdentityPlatform } from './types.js';

/**
 * Works out identity changes: an identity given for a platform replaces what the employee holds there.
 * A platform user id may belong to one employee only — unless its current holder gives it up in the same batch.
 */
export async function planIdentities(
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
