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
    const tables = await handle.db.introspection.getTables();
    for (const name of ['survey_answers', 'survey_comments']) {
      const table = tables.find((t) => t.name === name && t.schema === handle.schema);
      expect(table, name).toBeDefined();
      const columns = table!.columns.map((c) => c.name);
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
