// Frozen: what the chat adapters share — platform installations (credentials sealed with the service's encryption
// key), the inbound delivery inbox (persist first, process after; retries de-duplicated by the platform's delivery
// key), and links from platform channels to teams (which channels count as a team's channel).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform_installations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('slack', 'dingtalk', 'wecom')`))
    // Slack: team (or enterprise) id; DingTalk: the app's client id (AppKey); WeCom: "<corp id>:<agent id>".
    .addColumn('installation_key', 'text', (c) => c.notNull())
    // Sealed JSON of the secrets (tokens, signing secrets, AES keys); never stored in clear.
    .addColumn('secrets', 'text', (c) => c.notNull())
    // Non-secret settings (bot user id, robot code, corp id, mode…).
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('platform_installations_key_unique', ['platform', 'installation_key'])
    .execute();
  await db.schema
    .createIndex('platform_installations_tenant_idx')
    .on('platform_installations')
    .columns(['tenant_id', 'platform'])
    .execute();

  await db.schema
    .createTable('inbound_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    // The platform's own id of the delivery (Slack event_id, WeCom MsgId, DingTalk msgId / eventId…).
    .addColumn('delivery_key', 'text', (c) => c.notNull())
    // Neutral events (src/core/events.ts) — metadata only, never message text.
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'processing', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Redeliveries the platform made of this key (counted, never processed twice).
    .addColumn('redeliveries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('inbound_deliveries_key_unique', ['tenant_id', 'platform', 'delivery_key'])
    .execute();
  await sql`create index inbound_deliveries_due_idx on inbound_deliveries (received_at) where status in ('pending', 'processing')`.execute(
    db,
  );
  await sql`create index inbound_deliveries_done_idx on inbound_deliveries (processed_at) where status in ('done', 'failed')`.execute(
    db,
  );

  await db.schema
    .createTable('channel_links')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_links_pk', ['tenant_id', 'platform', 'channel_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_links').execute();
  await db.schema.dropTable('inbound_deliveries').execute();
  await db.schema.dropTable('platform_installations').execute();
}
