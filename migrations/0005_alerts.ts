// Frozen: alerts raised (one row per recipient of an escalation) and the feedback given on them.
// Migrations use Kysely<any> and import nothing from src/, so later code changes never alter them.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('risk', 'team_warning')`))
    // Exactly one subject: an employee (risk) or a team (team_warning). Erasing either erases its alerts.
    .addColumn('subject_employee_id', 'uuid', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('subject_team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('escalated', 'worse', 'reminder')`))
    .addColumn('recipient_employee_id', 'uuid', (c) => c.references('employees.id').onDelete('set null'))
    .addColumn('routed_via', 'text', (c) => c.notNull().check(sql`routed_via in ('manager', 'skip_level', 'hr')`))
    .addColumn('outbox_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('snoozed_until', 'timestamptz')
    .addCheckConstraint('alerts_one_subject', sql`(subject_employee_id is null) <> (subject_team_id is null)`)
    .execute();
  // Re-planning the same day (a re-run of scoring) never raises the same alert twice.
  await sql`create unique index alerts_escalation_unique on alerts (tenant_id, kind,
    coalesce(subject_employee_id, subject_team_id), as_of,
    coalesce(recipient_employee_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);
  await db.schema
    .createIndex('alerts_subject_idx')
    .on('alerts')
    .columns(['tenant_id', 'subject_employee_id', 'as_of'])
    .execute();
  await db.schema
    .createIndex('alerts_team_idx')
    .on('alerts')
    .columns(['tenant_id', 'subject_team_id', 'as_of'])
    .execute();
  await db.schema.createIndex('alerts_created_idx').on('alerts').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('alert_feedback')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('alert_id', 'uuid', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.references('employees.id').onDelete('set null'))
    .addColumn('value', 'text', (c) =>
      c.notNull().check(sql`value in ('done', 'one_on_one', 'snooze', 'not_accurate')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('alert_feedback_alert_idx')
    .on('alert_feedback')
    .columns(['tenant_id', 'alert_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_feedback').execute();
  await db.schema.dropTable('alerts').execute();
}
