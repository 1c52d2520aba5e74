// The answers and comments tables cannot hold a person: no column refers to employees, none is named after one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('survey storage schema', { timeout: 120_000 }, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.destroy();
  });

  it('survey_answers and survey_comments have no person column and no foreign key to employees', async () => {
    for (const name of ['survey_answers', 'survey_comments']) {
      // Only this file's schema: Kysely's introspection scans every schema and fails when another test file drops
      // a table meanwhile (PostgreSQL).
      const found = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = ${handle.schema} and table_name = ${name}`.execute(handle.db);
      const columns = found.rows.map((c) => c.column_name);
      expect(columns.length, name).toBeGreaterThan(0);
      for (const column of columns) expect(column).not.toMatch(/employee|person|user|actor|recipient|_at$/);
      const references = await sql<{ target: string }>`
        select ccu.table_name as target
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
        where tc.table_name = ${name} and tc.table_schema = ${handle.schema} and tc.constraint_type = 'FOREIGN KEY'`.execute(
        handle.db,
      );
      const targets = references.rows.map((r) => r.target);
      expect(targets).not.toContain('employees');
      expect(targets).toContain('survey_rounds');
    }
  });
});
