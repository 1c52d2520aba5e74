// Scorecards end to end: goals and results through POST /api/v1/goals and `teampulse import goals`, collaboration
// from the period's signals, weight overrides through `teampulse weights set` and PUT /api/v1/scorecard-weights
// (versioned, audited, shown with their source), and the scorecard through the API (external id, access-checked,
// audited) and the CLI.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';
import { runCliWith } from '../helpers/cli.js';

const NOW = new Date('2026-12-02T04:00:00Z');

describe('scorecards', { timeout: 180_000 }, () => {
  let handle: TestDatabase;
  let app: App;
  let org: AccessOrg;
  let hr: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });
    org = await createAccessOrg(handle.db, 'acme');
    hr = await org.token('hr');
    // se-1 in February 2026 (20 working days = 4 weeks): 10 helps (2.5/week of 5 ⇒ 50), 6 team projects
    // (1.5/week of 3 ⇒ 50), 8 resource shares (2/week of 2 ⇒ 100).
    const rows = [
      { day: '2026-02-02', helps_given: 4, team_projects: 2, resource_shares: 3 },
      { day: '2026-02-10', helps_given: 6, team_projects: 4, resource_shares: 5 },
    ];
    await handle.db
      .insertInto('daily_rollups')
      .values(rows.map((r) => ({ tenant_id: org.tenantId, employee_id: org.people['se-1']!, ...r })))
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  const scorecard = (token: string, ref: string, period = '2026-02') =>
    app.inject({ method: 'GET', url: `/api/v1/employees/${ref}/scorecard?period=${period}`, headers: bearer(token) });

  it('goals: every problem is listed and nothing is stored; a valid batch is stored idempotently', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: bearer(hr),
      payload: {
        goals: [
          { team: 'ghost', period: '2026-11', met: true },
          { employee: 'se-1', period: '2026-11' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['/body/goals/0/team', '/body/goals/1/target', '/body/goals/1/actual']),
    );
    const payload = {
      goals: [
        { team: 'sales-east', period: '2026-Q1', target: 1_000_000, actual: 1_050_000 },
        { employee: 'se-1', period: '2026-02', target: 100_000, actual: 120_000 },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const ok = await app.inject({ method: 'POST', url: '/api/v1/goals', headers: bearer(hr), payload });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ teams: 1, people: 1 });
    }
  });

  it('shows each component, its weight and source; the team met its quarter goal ⇒ × 1.10', async () => {
    const res = await scorecard(hr, 'se-1');
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.individualResult).toEqual({ target: 100_000, actual: 120_000, attainmentPct: 120 });
    expect(card.teamGoal).toMatchObject({ period: '2026-Q1', met: true });
    expect(card.collaboration).toEqual({ helpsGiven: 10, teamProjects: 6, resourceShares: 8, workingWeeks: 4 });
    expect(
      card.components.map((c: { key: string; value: number; weight: number }) => [c.key, c.value, c.weight]),
    ).toEqual([
      ['individual', 120, 0.77],
      ['helping', 50, 0.1],
      ['projects', 50, 0.15],
      ['resources', 100, 0.05],
    ]);
    // 0.77·120 + 0.1·50 + 0.15·50 + 0.05·100 = 92.4 + 5 + 7.5 + 5
    expect(card.total).toBe(109.9);
  });

  it("the seed's override: her helping weight 10% → 25% (CLI), versioned and audited, shown with its source", async () => {
    const run = await runCliWith(handle, [
      'weights',
      'set',
      '--tenant',
      'acme',
      '--employee',
      'se-1',
      '--helping',
      '25%',
      '--note',
      'seed §4.2',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, scope: 'employee', weights: { helping: 0.25 } });
    // A team-wide change through the API: missed teams lose less.
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/scorecard-weights',
      headers: bearer(hr),
      payload: { team: 'sales-east', weights: { missedMultiplier: 0.9 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, scope: 'team', subject: 'Sales East' });
    const tooMuch = await app.inject({
      method: 'PUT',
      url: '/api/v1/scorecard-weights',
      headers: bearer(hr),
      payload: { employee: 'se-1', weights: { helping: 0.9 } },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().details[0].path).toBe('/body/weights/helping');

    const card = (await scorecard(hr, 'se-1')).json();
    const helping = card.components.find((c: { key: string }) => c.key === 'helping');
    expect(helping).toMatchObject({ weight: 0.25, source: { level: 'employee', version: 1 } });
    // (1 − 0.45) × 1.10 = 0.605; 0.605·120 + 0.25·50 + 7.5 + 5 = 72.6 + 12.5 + 12.5
    expect(card.components[0]).toMatchObject({ weight: 0.605, baseWeight: 0.55 });
    expect(card.total).toBe(97.6);

    const text = await runCliWith(handle, ['scorecard', 'se-1', '--tenant', 'acme', '--period', '2026-02']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Helping colleagues: 50 × weight 25% = 12\.5 points \(personal setting v1\)/);
    expect(text.stdout).toMatch(/team met its goal: individual weight 55% × 1\.1 = 60\.5%/);

    const list = JSON.parse((await runCliWith(handle, ['weights', 'list', '--tenant', 'acme', '--json'])).stdout);
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('tenant_id', '=', org.tenantId)
      .where('action', 'in', ['scorecard_weights.set', 'scorecard.read'])
      .execute();
    expect(audit.filter((a) => a.action === 'scorecard_weights.set')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'scorecard.read').length).toBeGreaterThanOrEqual(3);
  });

  it('reach: the person and their managers see it; a colleague or an unknown id gets the same 404', async () => {
    expect((await scorecard(await org.token('employee', { employee: 'se-1' }), 'se-1')).statusCode).toBe(200);
    expect((await scorecard(await org.token('manager', { employee: 'm-east' }), 'se-1')).statusCode).toBe(200);
    const colleague = await scorecard(await org.token('employee', { employee: 'se-2' }), 'se-1');
    const unknown = await scorecard(hr, 'ghost');
    expect(colleague.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect((await scorecard(hr, 'se-1', '2026-13')).statusCode).toBe(400);
    // A quarter sums its months' results; no result at all ⇒ no total.
    const q = (await scorecard(hr, 'se-1', '2026-Q1')).json();
    expect(q.individualResult).toMatchObject({ attainmentPct: 120 });
    expect((await scorecard(hr, 'se-2')).json().total).toBeNull();
  });

  it('teampulse import goals: CSV with team goals and individual results', async () => {
    const file = join(tmpdir(), `goals-${process.pid}.csv`);
    writeFileSync(file, 'team,employee,period,target,actual,met\nsupport,,2026-11,,,no\n,sup-1,2026-11,50,40,\n');
    const run = await runCliWith(handle, ['import', 'goals', file, '--tenant', 'acme', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ teams: 1, people: 1 });
    const card = (await scorecard(hr, 'sup-1', '2026-11')).json();
    expect(card.teamGoal).toMatchObject({ met: false });
    expect(card.components[0]).toMatchObject({ value: 80, multiplier: 0.95, weight: 0.665 });
  });
});
