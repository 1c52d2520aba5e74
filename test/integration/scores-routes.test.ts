// The read API for scores and the rules API: rendered reasons in the tenant locale with raw codes, audit rows,
// role checks and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createToken } from '../helpers/fixtures.js';
import { noMessageOrganisation, scenarioOrganisation, SOME_SCORING_DAYS } from '../helpers/scoring-orgs.js';
import { buildApp, type App } from '../../src/http/app.js';
import { writeSyntheticOrganisation, type WrittenOrganisation } from '../../src/synthetic/index.js';
import { runScoring } from '../../src/app/scoring/run.js';
import { DEFAULT_RULES } from '../../src/core/scoring/rules.js';

describe.each(SOME_SCORING_DAYS)('score and rule routes as of %s', (SCORING_END) => {
  let handle: TestDatabase;
  let app: App;
  let acme: WrittenOrganisation;
  let quiet: WrittenOrganisation;
  let hr: string;
  let quietHr: string;

  const auditRows = (tenantId: string, action: string) =>
    handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await writeSyntheticOrganisation(handle.db, scenarioOrganisation('acme', 'en', SCORING_END));
    quiet = await writeSyntheticOrganisation(handle.db, noMessageOrganisation('quiet-co', SCORING_END));
    await runScoring({ db: handle.db }, { asOf: SCORING_END });
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false });
    hr = await createToken(handle.db, acme.tenantId, 'hr');
    quietHr = await createToken(handle.db, quiet.tenantId, 'hr');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  it('GET /employees/:id/risk by external id: English reasons with numbers, raw codes, asOf, externalId; one audit row', async () => {
    const before = (await auditRows(acme.tenantId, 'risk.read')).length;
    const res = await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(hr) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      externalId: 'li.na',
      employeeId: acme.employeeIds['li.na'],
      asOf: SCORING_END,
      status: 'scored',
      riskLevel: 'high',
      ruleVersion: 0,
      locale: 'en',
    });
    const messages = body.reasons.find((r: { code: string }) => r.code === 'team_msgs_change');
    // Her own change, her real 6.7-week baseline, and what the rule decided on after the team's own change.
    expect(messages.text).toMatch(
      /^team-channel messages −6\d(\.\d)?% vs your 6\.7-week baseline(; −6\d(\.\d)?% after the team's own −\d+(\.\d)?%| \(team [−+]?\d+(\.\d)?%\))$/,
    );
    expect(typeof messages.params.change).toBe('number');
    const helps = body.reasons.find((r: { code: string }) => r.code === 'helps_drop');
    expect(helps.text).toBe('helped colleagues 0.0×/week in the last 14 days, 5.0×/week before (−100%)');
    expect(body.reasons.find((r: { code: string }) => r.code === 'personal_leave_change').text).toMatch(
      /^personal leave \+\d+(\.\d)?%: 3 days in the last 14 days, 0\.\d expected from your baseline$/,
    );
    expect(body.reasons.find((r: { code: string }) => r.code === 'manager_left').text).toBe('manager left 3 weeks ago');
    expect(body.collaborationScore).toBeGreaterThanOrEqual(50);
    const after = await auditRows(acme.tenantId, 'risk.read');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.subject_id).toBe(acme.employeeIds['li.na']);
  });

  it('GET /employees/:id/risk lists every rule with each condition: value, operator, threshold, held; fired or not', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(hr) })).json();
    expect(body.rules.map((r: { id: string }) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id));
    const byId = new Map(body.rules.map((r: { id: string }) => [r.id, r]));
    expect(byId.get('activity_and_leave')).toMatchObject({
      fired: true,
      contribution: 80,
      conditions: [
        { feature: 'team_msgs_change_pct', op: '<=', threshold: -50, held: true },
        { feature: 'leave_change_pct', op: '>=', threshold: 30, held: true },
      ],
    });
    // A rule that did not fire says which condition failed, and "no data" is a null value that never holds.
    expect(byId.get('tenure_band')).toMatchObject({
      fired: false,
      points: 0,
      conditions: [
        { feature: 'tenure_months', op: '>=', threshold: 3, held: false },
        { feature: 'tenure_months', op: '<', threshold: 12, held: true },
      ],
    });
    expect(byId.get('survey_silence')).toMatchObject({
      fired: false,
      conditions: [{ feature: 'survey_participation_pct', value: null, held: false }],
    });
    // Each condition's value is the feature the score stored and the rule decided on, fired or not.
    const stored = await handle.db
      .selectFrom('employee_scores')
      .select('features')
      .where('employee_id', '=', acme.employeeIds['li.na']!)
      .where('as_of', '=', SCORING_END)
      .executeTakeFirstOrThrow();
    const features = stored.features as Record<string, number | null>;
    const conditions = body.rules.flatMap(
      (r: { conditions: { feature: string; value: number | null }[] }) => r.conditions,
    );
    expect(conditions.length).toBeGreaterThan(body.rules.length);
    for (const c of conditions) expect(c.value, c.feature).toBe(features[c.feature] ?? null);
    const points = body.rules.reduce((a: number, r: { points: number }) => a + r.points, 0);
    expect(Math.abs(points - body.riskScore)).toBeLessThanOrEqual(1);
    // Lists stay light: no rule breakdown per person.
    const list = (await app.inject({ method: 'GET', url: '/api/v1/risks?level=high', headers: bearer(hr) })).json();
    expect(list.items[0].rules).toBeUndefined();
  });

  it('renders reasons in the tenant locale (zh-CN) and says "no data" where the platform is blind', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(quietHr) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.locale).toBe('zh-CN');
    expect(body.employeeId).toBe(quiet.employeeIds['li.na']);
    const texts = body.reasons.map((r: { text: string }) => r.text);
    expect(texts).toContain('直属经理3周前离职');
    expect(texts).toContain('无数据：该平台不提供消息元数据，未评估沟通活跃度信号');
    expect(texts.find((t: string) => t.startsWith('近14天每周帮助同事0.0次'))).toBeDefined();
  });

  it('?asOf= selects a day; a day without scores or a bad day is answered clearly', async () => {
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/employees/li.na/risk?asOf=${SCORING_END}`,
          headers: bearer(hr),
        })
      ).json().asOf,
    ).toBe(SCORING_END);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk?asOf=2026-01-01', headers: bearer(hr) }))
        .statusCode,
    ).toBe(404);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/employees/li.na/risk?asOf=2026-02-30',
      headers: bearer(hr),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('/querystring/asOf');
  });

  it("another tenant's person or team is 404, by uuid or external id", async () => {
    const byUuid = await app.inject({
      method: 'GET',
      url: `/api/v1/employees/${acme.employeeIds['li.na']}/risk`,
      headers: bearer(quietHr),
    });
    expect(byUuid.statusCode).toBe(404);
    const team = await app.inject({
      method: 'GET',
      url: `/api/v1/teams/${acme.teamIds.support}/atmosphere`,
      headers: bearer(quietHr),
    });
    expect(team.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/risks?level=high', headers: bearer(quietHr) });
    expect(list.json().items.map((i: { employeeId: string }) => i.employeeId)).not.toContain(acme.employeeIds['li.na']);
  });

  it('an employee token reads only its own risk; a manager reads their reports; others look missing', async () => {
    const own = await createToken(handle.db, acme.tenantId, 'employee', acme.employeeIds['sales-east-01']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/employees/sales-east-01/risk', headers: bearer(own) }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(own) })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/risks?level=high', headers: bearer(own) })).statusCode,
    ).toBe(403);
    const manager = await createToken(handle.db, acme.tenantId, 'manager', acme.employeeIds['engineering-mgr']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/employees/engineering-01/risk', headers: bearer(manager) }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(manager) })).statusCode,
    ).toBe(404);
    const managerList = await app.inject({ method: 'GET', url: '/api/v1/risks', headers: bearer(manager) });
    expect(managerList.statusCode).toBe(200);
    const ids = managerList.json().items.map((i: { externalId: string }) => i.externalId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id: string) => id.startsWith('engineering-'))).toBe(true);
  });

  it('GET /risks?level=high lists the seed case with reasons and writes one audit row naming everyone listed', async () => {
    const before = (await auditRows(acme.tenantId, 'risk.list')).length;
    const res = await app.inject({ method: 'GET', url: '/api/v1/risks?level=high', headers: bearer(hr) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(SCORING_END);
    expect(body.items.map((i: { externalId: string }) => i.externalId)).toEqual(['li.na']);
    expect(body.items[0].reasons.length).toBeGreaterThan(2);
    const rows = await auditRows(acme.tenantId, 'risk.list');
    expect(rows.length).toBe(before + 1);
    expect((rows.at(-1)?.details as { employeeIds: string[] }).employeeIds).toEqual([acme.employeeIds['li.na']]);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/risks?level=extreme', headers: bearer(hr) });
    expect(bad.statusCode).toBe(400);
  });

  it('GET /teams/:id/atmosphere: score, tier and rendered drivers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/teams/support/atmosphere', headers: bearer(hr) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      externalId: 'support',
      teamId: acme.teamIds.support,
      asOf: SCORING_END,
      memberCount: 9,
    });
    expect(['neutral', 'negative']).toContain(body.tier);
    expect(body.drivers[0].code).toBe('team_activity_change');
    expect(body.drivers[0].text).toMatch(/^team activity −\d+(\.\d)?% vs 8-week baseline$/);
  });

  it('GET/PUT /rules: defaults are version 0; a valid edit is version 1 and changes the next run; bad rules are 400 with paths', async () => {
    const current = await app.inject({ method: 'GET', url: '/api/v1/rules', headers: bearer(hr) });
    expect(current.statusCode).toBe(200);
    expect(current.json().version).toBe(0);
    expect(current.json().rules.find((r: { id: string }) => r.id === 'activity_and_leave').contribution).toBe(80);

    const invalid = await app.inject({
      method: 'PUT',
      url: '/api/v1/rules',
      headers: bearer(hr),
      payload: {
        rules: [{ id: 'x', when: [{ feature: 'mood', op: '~', value: 1 }], contribution: 150 }],
        thresholds: { medium: 80, high: 70, positive: 70, negative: 40 },
      },
    });
    expect(invalid.statusCode).toBe(400);
    const paths = invalid
      .json()
      .details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual([
      '/body/rules/0/contribution',
      '/body/rules/0/when/0/feature',
      '/body/rules/0/when/0/op',
      '/body/thresholds/high',
    ]);

    const manager = await createToken(handle.db, acme.tenantId, 'manager');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/rules',
          headers: bearer(manager),
          payload: { rules: DEFAULT_RULES },
        })
      ).statusCode,
    ).toBe(403);

    const stricter = DEFAULT_RULES.map((r) =>
      r.id === 'activity_and_leave'
        ? { ...r, when: r.when.map((c) => (c.feature === 'team_msgs_change_pct' ? { ...c, value: -80 } : c)) }
        : r,
    );
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/rules',
      headers: bearer(hr),
      payload: { rules: stricter },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().version).toBe(1);
    expect(put.json().createdBy).toMatch(/^token:/);
    await runScoring({ db: handle.db }, { tenantId: acme.tenantId, asOf: SCORING_END });
    const risk = (await app.inject({ method: 'GET', url: '/api/v1/employees/li.na/risk', headers: bearer(hr) })).json();
    expect(risk.ruleVersion).toBe(1);
    // The reviewer sees why the seed rule no longer fires: her −6x% does not reach the new −80.
    const seed = risk.rules.find((r: { id: string }) => r.id === 'activity_and_leave');
    expect(seed).toMatchObject({ fired: false, points: 0 });
    expect(seed.conditions[0]).toMatchObject({
      feature: 'team_msgs_change_pct',
      op: '<=',
      threshold: -80,
      held: false,
    });
    expect(seed.conditions[0].value).toBeLessThan(-55);
    expect(seed.conditions[1]).toMatchObject({ feature: 'leave_change_pct', op: '>=', threshold: 30, held: true });
    // The other tenant still sees its own (default) rules.
    expect((await app.inject({ method: 'GET', url: '/api/v1/rules', headers: bearer(quietHr) })).json().version).toBe(
      0,
    );
  });
});
