// Frozen: pulse surveys (issue H) — each tenant's question bank, its survey settings, rounds, who was invited and
// whether they answered (participation), and the answers and comments themselves.
//
// Anonymity by construction: survey_answers and survey_comments have NO person column. While a round is open an
// answer carries `respondent_key` = sha256(round salt ‖ person id) so a second click replaces the first; when the
// round closes the salt and every respondent_key of the round are erased, and nothing links an answer to anyone.
// Only in a round created in the tenant's opt-in confidential mode does an answer also carry `pseudonym`, a random
// id that survey_pseudonyms maps to the person (for the risk engine only; never shown). survey_participation
// records only that someone was invited and answered — never what, and never when (no timestamp to join on).
// Migrations use Kysely<any> and import nothing from src/, so later code changes never alter them.
import { sql, type Kysely } from 'kysely';

const DRIVERS = `('team_support', 'workload', 'recognition', 'growth', 'manager', 'belonging', 'future', 'enps')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Seeded per tenant on first use from the built-in bank (src/core/surveys/bank.ts); tenants add, edit and retire.
  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // Stable code ('team_support.1' for the built-in items, 'custom.<n>' for a tenant's own).
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull().check(sql.raw(`driver in ${DRIVERS}`)))
    .addColumn('scale', 'text', (c) => c.notNull().check(sql`scale in ('agree5', 'nps11')`))
    .addColumn('text_zh', 'text', (c) => c.notNull().check(sql`char_length(text_zh) between 1 and 300`))
    .addColumn('text_en', 'text', (c) => c.notNull().check(sql`char_length(text_en) between 1 and 300`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('survey_questions_key_unique', ['tenant_id', 'key'])
    .execute();

  // One row per tenant that changed a default (absent ⇒ the defaults).
  await db.schema
    .createTable('survey_settings')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('anonymous')
        .check(sql`mode in ('anonymous', 'confidential')`),
    )
    .addColumn('cadence', 'text', (c) =>
      c
        .notNull()
        .defaultTo('weekly')
        .check(sql`cadence in ('weekly', 'biweekly', 'monthly')`),
    )
    .addColumn('questions_per_round', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(4)
        .check(sql`questions_per_round between 1 and 10`),
    )
    // Never below 3 (checked here too, so no code path can lower it further).
    .addColumn('min_respondents', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`min_respondents >= 3`),
    )
    .addColumn('min_comment_respondents', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`min_comment_respondents >= 3`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('survey_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scheduled', 'manual', 'onboarding')`))
    // A round sent to one team's sub-tree only (`survey send --team`); null ⇒ the whole tenant.
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    // The mode is fixed when the round opens (it is stated in the invitation); changing the setting later never
    // links answers that were given anonymously.
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('anonymous', 'confidential')`))
    .addColumn('question_ids', 'jsonb', (c) => c.notNull())
    .addColumn('opened_on', 'date', (c) => c.notNull())
    .addColumn('reminder_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    // Secret of the open round; erased at close together with the answers' respondent keys.
    .addColumn('salt', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('survey_rounds_tenant_idx')
    .on('survey_rounds')
    .columns(['tenant_id', 'opened_on'])
    .execute();

  // Who was asked, whether they answered (for reminders and response rates) and whether they muted the round.
  await db.schema
    .createTable('survey_participation')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('survey_rounds.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    // The person's team when invited (response rate per team).
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('answered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reminded', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('survey_participation_pk', ['round_id', 'employee_id'])
    .execute();
  await db.schema
    .createIndex('survey_participation_employee_idx')
    .on('survey_participation')
    .columns(['tenant_id', 'employee_id'])
    .execute();

  await db.schema
    .createTable('survey_pseudonyms')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('pseudonym', 'uuid', (c) =>
      c
        .notNull()
        .unique()
        .defaultTo(sql`gen_random_uuid()`),
    )
    .addPrimaryKeyConstraint('survey_pseudonyms_pk', ['tenant_id', 'employee_id'])
    .execute();

  // No person column, and no timestamp (a time could be joined with other tables to find who answered).
  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('survey_rounds.id').onDelete('cascade'))
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('survey_questions.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('value', 'smallint', (c) => c.notNull().check(sql`value between 0 and 10`))
    .addColumn('respondent_key', 'text')
    .addColumn('pseudonym', 'uuid')
    .execute();
  await db.schema
    .createIndex('survey_answers_key_unique')
    .on('survey_answers')
    .columns(['round_id', 'question_id', 'respondent_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('survey_answers_round_idx')
    .on('survey_answers')
    .columns(['tenant_id', 'round_id'])
    .execute();

  // Free-text comments are survey data (never chat messages): kept, shown only above the comment threshold, never
  // fed to any model. One per person and round while it is open (same keying as the answers).
  await db.schema
    .createTable('survey_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('survey_rounds.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 1000`))
    .addColumn('respondent_key', 'text')
    .addColumn('pseudonym', 'uuid')
    .execute();
  await db.schema
    .createIndex('survey_comments_key_unique')
    .on('survey_comments')
    .columns(['round_id', 'respondent_key'])
    .unique()
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'survey_comments',
    'survey_answers',
    'survey_pseudonyms',
    'survey_participation',
    'survey_rounds',
    'survey_settings',
    'survey_questions',
  ])
    await db.schema.dropTable(table).execute();
}
