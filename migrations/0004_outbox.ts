// Frozen: the outbox — every outgoing chat message is a row, claimed by workers with FOR UPDATE SKIP LOCKED.
// Migrations use Kysely<any> and import nothing from src/, so later code changes never alter them.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('alert', 'warning', 'digest', 'nudge', 'survey', 'reply')`),
    )
    .addColumn('recipient_employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('conversation_ref', 'jsonb', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'dead')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('claimed_by', 'text')
    .addColumn('platform_message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('outbox_tenant_idempotency_unique', ['tenant_id', 'idempotency_key'])
    .execute();
  // The worker's claim scans due rows per platform; sent rows drop out of this partial index.
  await sql`create index outbox_due_idx on outbox (platform, next_attempt_at) where status in ('pending', 'sending')`.execute(
    db,
  );
  await db.schema
    .createIndex('outbox_recipient_idx')
    .on('outbox')
    .columns(['tenant_id', 'recipient_employee_id', 'created_at'])
    .execute();
  await sql`create index outbox_dead_idx on outbox (tenant_id, updated_at) where status = 'dead'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
