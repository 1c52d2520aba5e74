// Erasure tombstones: keyed hashes of an erased person's external id and platform user ids, per tenant.
import type { Db } from '../database.js';
import { chunked } from './chunks.js';
import { rowExists } from './rows.js';
import { tenantKey } from './tenant-keys.js';

/** The tenant's HMAC key of tombstones, created on first use. */
export const tombstoneKey = (db: Db, tenantId: string): Promise<string> => tenantKey(db, 'erasure_keys', tenantId);

export async function insertTombstones(
  db: Db,
  tenantId: string,
  rows: readonly { keyHash: string; kind: 'external_id' | 'identity' }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('erasure_tombstones')
    .values(rows.map((r) => ({ tenant_id: tenantId, key_hash: r.keyHash, kind: r.kind })))
    .onConflict((oc) => oc.columns(['tenant_id', 'key_hash']).doNothing())
    .execute();
}

/** Which of these hashes are tombstoned. */
export async function tombstonedHashes(db: Db, tenantId: string, hashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunked([...new Set(hashes)], 2000)) {
    const rows = await db
      .selectFrom('erasure_tombstones')
      .select('key_hash')
      .where('tenant_id', '=', tenantId)
      .where('key_hash', 'in', chunk)
      .execute();
    for (const r of rows) found.add(r.key_hash);
  }
  return found;
}

export async function hasTombstones(db: Db, tenantId: string): Promise<boolean> {
  return rowExists(db.selectFrom('erasure_tombstones').where('tenant_id', '=', tenantId));
}

export async function deleteTombstones(db: Db, tenantId: string, hashes: readonly string[]): Promise<number> {
  if (hashes.length === 0) return 0;
  const result = await db
    .deleteFrom('erasure_tombstones')
    .where('tenant_id', '=', tenantId)
    .where('key_hash', 'in', [...hashes])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
