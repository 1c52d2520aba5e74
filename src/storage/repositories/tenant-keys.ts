// Random per-tenant HMAC keys (erasure tombstones, export links): 32 bytes, hex, created on first use.
import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';

export type TenantKeyTable = 'erasure_keys' | 'export_link_keys';

/** The tenant's key in `table`, created on first use (concurrent first uses agree on one). */
export async function tenantKey(db: Db, table: TenantKeyTable, tenantId: string): Promise<string> {
  await db
    .insertInto(table)
    .values({ tenant_id: tenantId, key: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  const key = await existingTenantKey(db, table, tenantId);
  if (key === undefined) throw new Error(`no ${table} row for tenant ${tenantId}`);
  return key;
}

/** The tenant's key in `table` if it has one (never creates one). */
export async function existingTenantKey(db: Db, table: TenantKeyTable, tenantId: string): Promise<string | undefined> {
  const row = await db.selectFrom(table).select('key').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.key;
}
