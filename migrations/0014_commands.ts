// Frozen once landed: what commands, roles and data rights need (issue I).
// - Legal entities (法人主体) in the directory: a person's and a team's entity; HR grants and API tokens may be
//   limited to one entity, and HR of entity A never reaches entity B's rows.
// - Data requests: an employee contests their score (the note they wrote goes to HR) or asks to have their data
//   erased (HR confirms). Erasure deletes the employee row, so everything about them cascades away; the request
//   row keeps only who asked, when, and what was decided.
// - Survey mutes: who asked not to get pulse surveys (the surveys area reads it).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('employees').addColumn('legal_entity', 'text').execute();
  await db.schema.alterTable('teams').addColumn('legal_entity', 'text').execute();
  await db.schema
    .createIndex('employees_legal_entity_idx')
    .on('employees')
    .columns(['tenant_id', 'legal_entity'])
    .execute();

  await db.schema.alterTable('role_grants').addColumn('scope_legal_entity', 'text').execute();
  await sql`alter table role_grants add constraint role_grants_one_scope
    check (scope_team_id is null or scope_legal_entity is null)`.execute(db);
  await sql`drop index role_grants_unique`.execute(db);
  await sql`create unique index role_grants_unique on role_grants (tenant_id, employee_id, role,
    coalesce(scope_team_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(scope_legal_entity, ''))`.execute(
    db,
  );
  await db.schema.alterTable('api_tokens').addColumn('scope_legal_entity', 'text').execute();

  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // No foreign key: an erasure request outlives the person it erased (as a bare id).
    .addColumn('employee_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('contest', 'erasure')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'done', 'declined')`),
    )
    // contest: the person's own note to HR (deleted with their data); erasure: null.
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema
    .createIndex('data_requests_tenant_idx')
    .on('data_requests')
    .columns(['tenant_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('survey_mutes')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('muted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_mutes_pk', ['tenant_id', 'employee_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_mutes').execute();
  await db.schema.dropTable('data_requests').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scope_legal_entity').execute();
  await sql`drop index role_grants_unique`.execute(db);
  await sql`alter table role_grants drop constraint role_grants_one_scope`.execute(db);
  await db.schema.alterTable('role_grants').dropColumn('scope_legal_entity').execute();
  await sql`create unique index role_grants_unique on role_grants (tenant_id, employee_id, role,
    coalesce(scope_team_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);
  await db.schema.dropIndex('employees_legal_entity_idx').execute();
  await db.schema.alterTable('teams').dropColumn('legal_entity').execute();
  await db.schema.alterTable('employees').dropColumn('legal_entity').execute();
}
