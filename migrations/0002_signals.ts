// Frozen: signals — append-only events (deduplicated per source id), daily rollups, interaction edges, coverage.
import { sql, type Kysely } from 'kysely';

const ROLLUP_COUNTS = [
  'msgs_team',
  'msgs_dm',
  'msgs_group',
  'msgs_cross_team',
  'thread_replies_to_others',
  'distinct_collaborators',
  'helps_given',
  'helps_received',
  'kudos_given',
  'kudos_received',
  'leave_events',
  'absences_unexcused',
  'late_arrivals',
  'early_leaves',
  'tasks_done',
  'tasks_late',
  'tasks_open',
  'crm_followups',
  'team_projects',
  'resource_shares',
];
const ROLLUP_DAYS = ['leave_personal_days', 'leave_sick_days', 'leave_annual_days', 'leave_other_days'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signal_events')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('peer_employee_id', 'uuid', (c) => c.references('employees.id').onDelete('set null'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('signal_events_pk', ['tenant_id', 'source', 'external_id'])
    .execute();
  await db.schema
    .createIndex('signal_events_employee_day_idx')
    .on('signal_events')
    .columns(['tenant_id', 'employee_id', 'day'])
    .execute();
  // The retention purge deletes by day. BRIN: tiny on an append-only table, and never a tempting alternative to
  // the (tenant, employee, day) index for the per-person lookups of the rollup recompute.
  await sql`create index signal_events_day_brin on signal_events using brin (day)`.execute(db);
  // Helps and kudos a person received on a day (rollup recompute looks them up per affected person).
  await db.schema
    .createIndex('signal_events_peer_day_idx')
    .on('signal_events')
    .columns(['tenant_id', 'peer_employee_id', 'day'])
    .where(sql.ref('peer_employee_id'), 'is not', null)
    .execute();

  // Derived tables (recomputed from signal_events): no tenant foreign key of their own. Their employee keys cascade
  // (a tenant's deletion removes its employees and with them these rows), and a second per-row check on every
  // recomputed row cost bulk ingestion ≈ 3.5 µs a row for nothing.
  let rollups = db.schema
    .createTable('daily_rollups')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull());
  for (const column of ROLLUP_COUNTS) rollups = rollups.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of ROLLUP_DAYS) rollups = rollups.addColumn(column, 'real', (c) => c.notNull().defaultTo(0));
  await rollups
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('daily_rollups_pk', ['tenant_id', 'employee_id', 'day'])
    .execute();
  await db.schema
    .createIndex('daily_rollups_tenant_day_idx')
    .on('daily_rollups')
    .columns(['tenant_id', 'day'])
    .execute();

  await db.schema
    .createTable('interaction_edges')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('from_employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('to_employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_edges_pk', ['tenant_id', 'from_employee_id', 'to_employee_id', 'day'])
    .execute();
  await db.schema
    .createIndex('interaction_edges_tenant_day_idx')
    .on('interaction_edges')
    .columns(['tenant_id', 'day'])
    .execute();
  // Incoming edges of a person on a day (distinct collaborators count both directions).
  await db.schema
    .createIndex('interaction_edges_to_day_idx')
    .on('interaction_edges')
    .columns(['tenant_id', 'to_employee_id', 'day'])
    .execute();

  await db.schema
    .createTable('signal_coverage')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('signal_class', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('signal_coverage_pk', ['tenant_id', 'source', 'signal_class', 'day'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['signal_coverage', 'interaction_edges', 'daily_rollups', 'signal_events']) {
    await db.schema.dropTable(table).execute();
  }
}
