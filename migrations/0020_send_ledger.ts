// Frozen: the per-recipient send ledger shared by replicas (src/core/send-ledger.ts). One row per (tenant, platform,
// recipient) holding the instants (epoch ms) of the sends still inside the longest limit window; a send locks the
// row (SELECT … FOR UPDATE), so two replicas never both take the last slot. Recipient = the platform's user id.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform_send_ledger')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sends', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('platform_send_ledger_pk', ['tenant_id', 'platform', 'recipient'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform_send_ledger').execute();
}
