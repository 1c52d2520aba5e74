// Frozen: working calendars and the scoring that uses them — the tenant's region and working weekdays, company
// calendar overrides, leave spread over the working days it covers, a record of each completed scoring day, and the
// explicit 'no_data' score status. Imports nothing from src/ (the zone → region map below is a frozen copy).
import { sql, type Kysely } from 'kysely';

/** Backfill for existing tenants: the region their time zone stands for (unknown ⇒ null = weekdays only). */
const ZONE_REGIONS: Record<string, string> = {
  'Asia/Shanghai': 'CN',
  'Asia/Chongqing': 'CN',
  'Asia/Harbin': 'CN',
  'Asia/Urumqi': 'CN',
  PRC: 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Macau': 'MO',
  'Asia/Taipei': 'TW',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Asia/Kolkata': 'IN',
  'Asia/Dubai': 'AE',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Zurich': 'CH',
  'Europe/Vienna': 'AT',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Lisbon': 'PT',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Phoenix': 'US',
  'America/Los_Angeles': 'US',
  'America/Anchorage': 'US',
  'Pacific/Honolulu': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Australia/Brisbane': 'AU',
  'Australia/Perth': 'AU',
  'Pacific/Auckland': 'NZ',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('region', 'text', (c) => c.check(sql`region ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'`))
    .execute();
  await db.schema
    .alterTable('tenants')
    .addColumn('working_weekdays', sql`smallint[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{1,2,3,4,5}'::smallint[]`)
        .check(
          sql`cardinality(working_weekdays) between 1 and 7 and working_weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]`,
        ),
    )
    .execute();
  // When the tenant's leaves were last spread over its calendar. Null for tenants that existed before leaves were
  // spread (their leave sits on its start day): the next scoring run spreads them once. New tenants start spread.
  await db.schema.alterTable('tenants').addColumn('leave_spread_at', 'timestamptz').execute();
  await sql`alter table tenants alter column leave_spread_at set default now()`.execute(db);
  for (const [zone, region] of Object.entries(ZONE_REGIONS)) {
    await db.updateTable('tenants').set({ region }).where('timezone', '=', zone).execute();
  }

  // The company's own days off and extra working days; they win over the region's calendar.
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('day_off', 'working_day')`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 200`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('calendar_overrides_pk', ['tenant_id', 'day'])
    .execute();

  // A leave of N days spread over the first N working days from its start (fractions on the last day), written at
  // ingestion with the tenant's calendar and re-spread when that calendar changes. Derived from signal_events like
  // the rollups, but kept when raw events are purged (the rollups of those days are recomputed from these rows).
  await db.schema
    .createTable('leave_days')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('start_day', 'date', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('leave_type', 'text', (c) => c.notNull())
    .addColumn('days', 'real', (c) => c.notNull().check(sql`days > 0 and days <= 1`))
    .addPrimaryKeyConstraint('leave_days_pk', ['tenant_id', 'source', 'external_id', 'day'])
    .execute();
  // Rollup recompute: a person's leave on a day. Re-spreading after a calendar change: leaves around a day.
  await db.schema
    .createIndex('leave_days_employee_day_idx')
    .on('leave_days')
    .columns(['tenant_id', 'employee_id', 'day'])
    .execute();
  await db.schema.createIndex('leave_days_tenant_day_idx').on('leave_days').columns(['tenant_id', 'day']).execute();

  // One row per completed scoring day of a tenant, written in the same transaction as that day's scores: a day
  // without its row was never committed, so readers and the alert planner never see a partial day.
  await db.schema
    .createTable('scoring_runs')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('scoring_runs_pk', ['tenant_id', 'as_of'])
    .execute();

  // People without any signal are 'no_data', not 'low'.
  await sql`alter table employee_scores drop constraint if exists employee_scores_status_check`.execute(db);
  await sql`alter table employee_scores add constraint employee_scores_status_check
    check (status in ('scored', 'insufficient_history', 'no_data'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from employee_scores where status = 'no_data'`.execute(db);
  await sql`alter table employee_scores drop constraint if exists employee_scores_status_check`.execute(db);
  await sql`alter table employee_scores add constraint employee_scores_status_check
    check (status in ('scored', 'insufficient_history'))`.execute(db);
  for (const table of ['scoring_runs', 'leave_days', 'calendar_overrides']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('tenants').dropColumn('leave_spread_at').execute();
  await db.schema.alterTable('tenants').dropColumn('working_weekdays').execute();
  await db.schema.alterTable('tenants').dropColumn('region').execute();
}
