import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { scenarioOrganisation, SOME_SCORING_DAYS } from '../helpers/scoring-orgs.js';
import { writeSyntheticOrganisation, type WrittenOrganisation } from '../../src/synthetic/index.js';
import { addDays } from '../../src/core/time.js';

describe.each(SOME_SCORING_DAYS)('teampulse score as of %s', (SCORING_END) => {
  let handle: TestDatabase;
  let org: WrittenOrganisation;
  beforeAll(async () => {
    handle = await createTestDatabase();
    org = await writeSyntheticOrganisation(handle.db, scenarioOrganisation('acme', 'en', SCORING_END));
    await handle.db
      .insertInto('tenants')
      .values({ slug: 'empty-co', name: 'Empty', locale: 'en', timezone: 'UTC', legal_entity: null })
      .execute();
  }, 60_000);
  afterAll(async () => handle.destroy());

  it('--tenant --as-of scores that day and prints the summary', async () => {
    const run = await runCliWith(handle, ['score', '--tenant', 'acme', '--as-of', SCORING_END, '--no-alerts']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(
      new RegExp(
        `^acme as of ${SCORING_END} \\(rules v0\\): 26 employees — 25 scored, 1 insufficient history, 0 no data; risk high 1, medium \\d+, low \\d+; teams positive \\d, neutral \\d, negative \\d$`,
      ),
    );
    const days = await handle.db
      .selectFrom('employee_scores')
      .select('as_of')
      .distinct()
      .where('tenant_id', '=', org.tenantId)
      .execute();
    expect(days.map((d) => d.as_of)).toEqual([SCORING_END]);
  });

  it('stores a second as-of day beside the first (trends) and --json prints the numbers', async () => {
    const earlier = addDays(SCORING_END, -7);
    const run = await runCliWith(handle, ['score', '--tenant', 'acme', '--as-of', earlier, '--json', '--no-alerts']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.tenants).toHaveLength(1);
    expect(summary.tenants[0]).toMatchObject({ tenantSlug: 'acme', asOf: earlier, ruleVersion: 0, employees: 26 });
    const days = await handle.db
      .selectFrom('employee_scores')
      .select('as_of')
      .distinct()
      .where('tenant_id', '=', org.tenantId)
      .orderBy('as_of')
      .execute();
    expect(days.map((d) => d.as_of)).toEqual([earlier, SCORING_END]);
  });

  it('without --tenant scores every tenant and totals them', async () => {
    const run = await runCliWith(handle, ['score', '--as-of', SCORING_END, '--no-alerts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^acme as of /m);
    expect(run.stdout).toMatch(new RegExp(`^empty-co as of ${SCORING_END} \\(rules v0\\): 0 employees`, 'm'));
    expect(run.stdout).toMatch(/^total: 2 tenants, 25 scored, 1 insufficient history, 0 no data, high 1,/m);
  });

  it('bad input: a bad day or unknown tenant exits 1 with one line; a bad flag exits 2', async () => {
    const badDay = await runCliWith(handle, ['score', '--as-of', '2026-13-01']);
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toBe('teampulse: --as-of must be a calendar day YYYY-MM-DD (got "2026-13-01")\n');
    const unknown = await runCliWith(handle, ['score', '--tenant', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^teampulse: unknown tenant "nope"/);
    expect((await runCliWith(handle, ['score', '--bogus'])).code).toBe(2);
  });
});
