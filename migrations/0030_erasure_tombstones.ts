// Frozen: issue I — tombstones of erased people, so a later HR import or directory sync carrying the same external
// id or platform user id does not recreate them. Only a keyed hash is stored (HMAC-SHA256 under a random key per
// tenant), never the id in clear. Migrations import nothing from src/.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erasure_keys')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    // 32 random bytes, hex; the HMAC key of the tenant's tombstones.
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('erasure_tombstones')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // hex HMAC-SHA256 of 'external:<external id>' or 'identity:<platform>:<platform user id>'.
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('external_id', 'identity')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('erasure_tombstones_pk', ['tenant_id', 'key_hash'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure_tombstones').execute();
  await db.schema.dropTable('erasure_keys').execute();
}
