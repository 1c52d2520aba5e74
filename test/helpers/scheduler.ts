// Two scheduler "replicas" on one database (on PostgreSQL the second has its own pool) and two tenants in
// different time zones — the setup every scheduler test starts from.
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './db.js';
import { createTenant } from './fixtures.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface SchedulerFixture {
  handle: TestDatabase;
  second: DatabaseHandle;
  shanghai: string;
  berlin: string;
  close(): Promise<void>;
}

export async function twoReplicasTwoZones(): Promise<SchedulerFixture> {
  const handle = await createTestDatabase();
  const url = testDatabaseUrl();
  const second = url ? await openDatabase({ databaseUrl: url, schema: handle.schema, poolSize: 3 }) : handle;
  const shanghai = (await createTenant(handle.db, 'sh', { timezone: 'Asia/Shanghai' })).id;
  const berlin = (await createTenant(handle.db, 'be', { timezone: 'Europe/Berlin' })).id;
  return {
    handle,
    second,
    shanghai,
    berlin,
    close: async () => {
      if (second !== handle) await second.close();
      await handle.destroy();
    },
  };
}
