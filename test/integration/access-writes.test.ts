// Writes through the access layer: a caller limited to a team sub-tree cannot write signals about people outside
// it (they count exactly like people missing from the directory), cannot change what applies to the whole tenant
// (rules, directory upserts) and cannot answer alerts about people outside it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { DEFAULT_RULES } from '../../src/core/scoring/rules.js';
import { personActor } from '../../src/app/access/index.js';
import { grantRole } from '../../src/app/directory/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';

let database: TestDatabase;
let app: App;
let org: AccessOrg;
let hr: string;
let hrSales: string;
const NOW = new Date('2026-11-28T04:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ db: database.db, schema: database.schema, logger: false, now: () => NOW });
  org = await createAccessOrg(database.db, 'writes');
  hr = await org.token('hr');
  hrSales = await org.token('hr', { scopeTeam: 'sales' });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const eventsAbout = async (externalId: string) =>
  (
    await database.db
      .selectFrom('signal_events')
      .select(['external_id', 'peer_employee_id'])
      .where('tenant_id', '=', org.tenantId)
      .where('employee_id', '=', org.people[externalId]!)
      .execute()
  ).map((e) => e.external_id);

const at = '2026-11-26T10:00:00+08:00';

describe('signals from a scoped caller', () => {
  it('stores signals about people inside; people outside count exactly like unknown ones', async () => {
    const post = (token: string, signals: unknown[]) =>
      app.inject({ method: 'POST', url: '/api/v1/signals?source=w1', headers: bearer(token), payload: { signals } });
    const res = await post(hrSales, [
      { id: 'in-1', kind: 'message', employee: 'se-1', occurredAt: at, channelType: 'team', count: 3 },
      { id: 'out-1', kind: 'message', employee: 'sup-1', occurredAt: at, channelType: 'team', count: 3 },
      { id: 'peer-out', kind: 'kudos', employee: 'se-2', occurredAt: at, peer: 'sup-1' },
      { id: 'mgr-out', kind: 'manager_change', employee: 'se-2', occurredAt: at, manager: 'sup-1' },
    ]);
    expect(res.statusCode).toBe(200);
    const ghost = await post(hr, [
      { id: 'g-1', kind: 'message', employee: 'ghost', occurredAt: at, channelType: 'team', count: 3 },
    ]);
    expect(res.json()).toMatchObject({ accepted: 3, skippedUnknown: 1, unknownEmployees: ['sup-1'] });
    expect(ghost.json()).toMatchObject({ accepted: 0, skippedUnknown: 1, unknownEmployees: ['ghost'] });
    expect(await eventsAbout('se-1')).toEqual(['in-1']);
    expect(await eventsAbout('sup-1')).toEqual([]);
    // The kudos is kept for se-2 without linking the outside peer; the manager change links nobody.
    const kudos = await database.db
      .selectFrom('signal_events')
      .select('peer_employee_id')
      .where('external_id', '=', 'peer-out')
      .executeTakeFirstOrThrow();
    expect(kudos.peer_employee_id).toBeNull();
    const se2 = await database.db
      .selectFrom('employees')
      .select('manager_id')
      .where('id', '=', org.people['se-2']!)
      .executeTakeFirstOrThrow();
    expect(se2.manager_id).toBe(org.people['m-east']);
  });

  it('the same holds for an NDJSON stream', async () => {
    const lines = [
      { id: 'nd-in', kind: 'help', employee: 'sw-1', occurredAt: at, peer: 'se-1' },
      { id: 'nd-out', kind: 'help', employee: 'm-support', occurredAt: at, peer: 'se-1' },
    ];
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/signals?source=w2',
      headers: { ...bearer(hrSales), 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(res.json()).toMatchObject({ accepted: 1, skippedUnknown: 1, unknownEmployees: ['m-support'] });
    expect(await eventsAbout('m-support')).toEqual([]);
  });
});

describe('tenant-wide changes', () => {
  it('a scoped token may read the rules but not publish them, nor upsert the directory', async () => {
    const put = (token: string) =>
      app.inject({ method: 'PUT', url: '/api/v1/rules', headers: bearer(token), payload: { rules: DEFAULT_RULES } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/rules', headers: bearer(hrSales) })).statusCode).toBe(200);
    const refused = await put(hrSales);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('forbidden');
    expect((await put(hr)).statusCode).toBe(200);
    const versions = await database.db
      .selectFrom('risk_rule_sets')
      .select('version')
      .where('tenant_id', '=', org.tenantId)
      .execute();
    expect(versions).toHaveLength(1);
    for (const [url, payload] of [
      ['/api/v1/teams', { teams: [{ externalId: 'sales-east', name: 'Renamed' }] }],
      ['/api/v1/employees', { employees: [{ externalId: 'se-1', name: 'Renamed' }] }],
    ] as const) {
      const res = await app.inject({ method: 'POST', url, headers: bearer(hrSales), payload });
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe('performance writes from a scoped caller', () => {
  const send = (method: 'POST' | 'PUT', url: string, token: string, payload: object) =>
    app.inject({ method, url, headers: bearer(token), payload });
  /** The body with the reference taken out: outside must read exactly like missing. */
  const shape = (body: unknown, ref: string) => JSON.stringify(body).split(ref).join('<ref>');

  it('goals: a team or person outside the sub-tree is refused exactly like an unknown one; nothing is stored', async () => {
    const goal = (ref: { team?: string; employee?: string }) =>
      ref.team
        ? { team: ref.team, period: '2026-11', target: 100, actual: 90 }
        : { employee: ref.employee!, period: '2026-11', target: 10, actual: 9 };
    for (const [outside, ghost] of [
      [{ team: 'support' }, { team: 'ghost' }],
      [{ employee: 'sup-1' }, { employee: 'ghost' }],
    ] as const) {
      const refused = await send('POST', '/api/v1/goals', hrSales, { goals: [goal(outside)] });
      const missing = await send('POST', '/api/v1/goals', hrSales, { goals: [goal(ghost)] });
      expect(refused.statusCode).toBe(400);
      const ref = 'team' in outside ? outside.team : outside.employee;
      expect(shape(refused.json(), ref)).toBe(shape(missing.json(), 'ghost'));
    }
    const inside = await send('POST', '/api/v1/goals', hrSales, {
      goals: [goal({ team: 'sales-east' }), goal({ employee: 'se-1' })],
    });
    expect(inside.statusCode, inside.body).toBe(200);
    const teams = await database.db.selectFrom('team_goals').select('team_id').execute();
    expect(teams.map((t) => t.team_id)).toEqual([org.teams['sales-east']]);
  });

  it('scorecard weights: outside the sub-tree is a missing team or person; tenant-wide is refused', async () => {
    const put = (token: string, payload: object) => send('PUT', '/api/v1/scorecard-weights', token, payload);
    for (const [field, outside] of [
      ['team', 'support'],
      ['employee', 'sup-1'],
    ] as const) {
      const refused = await put(hrSales, { [field]: outside, weights: { helping: 0.2 } });
      const missing = await put(hrSales, { [field]: 'ghost', weights: { helping: 0.2 } });
      expect(refused.statusCode, `${field} ${outside}`).toBe(404);
      expect(shape(refused.json(), outside)).toBe(shape(missing.json(), 'ghost'));
    }
    expect((await put(hrSales, { weights: { helping: 0.2 } })).statusCode).toBe(400);
    expect((await put(hrSales, { team: 'sales-east', weights: { helping: 0.2 } })).statusCode).toBe(200);
    const stored = await database.db
      .selectFrom('scorecard_weights')
      .select(['scope', 'team_id', 'employee_id'])
      .where('tenant_id', '=', org.tenantId)
      .execute();
    expect(stored).toEqual([{ scope: 'team', team_id: org.teams['sales-east'], employee_id: null }]);
  });

  it('development plans: a scoped caller starts and advances plans inside only; outside reads as missing', async () => {
    const start = (token: string, person: string) =>
      send('POST', `/api/v1/employees/${person}/plans`, token, { template: 'return_to_engagement' });
    const refused = await start(hrSales, 'sup-1');
    const missing = await start(hrSales, 'ghost');
    expect(refused.statusCode).toBe(404);
    expect(shape(refused.json(), 'sup-1')).toBe(shape(missing.json(), 'ghost'));
    expect((await start(hrSales, 'se-2')).statusCode).toBe(200);
    // A step of a plan about someone outside: exactly like a step that does not exist.
    const outsidePlan = await start(hr, 'sup-1');
    expect(outsidePlan.statusCode, outsidePlan.body).toBe(200);
    const stepId = (outsidePlan.json() as { steps: { id: string }[] }).steps[0]!.id;
    const ghostStep = randomUUID();
    const done = (token: string, id: string) => send('PUT', `/api/v1/plan-steps/${id}`, token, { done: true });
    const outsideStep = await done(hrSales, stepId);
    const missingStep = await done(hrSales, ghostStep);
    expect(outsideStep.statusCode).toBe(404);
    expect(shape(outsideStep.json(), stepId)).toBe(shape(missingStep.json(), ghostStep));
    expect((await done(hr, stepId)).statusCode).toBe(200);
  });
});

describe('alert feedback', () => {
  const answer = (token: string, alertId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/feedback`,
      headers: bearer(token),
      payload: { value: 'done' },
    });

  it('a scoped HR token answers alerts inside its sub-tree; outside looks like a missing alert', async () => {
    expect((await answer(hrSales, org.alerts.seOne)).statusCode).toBe(201);
    const missingId = randomUUID();
    const missing = (await answer(hrSales, missingId)).json();
    for (const id of [org.alerts.supOne, org.alerts.supportTeam]) {
      const res = await answer(hrSales, id);
      expect(res.statusCode).toBe(404);
      expect(JSON.stringify(res.json()).split(id).join('<id>')).toBe(
        JSON.stringify(missing).split(missingId).join('<id>'),
      );
    }
    expect((await answer(hr, org.alerts.supOne)).statusCode).toBe(201);
  });

  it('the recipient answers their alert; another manager may not; an employee token may not at all', async () => {
    expect((await answer(await org.token('manager', { employee: 'm-east' }), org.alerts.seOne)).statusCode).toBe(201);
    expect((await answer(await org.token('manager', { employee: 'm-sales' }), org.alerts.seOne)).statusCode).toBe(403);
    expect((await answer(await org.token('employee', { employee: 'se-1' }), org.alerts.seOne)).statusCode).toBe(403);
  });
});

describe('a person as an actor (chat commands)', () => {
  it('takes the highest role of their grants and the union of the granted sub-trees', async () => {
    const as = (employee: string) =>
      personActor(database.db, { tenantId: org.tenantId, employeeId: org.people[employee]!, source: 'console' });
    expect(await as('se-1')).toMatchObject({ role: 'employee', teams: null, name: `employee:${org.people['se-1']}` });
    expect(await as('m-east')).toMatchObject({ role: 'manager', teams: null });
    await grantRole(database.db, {
      tenantSlug: 'writes',
      employee: 'sw-1',
      role: 'hr',
      team: 'sales-west',
      actor: 't',
    });
    await grantRole(database.db, { tenantSlug: 'writes', employee: 'sw-1', role: 'hr', team: 'support', actor: 't' });
    expect(await as('sw-1')).toMatchObject({
      role: 'hr',
      teams: expect.arrayContaining([org.teams['sales-west'], org.teams.support]),
    });
    await grantRole(database.db, { tenantSlug: 'writes', employee: 'sw-1', role: 'hr', actor: 't' });
    expect(await as('sw-1')).toMatchObject({ role: 'hr', teams: null });
  });
});
