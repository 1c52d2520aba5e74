// The pool size is a setting (DATABASE_POOL_SIZE, issue K1): openDatabase opens at most that many PostgreSQL
// connections, however many queries wait. (PGlite is one connection in this process: nothing to size.)
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { testDatabaseUrl } from '../helpers/db.js';

describe('the PostgreSQL pool', () => {
  it.skipIf(!testDatabaseUrl())('opens at most poolSize connections, and uses them all', async () => {
    const backends = async (poolSize: number) => {
      const handle = await openDatabase({ databaseUrl: testDatabaseUrl(), poolSize });
      try {
        const rows = await Promise.all(
          Array.from({ length: 6 }, () =>
            sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.2)`.execute(handle.db),
          ),
        );
        return new Set(rows.map((r) => r.rows[0]!.pid)).size;
      } finally {
        await handle.close();
      }
    };
    expect(await backends(2)).toBe(2);
    expect(await backends(5)).toBe(5);
  });
});
