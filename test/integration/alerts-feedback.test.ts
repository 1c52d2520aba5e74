import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { buildApp, type App } from '../../src/http/app.js';
import { createApiToken } from '../../src/storage/repositories/tokens.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createAlertOrg, putEmployeeScore, putTeamScore, type AlertOrg } from './alerts-fixtures.js';

let database: TestDatabase;
let app: App;
let org: AlertOrg;
let riskAlertId: string;
let warningAlertId: string;
const now = new Date('2026-11-25T04:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ db: database.db, schema: database.schema, logger: false, now: () => now });
  org = await createAlertOrg(database.db, 'feedback');
  await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 82);
  await putTeamScore(database.db, org.tenantId, org.teams.salesEast, '2026-11-25', 'negative', 35);
  await planAlerts({ db: database.db, quietHours: false, now: () => now }, org.tenantId, '2026-11-25');
  const rows = await database.db
    .selectFrom('alerts')
    .select(['id', 'kind'])
    .where('tenant_id', '=', org.tenantId)
    .execute();
  riskAlertId = rows.find((r) => r.kind === 'risk')!.id;
  warningAlertId = rows.find((r) => r.kind === 'team_warning')!.id;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const feedbackRows = (alertId: string) =>
  database.db.selectFrom('alert_feedback').selectAll().where('alert_id', '=', alertId).orderBy('at').execute();

describe('alert feedback through the dispatcher (chat buttons)', () => {
  const dispatcher = () => buildInboundDispatcher({ db: database.db, now: () => now });
  const press = (value: string, employeeId: string | undefined, locale: 'en' | 'zh-CN' = 'en') =>
    dispatcher().dispatch(
      {
        type: 'action',
        id: `a-${value}`,
        source: 'console',
        actor: { kind: 'platform', id: 'x' },
        occurredAt: now,
        actionId: 'alert.feedback',
        value,
      },
      { tenantId: org.tenantId, employeeId, locale, platform: 'console', now },
    );

  it('records the recipient’s press and answers in their locale', async () => {
    const result = await press(`${riskAlertId}:one_on_one`, org.people.salesMgr, 'zh-CN');
    expect(result.handled).toBe(true);
    expect(result.reply?.fallbackText).toBe('谢谢，已记录：已约 1:1。');
    expect((await feedbackRows(riskAlertId)).map((f) => [f.value, f.employee_id, f.source])).toEqual([
      ['one_on_one', org.people.salesMgr, 'chat'],
    ]);
  });

  it('snooze sets snoozed_until two weeks ahead', async () => {
    const result = await press(`${riskAlertId}:snooze`, org.people.salesMgr);
    expect(result.reply?.fallbackText).toBe('Thanks — recorded: snoozed 2 weeks.');
    const alert = await database.db
      .selectFrom('alerts')
      .select('snoozed_until')
      .where('id', '=', riskAlertId)
      .executeTakeFirstOrThrow();
    expect(new Date(alert.snoozed_until!).toISOString()).toBe('2026-12-09T04:00:00.000Z');
  });

  it('refuses someone who is neither recipient nor HR, and unknown alerts, without recording anything', async () => {
    const before = (await feedbackRows(riskAlertId)).length;
    expect((await press(`${riskAlertId}:not_accurate`, org.people.rep2)).reply?.fallbackText).toContain(
      'was not sent to you',
    );
    expect((await press(`00000000-0000-0000-0000-000000000000:done`, org.people.salesMgr)).reply?.fallbackText).toBe(
      'This alert could not be found.',
    );
    expect((await press(`garbage`, org.people.salesMgr)).reply?.fallbackText).toBe('This alert could not be found.');
    expect(await feedbackRows(riskAlertId)).toHaveLength(before);
  });

  it('HR may answer the team warning sent to them', async () => {
    const result = await press(`${warningAlertId}:done`, org.people.hr);
    expect(result.reply?.fallbackText).toBe('Thanks — recorded: done.');
    expect((await feedbackRows(warningAlertId)).map((f) => f.value)).toEqual(['done']);
  });
});

