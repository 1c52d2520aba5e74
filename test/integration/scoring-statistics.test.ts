// The scoring query must not depend on autovacuum (issue K1): without fresh statistics the aggregate for 10k people
// ran for over ten minutes, with them in seconds. A run ANALYZEs what was just bulk-loaded — the rollups of its
// window, the day's scores — and leaves no work table behind. (PGlite has no autovacuum: only the run can have
// taken these statistics.)
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoring } from '../../src/app/scoring/run.js';
import { writeSyntheticOrganisation, type WrittenOrganisation } from '../../src/synthetic/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { scenarioOrganisation, SCORING_END } from '../helpers/scoring-orgs.js';

describe('statistics after a scoring run', { timeout: 120_000 }, () => {
  let handle: TestDatabase;
  let org: WrittenOrganisation;
  beforeAll(async () => {
    handle = await createTestDatabase();
    org = await writeSyntheticOrganisation(handle.db, scenarioOrganisation('stats-co'));
  }, 120_000);
  afterAll(async () => handle.destroy());

  /** The latest day the planner's statistics of `table`.`column` know of (null: never analysed). */
  const knownUpTo = async (table: string, column: string) =>
    (
      await sql<{ latest: string | null }>`
        select greatest(
          (select max(v) from unnest(s.histogram_bounds::text::date[]) as v),
          (select max(v) from unnest(s.most_common_vals::text::date[]) as v))::text as latest
        from pg_stats s
        where s.schemaname = current_schema() and s.tablename = ${table} and s.attname = ${column}`.execute(handle.db)
    ).rows[0]?.latest ?? null;

  it('analyses the day’s scores and the window’s rollups it has just loaded', async () => {
    expect(await knownUpTo('employee_scores', 'as_of')).toBeNull();
    await runScoring({ db: handle.db }, { tenantId: org.tenantId, asOf: SCORING_END });
    expect(await knownUpTo('employee_scores', 'as_of')).toBe(SCORING_END);
    expect((await knownUpTo('daily_rollups', 'day')) ?? '').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const work = await sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = current_schema() and tablename like 'scoring\\_agg\\_%'`.execute(handle.db);
    expect(work.rows).toEqual([]);
  });
});
