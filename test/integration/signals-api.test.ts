import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';

const NOW = new Date('2026-03-10T04:00:00Z'); // 12:00 in Asia/Shanghai

describe('POST /api/v1/signals and GET /api/v1/employees/:id/activity', () => {
  let handle: TestDatabase;
  let app: App;
  let tenantA: string;
  let tokenA: string;
  let tokenB: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    app = await buildApp({
      db: handle.db,
      schema: handle.schema,
      logger: false,
      now: () => NOW,
      rawEventRetentionDays: 180,
    });
    tenantA = (await createTenant(handle.db, 'acme', { timezone: 'Asia/Shanghai' })).id;
    const tenantB = (await createTenant(handle.db, 'other', { timezone: 'Europe/Berlin' })).id;
    for (const ext of ['e1', 'e2', 'e3', 'mgr2']) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantA,
          external_id: ext,
          display_name: ext.toUpperCase(),
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[ext] = row.id;
    }
    await handle.db
      .insertInto('employees')
      .values({
        tenant_id: tenantB,
        external_id: 'b1',
        display_name: 'B1',
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: null,
      })
      .execute();
    tokenA = await createToken(handle.db, tenantA, 'hr');
    tokenB = await createToken(handle.db, tenantB, 'hr');
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  const post = (token: string, signals: unknown[], query = '') =>
    app.inject({ method: 'POST', url: `/api/v1/signals${query}`, headers: bearer(token), payload: { signals } });
  const activity = (token: string, id: string, from = '2026-03-01', to = '2026-03-10') =>
    app.inject({
      method: 'GET',
      url: `/api/v1/employees/${id}/activity?from=${from}&to=${to}`,
      headers: bearer(token),
    });
  const dayOf = (body: { days: { day: string }[] }, day: string) =>
    body.days.find((d) => d.day === day) as Record<string, number> | undefined;
  const eventCount = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from signal_events`.execute(handle.db)).rows[0]!.n);

  const batch = [
    {
      id: 'm1',
      kind: 'message',
      employee: 'e1',
      occurredAt: '2026-03-02T09:00:00+08:00',
      channelType: 'team',
      count: 5,
    },
    {
      id: 'm2',
      kind: 'message',
      employee: 'e1',
      occurredAt: '2026-03-02T10:00:00+08:00',
      channelType: 'dm',
      peer: 'e2',
    },
    // 23:30 UTC on 2026-03-01 is 07:30 on 2026-03-02 in Shanghai: tenant-local days.
    {
      id: 'm3',
      kind: 'message',
      employee: 'e1',
      occurredAt: '2026-03-01T23:30:00Z',
      channelType: 'cross_team',
      count: 2,
    },
    { id: 'h1', kind: 'help', employee: 'e1', occurredAt: '2026-03-02T11:00:00+08:00', peer: 'e3' },
    { id: 'k1', kind: 'kudos', employee: 'e2', occurredAt: '2026-03-02T12:00:00+08:00', peer: 'e1' },
    { id: 'l1', kind: 'leave', employee: 'e1', occurredAt: '2026-03-03', leaveType: 'personal', days: 1.5 },
    { id: 'a1', kind: 'attendance', employee: 'e1', occurredAt: '2026-03-04T09:00:00+08:00', status: 'absent' },
    { id: 'a2', kind: 'attendance', employee: 'e1', occurredAt: '2026-03-05T09:00:00+08:00', status: 'absent' },
    {
      id: 't1',
      kind: 'task',
      employee: 'e1',
      occurredAt: '2026-03-02T18:00:00+08:00',
      status: 'late',
      dueAt: '2026-03-01T18:00:00+08:00',
    },
    { id: 't2', kind: 'task', employee: 'e1', occurredAt: '2026-03-02T18:00:00+08:00', status: 'done' },
    { id: 'c1', kind: 'crm_activity', employee: 'e1', occurredAt: '2026-03-02T15:00:00+08:00', count: 3 },
    {
      id: 'p1',
      kind: 'team_project',
      employee: 'e1',
      occurredAt: '2026-03-02T15:00:00+08:00',
      project: 'Key accounts',
    },
    { id: 'r1', kind: 'resource_share', employee: 'e1', occurredAt: '2026-03-02T16:00:00+08:00', count: 2 },
  ];

  it('stores a valid batch and reads the counts back through the activity route', async () => {
    const res = await post(tokenA, batch);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      received: 13,
      accepted: 13,
      duplicates: 0,
      skippedUnknown: 0,
      unknownEmployees: [],
    });

    const read = await activity(tokenA, 'e1');
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body.employee).toMatchObject({ id: ids.e1, externalId: 'e1' });
    const d2 = dayOf(body, '2026-03-02')!;
    expect(d2).toMatchObject({
      msgsTeam: 5,
      msgsDm: 1,
      msgsCrossTeam: 2,
      msgsGroup: 0,
      helpsGiven: 1,
      helpsReceived: 0,
      kudosReceived: 1,
      kudosGiven: 0,
      tasksLate: 1,
      tasksDone: 1,
      crmFollowups: 3,
      teamProjects: 1,
      resourceShares: 2,
      distinctCollaborators: 2,
    });
    // The 1.5-day leave starting on Tuesday the 3rd counts one day on the 3rd and half a day on the 4th (the days it
    // covers), which excuses the absence on the 4th; the absence on the 5th has no leave record.
    expect(dayOf(body, '2026-03-03')).toMatchObject({ leavePersonalDays: 1, leaveEvents: 1 });
    expect(dayOf(body, '2026-03-04')).toMatchObject({ leavePersonalDays: 0.5, absencesUnexcused: 0 });
    expect(dayOf(body, '2026-03-05')).toMatchObject({ absencesUnexcused: 1 });
    // The helped colleague's rollup counts the help received.
    expect(dayOf((await activity(tokenA, ids.e3!)).json(), '2026-03-02')).toMatchObject({
      helpsReceived: 1,
      distinctCollaborators: 1,
    });

    const coverage = body.coverage as { day: string; source: string; signalClass: string; events: number }[];
    expect(coverage).toContainEqual({ day: '2026-03-02', source: 'hr-api', signalClass: 'message', events: 3 });
    expect(coverage).toContainEqual({ day: '2026-03-03', source: 'hr-api', signalClass: 'leave', events: 1 });
    expect(coverage.some((c) => c.day === '2026-03-01')).toBe(false);

    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'employee.activity.read')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ subject_type: 'employee', subject_id: ids.e1, tenant_id: tenantA });
  });

  it('a retried batch changes nothing', async () => {
    const before = (await activity(tokenA, 'e1')).json();
    const res = await post(tokenA, batch);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 0, duplicates: 13 });
    const after = (await activity(tokenA, 'e1')).json();
    expect(after.days).toEqual(before.days);
    expect(after.coverage).toEqual(before.coverage);
    expect(await eventCount()).toBe(13);
  });

  it('recomputes days for late and out-of-order events (and dedupes ids repeated in one batch)', async () => {
    const late = [
      {
        id: 'm9',
        kind: 'message',
        employee: 'e1',
        occurredAt: '2026-03-02T20:00:00+08:00',
        channelType: 'team',
        count: 4,
      },
      {
        id: 'm9',
        kind: 'message',
        employee: 'e1',
        occurredAt: '2026-03-02T20:00:00+08:00',
        channelType: 'team',
        count: 4,
      },
      { id: 'l2', kind: 'leave', employee: 'e1', occurredAt: '2026-03-05T08:00:00+08:00', leaveType: 'sick', days: 1 },
    ];
    const res = await post(tokenA, late);
    expect(res.json()).toMatchObject({ accepted: 2, duplicates: 1 });
    const body = (await activity(tokenA, 'e1')).json();
    expect(dayOf(body, '2026-03-02')).toMatchObject({ msgsTeam: 9 });
    // The late sick-leave record now excuses the absence on the 5th.
    expect(dayOf(body, '2026-03-05')).toMatchObject({ absencesUnexcused: 0, leaveSickDays: 1 });
  });

  it('rejects an invalid batch with every failing item index and path, writing nothing', async () => {
    const before = await eventCount();
    const res = await post(tokenA, [
      { id: 'ok1', kind: 'message', employee: 'e1', occurredAt: '2026-03-02T09:00:00Z', channelType: 'team' },
      {
        id: 'bad1',
        kind: 'message',
        employee: 'e1',
        occurredAt: '2026-03-02T09:00:00Z',
        channelType: 'team',
        count: -2,
      },
      { id: 'bad2', kind: 'gossip', employee: 'e1', occurredAt: '2026-03-02T09:00:00Z' },
      { id: 'bad3', kind: 'leave', employee: 'e1', occurredAt: '2026-03-12T09:00:00Z', leaveType: 'annual', days: 1 },
      { id: 'bad4', kind: 'help', employee: 42, occurredAt: 'yesterday' },
      'not an object',
      {
        id: 'bad5',
        kind: 'message',
        employee: 'e1',
        occurredAt: '2026-03-02T09:00:00Z',
        channelType: 'team',
        text: 'hello',
      },
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(/6 of 7 signals are invalid/);
    const paths = (body.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/body/signals/1/count',
        '/body/signals/2/kind',
        '/body/signals/3/occurredAt',
        '/body/signals/4/employee',
        '/body/signals/4/occurredAt',
        '/body/signals/4/peer',
        '/body/signals/5',
        '/body/signals/6/text',
      ]),
    );
    expect(paths.some((p) => p.startsWith('/body/signals/0'))).toBe(false);
    expect(body.details.find((d: { path: string }) => d.path === '/body/signals/3/occurredAt').message).toMatch(
      /future/,
    );
    expect(await eventCount()).toBe(before);
  });

  it('lists at most 100 problems', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: `x${i}`,
      kind: 'nope',
      employee: 'e1',
      occurredAt: '2026-03-02T09:00:00Z',
    }));
    const res = await post(tokenA, many);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toHaveLength(100);
    expect(res.json().details[99].path).toBe('/body/signals/99/kind');
  });

  it('reports unknown employees and peers instead of dropping them silently', async () => {
    const res = await post(tokenA, [
      { id: 'u1', kind: 'message', employee: 'ghost', occurredAt: '2026-03-06T09:00:00+08:00', channelType: 'team' },
      { id: 'u2', kind: 'help', employee: 'e2', occurredAt: '2026-03-06T09:00:00+08:00', peer: 'phantom' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, skippedUnknown: 1, unknownEmployees: ['ghost', 'phantom'] });
    expect(dayOf((await activity(tokenA, 'e2')).json(), '2026-03-06')).toMatchObject({
      helpsGiven: 1,
      distinctCollaborators: 0,
    });
  });

  it('keeps tenants apart: B cannot post for A’s people nor read their activity', async () => {
    const before = await eventCount();
    const res = await post(tokenB, [
      { id: 'x1', kind: 'message', employee: 'e1', occurredAt: '2026-03-06T09:00:00Z', channelType: 'team' },
    ]);
    expect(res.json()).toMatchObject({ accepted: 0, skippedUnknown: 1, unknownEmployees: ['e1'] });
    expect(await eventCount()).toBe(before);
    expect((await activity(tokenB, 'e1')).statusCode).toBe(404);
    expect((await activity(tokenB, ids.e1!)).statusCode).toBe(404);
  });

  it('applies org effects: departure, manager change (latest wins), hire date', async () => {
    const res = await post(tokenA, [
      { id: 'o1', kind: 'manager_change', employee: 'e2', occurredAt: '2026-03-05T09:00:00+08:00', manager: 'mgr2' },
      { id: 'o0', kind: 'manager_change', employee: 'e2', occurredAt: '2026-02-20T09:00:00+08:00', manager: 'e3' },
      {
        id: 'o2',
        kind: 'departure',
        employee: 'e3',
        occurredAt: '2026-03-06T18:00:00+08:00',
        reason: 'manager_left',
        note: 'exit interview done',
      },
      { id: 'o3', kind: 'hire', employee: 'e2', occurredAt: '2026-01-05' },
    ]);
    expect(res.json()).toMatchObject({ accepted: 4 });
    const rows = await handle.db
      .selectFrom('employees')
      .select(['external_id', 'status', 'left_at', 'manager_id', 'hire_date'])
      .where('tenant_id', '=', tenantA)
      .execute();
    const byExt = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(byExt.e2).toMatchObject({ manager_id: ids.mgr2, hire_date: '2026-01-05', status: 'active' });
    expect(byExt.e3!.status).toBe('left');
    expect(new Date(byExt.e3!.left_at!).toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });

  it('streams application/x-ndjson, and rejects bad lines with their line numbers', async () => {
    const lines = [
      {
        id: 'n1',
        kind: 'message',
        employee: 'e2',
        occurredAt: '2026-03-07T09:00:00+08:00',
        channelType: 'group',
        count: 7,
      },
      { id: 'n2', kind: 'kudos', employee: 'e2', occurredAt: '2026-03-07T09:00:00+08:00', peer: 'e1' },
    ];
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/signals?source=oa',
      headers: { ...bearer(tokenA), 'content-type': 'application/x-ndjson; charset=utf-8' },
      payload: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const body = (await activity(tokenA, 'e2')).json();
    expect(dayOf(body, '2026-03-07')).toMatchObject({ msgsGroup: 7, kudosGiven: 1 });
    expect(body.coverage).toContainEqual({ day: '2026-03-07', source: 'oa', signalClass: 'message', events: 1 });

    const before = await eventCount();
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: { ...bearer(tokenA), 'content-type': 'application/x-ndjson' },
      payload: [
        JSON.stringify({
          id: 'n3',
          kind: 'message',
          employee: 'e2',
          occurredAt: '2026-03-08T09:00:00Z',
          channelType: 'team',
        }),
        '{"id": "n4", "kind": ',
        JSON.stringify({
          id: 'n5',
          kind: 'leave',
          employee: 'e2',
          occurredAt: '2026-03-08T09:00:00Z',
          leaveType: 'annual',
          days: 0,
        }),
      ].join('\n'),
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(['/body/lines/2', '/body/lines/3/days']);
    expect(await eventCount()).toBe(before);
  });

  it('counts an id repeated across NDJSON batches once', async () => {
    const line = (i: number) =>
      JSON.stringify({
        id: `s${i}`,
        kind: 'resource_share',
        employee: 'e3',
        occurredAt: '2026-03-08T09:00:00+08:00',
        count: 1,
      });
    const payload = [...Array.from({ length: 2100 }, (_, i) => line(i)), line(0), line(2099)].join('\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: { ...bearer(tokenA), 'content-type': 'application/x-ndjson' },
      payload,
    });
    expect(res.json()).toMatchObject({ received: 2102, accepted: 2100, duplicates: 2 });
    expect(dayOf((await activity(tokenA, 'e3')).json(), '2026-03-08')).toMatchObject({ resourceShares: 2100 });
  });

  it('answers malformed JSON with 400, oversized batches with 413, and checks roles', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: { ...bearer(tokenA), 'content-type': 'application/json' },
      payload: '{"signals": [',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('bad_request');
    const notArray = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(tokenA),
      payload: { signals: 3 },
    });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().details).toEqual([{ path: '/body/signals', message: 'must be an array' }]);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ id: String(i) }));
    const big = await post(tokenA, tooMany);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('payload_too_large');

    const small = await buildApp({ db: handle.db, logger: false, bodyLimitBytes: 2048, now: () => NOW });
    const huge = await small.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(tokenA),
      payload: { signals: tooMany.slice(0, 200) },
    });
    expect(huge.statusCode).toBe(413);
    await small.close();

    const employeeToken = await createToken(handle.db, tenantA, 'employee', ids.e2);
    expect((await post(employeeToken, batch)).statusCode).toBe(403);
    // Everyone may read their own activity; anyone else's is answered like a missing person's unless HR.
    expect((await activity(employeeToken, 'e2')).statusCode).toBe(200);
    expect((await activity(employeeToken, 'e1')).statusCode).toBe(404);
  });

  it('validates the activity range', async () => {
    expect((await activity(tokenA, 'e1', '2026-03-10', '2026-03-01')).statusCode).toBe(400);
    expect((await activity(tokenA, 'e1', '2026-02-30', '2026-03-01')).json().details).toEqual([
      { path: '/querystring/from', message: 'must be a day YYYY-MM-DD in 1900–2200' },
    ]);
    expect((await activity(tokenA, 'e1', '2024-01-01', '2026-03-01')).statusCode).toBe(400);
    expect((await activity(tokenA, 'nobody')).statusCode).toBe(404);
    const defaults = await app.inject({ method: 'GET', url: '/api/v1/employees/e1/activity', headers: bearer(tokenA) });
    expect(defaults.json()).toMatchObject({ from: '2026-02-11', to: '2026-03-10' });
  });

  it('does not store events older than the raw-event retention window', async () => {
    const res = await post(tokenA, [
      { id: 'old1', kind: 'message', employee: 'e1', occurredAt: '2025-01-01T09:00:00Z', channelType: 'team' },
    ]);
    expect(res.json()).toMatchObject({ accepted: 0, expired: 1 });
  });
});
