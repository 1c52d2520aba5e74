// Regression: Kysely's migrator used to introspect every table of every schema, and that query fails when another
// session drops a table meanwhile (scoring's scratch tables on another replica, another test file's schema).
// PostgreSQL only: PGlite has one connection, so nothing can drop a table concurrently there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/db.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest, pendingMigrations } from '../../src/storage/migrator.js';

describe.runIf(testDatabaseUrl())('migrator while other sessions create and drop tables', () => {
  let handle: TestDatabase;
  let churn: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    churn = await openDatabase({ databaseUrl: testDatabaseUrl(), schema: `${handle.schema}_churn`, poolSize: 4 });
  });
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(`${handle.schema}_churn`)} cascade`.execute(churn.db);
    await churn.close();
    await handle.destroy();
  });

  it('checks its own tables without tripping over tables dropped meanwhile', async () => {
    let stop = false;
    const churner = async (lane: number) => {
      for (let i = 0; !stop && i < 2000; i++) {
        const name = `scratch_${lane}_${i}`;
        await sql`create unlogged table ${sql.id(name)} (a int, b text, c jsonb)`.execute(churn.db);
        await sql`drop table ${sql.id(name)}`.execute(churn.db);
      }
    };
    const lanes = [0, 1, 2].map(churner);
    const failures: string[] = [];
    try {
      for (let i = 0; i < 60; i++) {
        try {
          expect(await pendingMigrations(handle.db as Kysely<unknown>, handle.schema)).toEqual([]);
          await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    } finally {
      stop = true;
      await Promise.all(lanes);
    }
    expect(failures).toEqual([]);
  });
});
