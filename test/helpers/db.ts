// Each test file gets its own database: a fresh in-memory PGlite by default, or — when TEST_DATABASE_URL is
// set — its own schema on that PostgreSQL server (dropped with the rest of the run's schemas in
// test/global-setup.ts, never mid-run). Files can therefore run in parallel.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';

export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection (the schema is dropped at the end of the run). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  options: {
    migrate?: boolean;
    /** Default 5 (files run in parallel); benches pass the service's own. */ poolSize?: number;
  } = {},
): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const runId = process.env.TEAMPULSE_TEST_RUN ?? 'adhoc';
  const schema = url ? `t_${runId}_${process.pid}_${randomBytes(4).toString('hex')}` : undefined;
  const handle = await openDatabase({ databaseUrl: url, schema, poolSize: options.poolSize ?? 5 });
  if (options.migrate !== false) await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
    },
  };
}

/** How many rows `table` holds (of one tenant when given): the tests' "nothing was stored" checks. */
export async function countRows(db: Kysely<Database>, table: keyof Database, tenantId?: string): Promise<number> {
  // One table name stands for all in the builder's types; every table a test counts by tenant has tenant_id.
  let query = db.selectFrom(table as 'employees').select((eb) => eb.fn.countAll().as('n'));
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
