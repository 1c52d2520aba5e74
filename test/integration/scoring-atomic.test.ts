// Scoring a tenant-day is atomic (issue K1): a run that dies midway leaves no partial day — no scores, no team scores,
// no scoring_runs row — so the next day never compares with it; the rerun completes the day once and alerts fire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { runScoring } from '../../src/app/scoring/run.js';
import { upsertEmployeeScores } from '../../src/storage/repositories/scores.js';
import {
  generateDemoOrganisation,
  writeSyntheticOrganisation,
  type WrittenOrganisation,
} from '../../src/synthetic/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SCORING_END } from '../helpers/scoring-orgs.js';

describe('a scoring run interrupted midway', () => {
  let handle: TestDatabase;
  let org: WrittenOrganisation;
  const rows = async (table: 'employee_scores' | 'team_scores' | 'scoring_runs') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', org.tenantId)
          .where('as_of', '=', SCORING_END)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    handle = await createTestDatabase();
    // Demo Co: the seed case, and an HR contact for her alert to go to (her manager left).
    org = await writeSyntheticOrganisation(handle.db, generateDemoOrganisation(7, { endDay: SCORING_END }));
  }, 120_000);
  afterAll(async () => handle.destroy());

  it('leaves nothing of the day behind when the writer dies after some rows', async () => {
    let written = 0;
    const dying: typeof upsertEmployeeScores = async (db, batch) => {
      if (written >= 10) throw new Error('killed mid-run');
      await upsertEmployeeScores(db, batch);
      written += batch.length;
    };
    const alerted: string[] = [];
    await expect(
      runScoring(
        { db: handle.db, writeBatch: 5, writeEmployeeScores: dying, afterTenantScored: (t) => void alerted.push(t) },
        { tenantId: org.tenantId, asOf: SCORING_END },
      ),
    ).rejects.toThrow('killed mid-run');
    expect(written).toBe(10); // two batches had reached the database before it died
    expect(await rows('employee_scores')).toBe(0);
    expect(await rows('team_scores')).toBe(0);
    expect(await rows('scoring_runs')).toBe(0);
    expect(alerted).toEqual([]);
  });

  it('the rerun completes the day once and the seed case alert fires', async () => {
    const planned: number[] = [];
    const summary = await runScoring(
      {
        db: handle.db,
        writeBatch: 5,
        afterTenantScored: async (tenantId, asOf) => {
          const plan = await planAlerts({ db: handle.db, quietHours: false }, tenantId, asOf);
          planned.push(plan.alerts);
        },
      },
      { tenantId: org.tenantId, asOf: SCORING_END },
    );
    const employees = summary.tenants[0]!.employees;
    expect(await rows('employee_scores')).toBe(employees);
    expect(await rows('team_scores')).toBe(4);
    expect(await rows('scoring_runs')).toBe(1);
    expect(planned).toEqual([1]);
    const alert = await handle.db
      .selectFrom('alerts as a')
      .innerJoin('employees as e', 'e.id', 'a.subject_employee_id')
      .select(['e.external_id', 'a.level'])
      .where('a.tenant_id', '=', org.tenantId)
      .where('a.kind', '=', 'risk')
      .execute();
    expect(alert.map((a) => a.external_id)).toContain('li.na');
    const run = await handle.db
      .selectFrom('scoring_runs')
      .selectAll()
      .where('tenant_id', '=', org.tenantId)
      .executeTakeFirstOrThrow();
    expect(run.summary).toMatchObject({ asOf: SCORING_END, employees, levels: { high: 1 } });
  });
});