describe('alert feedback and listing over HTTP', () => {
  it('POST /api/v1/alerts/:id/feedback records feedback for the recipient manager', async () => {
    const { token } = await createApiToken(database.db, {
      tenantId: org.tenantId,
      role: 'manager',
      employeeId: org.people.salesMgr,
    });
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${riskAlertId}/feedback`,
      headers: bearer(token),
      payload: { value: 'done' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ alertId: riskAlertId, value: 'done', snoozedUntil: null });
    expect((await feedbackRows(riskAlertId)).at(-1)).toMatchObject({
      value: 'done',
      employee_id: org.people.salesMgr,
      source: 'api',
    });
  });

  it('rejects bad values (400), other managers (403), employees (403), foreign tenants (404)', async () => {
    const hrToken = await createToken(database.db, org.tenantId, 'hr');
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${riskAlertId}/feedback`,
      headers: bearer(hrToken),
      payload: { value: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('/body/value');

    const { token: otherManager } = await createApiToken(database.db, {
      tenantId: org.tenantId,
      role: 'manager',
      employeeId: org.people.headSales,
    });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/alerts/${riskAlertId}/feedback`,
          headers: bearer(otherManager),
          payload: { value: 'done' },
        })
      ).statusCode,
    ).toBe(403);
    const employeeToken = await createToken(database.db, org.tenantId, 'employee', org.people.rep1);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/alerts/${riskAlertId}/feedback`,
          headers: bearer(employeeToken),
          payload: { value: 'done' },
        })
      ).statusCode,
    ).toBe(403);

    const other = await createTenant(database.db, 'feedback-other');
    const foreignToken = await createToken(database.db, other.id, 'admin');
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${riskAlertId}/feedback`,
      headers: bearer(foreignToken),
      payload: { value: 'done' },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(foreignToken) })).json()).toEqual({
      alerts: [],
    });

    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${warningAlertId}/feedback`,
      headers: bearer(hrToken),
      payload: { value: 'snooze' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().snoozedUntil).toBe('2026-12-09T04:00:00.000Z');
  });

  it('GET /api/v1/alerts lists alerts with subject, recipient, routing and feedback for HR only, audited', async () => {
    const hrToken = await createToken(database.db, org.tenantId, 'hr');
    const response = await app.inject({ method: 'GET', url: '/api/v1/alerts?kind=risk', headers: bearer(hrToken) });
    expect(response.statusCode).toBe(200);
    const { alerts } = response.json() as { alerts: Array<Record<string, unknown>> };
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      id: riskAlertId,
      kind: 'risk',
      subject: { type: 'employee', id: org.people.rep1, externalId: 'E3', name: 'Li Na' },
      level: 'high',
      score: 82,
      asOf: '2026-11-25',
      recipient: { id: org.people.salesMgr, externalId: 'E2' },
      routedVia: 'manager',
      snoozedUntil: '2026-12-09T04:00:00.000Z',
    });
    expect((alerts[0]!.feedback as Array<{ value: string }>).map((f) => f.value)).toEqual([
      'one_on_one',
      'snooze',
      'done',
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('tenant_id', '=', org.tenantId)
      .where('action', '=', 'alerts.list')
      .execute();
    expect(audit).toEqual([{ action: 'alerts.list', subject_id: org.people.rep1 }]);

    const managerToken = await createToken(database.db, org.tenantId, 'manager', org.people.salesMgr);
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(managerToken) })).statusCode).toBe(
      403,
    );
    const both = await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(hrToken) });
    expect((both.json() as { alerts: unknown[] }).alerts).toHaveLength(2);

    // An HR token scoped to another sub-tree sees none of Sales East's alerts; one scoped to Sales sees both.
    const rnd = await database.db
      .insertInto('teams')
      .values({ tenant_id: org.tenantId, external_id: 'rnd', name: 'R&D', parent_id: org.teams.company })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token: rndToken } = await createApiToken(database.db, {
      tenantId: org.tenantId,
      role: 'hr',
      scopeTeamId: rnd.id,
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(rndToken) })).json()).toEqual({
      alerts: [],
    });
    const { token: salesToken } = await createApiToken(database.db, {
      tenantId: org.tenantId,
      role: 'hr',
      scopeTeamId: org.teams.sales,
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(salesToken) })).json().alerts,
    ).toHaveLength(2);
    // …and a scoped HR token cannot answer alerts outside its sub-tree (404: it cannot see them).
    const outside = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${riskAlertId}/feedback`,
      headers: bearer(rndToken),
      payload: { value: 'done' },
    });
    expect(outside.statusCode).toBe(404);
  });
});
