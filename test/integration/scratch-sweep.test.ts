// A process killed mid-run leaves its scratch tables (the scoring aggregate, an upload's staging) behind: the next
// start drops them — all of them when the process has the database to itself (PGlite), and on a shared PostgreSQL
// only those too old to belong to a run still going on in another replica.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropScratchLeftByCrash, SCRATCH_GRACE_MS } from '../../src/app/recovery.js';
import { scratchTableName } from '../../src/storage/repositories/scratch.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('scratch tables left by a crash', { timeout: 120_000 }, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  }, 120_000);
  afterAll(async () => handle.destroy());

  const scratchTables = async () =>
    (
      await sql<{ name: string }>`
        select tablename as name from pg_tables
        where schemaname = current_schema() and (tablename like 'scoring%' or tablename like 'signal_upload%')
        order by tablename`.execute(handle.db)
    ).rows
      .map((r) => r.name)
      .filter((name) => !['scoring_runs'].includes(name));
  const create = (name: string) => sql`create unlogged table ${sql.id(name)} (id int)`.execute(handle.db);

  it('are dropped at start: the old ones on a shared database, every one with the database to itself', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - SCRATCH_GRACE_MS - 60_000);
    const oldAgg = scratchTableName('scoring_agg', old);
    const oldUpload = scratchTableName('signal_upload', old);
    const freshAgg = scratchTableName('scoring_agg', now);
    const freshUpload = scratchTableName('signal_upload', now);
    const legacy = 'scoring_agg_k3j9x0qa'; // an earlier version's name, without a creation time
    for (const name of [oldAgg, oldUpload, freshAgg, freshUpload, legacy]) await create(name);
    await create('scoring_aggregates_notes'); // not ours: never touched

    const shared = await dropScratchLeftByCrash(handle.db, { exclusive: false, requestTimeoutMs: 0, now });
    expect(shared.sort()).toEqual([legacy, oldAgg, oldUpload].sort());
    expect(await scratchTables()).toEqual([freshAgg, 'scoring_aggregates_notes', freshUpload].sort());

    // A longer request limit widens the grace: an upload may stage that long.
    const slowUpload = scratchTableName('signal_upload', new Date(now.getTime() - SCRATCH_GRACE_MS - 60_000));
    await create(slowUpload);
    expect(await dropScratchLeftByCrash(handle.db, { exclusive: false, requestTimeoutMs: 10 * 60_000, now })).toEqual(
      [],
    );

    const exclusive = await dropScratchLeftByCrash(handle.db, { exclusive: true });
    expect(exclusive.sort()).toEqual([freshAgg, freshUpload, slowUpload].sort());
    expect(await scratchTables()).toEqual(['scoring_aggregates_notes']);
  });
});
