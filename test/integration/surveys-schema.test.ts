// The answers and comments tables cannot hold a person: no column refers to employees, none is named after one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      const references = await handle.db
        .selectFrom('information_schema.table_constraints as tc' as never)
        .innerJoin(
          'information_schema.constraint_column_usage as ccu' as never,
          'tc.constraint_name' as never,
          'ccu.constraint_name' as never,
        )
        .select(['ccu.table_name as target' as never])
        .where('tc.table_name' as never, '=', name as never)
        .where('tc.table_schema' as never, '=', handle.schema as never)
        .where('tc.constraint_type' as never, '=', 'FOREIGN KEY' as never)
        .execute();
      const targets = (references as Array<{ target: string }>).map((r) => r.target);
      expect(targets).not.toContain('employees');
      expect(targets).toContain('survey_rounds');
    }
  });
});
