// Frozen: issue J — exit-reason codes per tenant, team goals and individual results per period, versioned scorecard
// weight overrides, development plans and their steps. Migrations import nothing from src/.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A tenant's editable list of departure reason codes; no rows ⇒ the built-in list (src/core/performance).
  await db.schema
    .createTable('exit_reason_codes')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('exit_reason_codes_pk', ['tenant_id', 'code'])
    .execute();

  // Goals and results per period ('2026-11' or '2026-Q4'): a team's (met or missed) and a person's (attainment).
  await db.schema
    .createTable('team_goals')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision')
    .addColumn('actual', 'double precision')
    // Explicit verdict when the HR system states it; null ⇒ actual ≥ target.
    .addColumn('met', 'boolean')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_goals_pk', ['tenant_id', 'team_id', 'period'])
    .execute();
  await db.schema
    .createTable('individual_results')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('actual', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('individual_results_pk', ['tenant_id', 'employee_id', 'period'])
    .execute();

  // Every weight change is a new version; the latest version per subject (tenant, a team or a person) is in force.
  await db.schema
    .createTable('scorecard_weights')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('tenant', 'team', 'employee')`))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('weights', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_weights_pk', ['tenant_id', 'version'])
    .addCheckConstraint(
      'scorecard_weights_subject',
      sql`(scope = 'tenant' and team_id is null and employee_id is null)
        or (scope = 'team' and team_id is not null and employee_id is null)
        or (scope = 'employee' and employee_id is not null and team_id is null)`,
    )
    .execute();

  await db.schema
    .createTable('development_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'completed', 'cancelled')`))
    .addColumn('start_day', 'date', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One active plan of a template per person (a second `plan start` answers with the running one).
  await sql`create unique index development_plans_active_unique on development_plans (tenant_id, employee_id, template)
    where status = 'active'`.execute(db);
  await db.schema
    .createTable('plan_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('development_plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('employee', 'manager', 'hr')`))
    .addColumn('due_day', 'date', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'text')
    .addColumn('nudged_at', 'timestamptz')
    .addUniqueConstraint('plan_steps_position_unique', ['plan_id', 'position'])
    .execute();
  await sql`create index plan_steps_due_idx on plan_steps (tenant_id, due_day) where done_at is null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'plan_steps',
    'development_plans',
    'scorecard_weights',
    'individual_results',
    'team_goals',
    'exit_reason_codes',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
