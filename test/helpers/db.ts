// Each test file gets its own database: a fresh in-memory PGlite by default, or — when TEST_DATABASE_URL is
// set — its own schema on that PostgreSQL server, dropped afterwards. Files can therefore run in parallel.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';

export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the test schema. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const schema = url ? `t_${process.pid}_${randomBytes(4).toString('hex')}` : undefined;
  const handle = await openDatabase({ databaseUrl: url, schema, poolSize: 5 });
  if (options.migrate !== false) await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
  return {
    ...handle,
    destroy: async () => {
      if (url && schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}
