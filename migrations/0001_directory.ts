// Frozen: the directory (tenants, teams, employees, identities, roles, API tokens, audit log).
// Migrations use Kysely<any> and import nothing from src/, so later code changes never alter them.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('zh-CN')
        .check(sql`locale in ('zh-CN', 'en')`),
    )
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('legal_entity', 'text')
    .addColumn('quiet_hours', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('teams_tenant_external_unique', ['tenant_id', 'external_id'])
    .execute();
  await db.schema.createIndex('teams_parent_idx').on('teams').columns(['tenant_id', 'parent_id']).execute();

  await db.schema
    .createTable('employees')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('manager_id', 'uuid', (c) => c.references('employees.id').onDelete('set null'))
    .addColumn('hire_date', 'date')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'left')`),
    )
    .addColumn('left_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('employees_tenant_external_unique', ['tenant_id', 'external_id'])
    .execute();
  await db.schema.createIndex('employees_team_idx').on('employees').columns(['tenant_id', 'team_id']).execute();
  await db.schema.createIndex('employees_manager_idx').on('employees').columns(['tenant_id', 'manager_id']).execute();

  await db.schema
    .createTable('platform_identities')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('dm_conversation_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('platform_identities_pk', ['tenant_id', 'platform', 'platform_user_id'])
    .execute();
  await db.schema
    .createIndex('platform_identities_employee_idx')
    .on('platform_identities')
    .columns(['tenant_id', 'employee_id'])
    .execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('employee', 'manager', 'hr', 'admin')`))
    .addColumn('scope_team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index role_grants_unique on role_grants (tenant_id, employee_id, role,
    coalesce(scope_team_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('employee', 'manager', 'hr', 'admin')`))
    .addColumn('employee_id', 'uuid', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('scope_team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_log_tenant_at_idx').on('audit_log').columns(['tenant_id', 'at']).execute();
  // Append-only: rows are never edited, and only deleted once past the 6-year retention (seed §security).
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        raise exception 'audit_log is append-only';
      end if;
      if old.at > now() - interval '6 years' then
        raise exception 'audit_log rows are kept for 6 years';
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'api_tokens',
    'role_grants',
    'platform_identities',
    'employees',
    'teams',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
