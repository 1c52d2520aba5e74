// The directory API end to end through buildApp().inject() on a real database (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set): upserts, paging, references by either id, validation paths, auth and isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { createApiToken, hashToken } from '../../src/storage/repositories/tokens.js';

interface Ref {
  id: string;
  externalId: string;
}

describe('directory API', () => {
  let handle: TestDatabase;
  let app: App;
  let tenantA: string;
  let tenantB: string;
  let adminA: string;
  let hrA: string;
  let employeeTokenA: string;
  let adminB: string;
  let revoked: string;

  const teamsBatch = {
    teams: [
      // Children come before their parents on purpose: order within a batch must not matter.
      { externalId: 'sales-east', name: 'Sales East', parent: 'sales' },
      { externalId: 'sales-west', name: 'Sales West', parent: 'sales' },
      { externalId: 'sales', name: 'Sales' },
    ],
  };
  const employeesBatch = {
    employees: [
      {
        externalId: 'e3',
        name: 'Li Na',
        email: 'li.na@example.com',
        team: 'sales-east',
        manager: 'e2',
        hireDate: '2026-09-01',
        identities: { slack: 'U3', dingtalk: 'D3' },
      },
      { externalId: 'e2', name: 'Wang Wei', team: 'sales-east', manager: 'e1', hireDate: '2022-03-15' },
      { externalId: 'e1', name: 'Zhang Min', team: 'sales', hireDate: '2019-01-07' },
    ],
  };

  const post = (url: string, token: string, payload: unknown, target: App = app) =>
    target.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
  const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: bearer(token) });
  const count = (table: 'teams' | 'employees' | 'platform_identities', tenantId: string) =>
    countRows(handle.db, table, tenantId);

  beforeAll(async () => {
    handle = await createTestDatabase();
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false });
    tenantA = (await createTenant(handle.db, 'acme')).id;
    tenantB = (await createTenant(handle.db, 'globex')).id;
    adminA = await createToken(handle.db, tenantA, 'admin');
    hrA = await createToken(handle.db, tenantA, 'hr');
    adminB = await createToken(handle.db, tenantB, 'admin');
    revoked = await createToken(handle.db, tenantA, 'admin');
    await handle.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', hashToken(revoked))
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  describe('happy path', () => {
    it('upserts teams in any order within a batch and reports what it created', async () => {
      const res = await post('/api/v1/teams', hrA, teamsBatch);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
      expect(await count('teams', tenantA)).toBe(3);
    });

    it('lists teams in pages with an opaque cursor', async () => {
      const first = await get('/api/v1/teams?limit=2', adminA);
      expect(first.statusCode).toBe(200);
      const page1 = first.json() as { items: { externalId: string; parent: Ref | null }[]; nextCursor: string };
      expect(page1.items.map((t) => t.externalId)).toEqual(['sales', 'sales-east']);
      expect(page1.nextCursor).toEqual(expect.any(String));
      const second = (await get(`/api/v1/teams?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`, adminA)).json();
      expect(second.items.map((t: { externalId: string }) => t.externalId)).toEqual(['sales-west']);
      expect(second.nextCursor).toBeNull();
    });

    it('gets a team by external id and by internal id, with its parent as both ids', async () => {
      const byExternal = await get('/api/v1/teams/sales-east', adminA);
      expect(byExternal.statusCode).toBe(200);
      const team = byExternal.json();
      const parent = (await get('/api/v1/teams/sales', adminA)).json();
      expect(team).toMatchObject({
        externalId: 'sales-east',
        name: 'Sales East',
        parent: { id: parent.id, externalId: 'sales' },
      });
      const byId = await get(`/api/v1/teams/${team.id}`, adminA);
      expect(byId.json()).toEqual(team);
    });

    it('upserts employees with a manager defined later in the batch, and several identities', async () => {
      const res = await post('/api/v1/employees', hrA, employeesBatch);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
      const liNa = (await get('/api/v1/employees/e3', adminA)).json();
      const wang = (await get('/api/v1/employees/e2', adminA)).json();
      const east = (await get('/api/v1/teams/sales-east', adminA)).json();
      expect(liNa).toMatchObject({
        externalId: 'e3',
        name: 'Li Na',
        email: 'li.na@example.com',
        team: { id: east.id, externalId: 'sales-east' },
        manager: { id: wang.id, externalId: 'e2' },
        hireDate: '2026-09-01',
        status: 'active',
        leftAt: null,
      });
      expect(liNa.identities).toEqual([
        { platform: 'dingtalk', platformUserId: 'D3' },
        { platform: 'slack', platformUserId: 'U3' },
      ]);
      expect((await get(`/api/v1/employees/${liNa.id}`, adminA)).json()).toEqual(liNa);
    });

    it('is idempotent: re-posting the same batches changes nothing', async () => {
      const before = await handle.db
        .selectFrom('employees')
        .select(['external_id', 'updated_at'])
        .where('tenant_id', '=', tenantA)
        .orderBy('external_id')
        .execute();
      expect((await post('/api/v1/teams', hrA, teamsBatch)).json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
      expect((await post('/api/v1/employees', hrA, employeesBatch)).json()).toEqual({
        created: 0,
        updated: 0,
        unchanged: 3,
      });
      const after = await handle.db
        .selectFrom('employees')
        .select(['external_id', 'updated_at'])
        .where('tenant_id', '=', tenantA)
        .orderBy('external_id')
        .execute();
      expect(after).toEqual(before);
      expect(await count('platform_identities', tenantA)).toBe(2);
    });

    it('updates only what changed; omitted fields keep their value, null clears, a new identity replaces the old', async () => {
      const res = await post('/api/v1/employees', hrA, {
        employees: [
          { externalId: 'e3', name: 'Li Na', identities: { slack: 'U3-new', dingtalk: null } },
          { externalId: 'e2', name: 'Wang Wei', status: 'left', leftAt: '2026-11-01' },
          { externalId: 'e1', name: 'Zhang Min' },
        ],
      });
      expect(res.json()).toEqual({ created: 0, updated: 2, unchanged: 1 });
      const liNa = (await get('/api/v1/employees/e3', adminA)).json();
      expect(liNa).toMatchObject({
        email: 'li.na@example.com',
        team: { externalId: 'sales-east' },
        manager: { externalId: 'e2' },
      });
      expect(liNa.identities).toEqual([{ platform: 'slack', platformUserId: 'U3-new' }]);
      const wang = (await get('/api/v1/employees/e2', adminA)).json();
      expect(wang).toMatchObject({ status: 'left', leftAt: '2026-11-01T00:00:00.000Z' });
    });

    it('filters employees by team (id or external id) and status, in pages', async () => {
      const east = (await get('/api/v1/employees?team=sales-east', hrA)).json();
      expect(east.items.map((e: { externalId: string }) => e.externalId)).toEqual(['e2', 'e3']);
      const active = (await get('/api/v1/employees?team=sales-east&status=active', hrA)).json();
      expect(active.items.map((e: { externalId: string }) => e.externalId)).toEqual(['e3']);
      const page = (await get('/api/v1/employees?limit=1', hrA)).json();
      expect(page.items).toHaveLength(1);
      const rest = (await get(`/api/v1/employees?limit=5&cursor=${page.nextCursor}`, hrA)).json();
      expect(rest.items.map((e: { externalId: string }) => e.externalId)).toEqual(['e2', 'e3']);
      expect(rest.nextCursor).toBeNull();
    });

    it('writes an audit row for every read of a person', async () => {
      const before = await handle.db
        .selectFrom('audit_log')
        .select('id')
        .where('tenant_id', '=', tenantA)
        .where('action', '=', 'employee.read')
        .execute();
      const liNa = (await get('/api/v1/employees/e3', hrA)).json();
      const rows = await handle.db
        .selectFrom('audit_log')
        .select(['id', 'subject_type', 'subject_id'])
        .where('tenant_id', '=', tenantA)
        .where('action', '=', 'employee.read')
        .orderBy('id')
        .execute();
      expect(rows.length).toBe(before.length + 1);
      expect(rows.at(-1)).toMatchObject({ subject_type: 'employee', subject_id: liNa.id });
    });

    it('shows the routes in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/teams', '/api/v1/teams/{id}', '/api/v1/employees', '/api/v1/employees/{id}']),
      );
      expect(doc.paths['/api/v1/employees'].post.requestBody).toBeDefined();
    });
  });

  describe('bad input', () => {
    it('lists every failing field path of the body', async () => {
      const res = await post('/api/v1/employees', hrA, {
        employees: [
          { externalId: '', name: 'Blank Id' },
          { externalId: 'x1' },
          { externalId: 'x2', name: 'Bad Fields', hireDate: '2026/01/01', status: 'gone', email: 'not-an-email' },
          { externalId: 'x3', name: 'Typo', manger: 'e1' },
        ],
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error).toBe('bad_request');
      const paths = body.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/body/employees/0/externalId',
          '/body/employees/1/name',
          '/body/employees/2/hireDate',
          '/body/employees/2/status',
          '/body/employees/2/email',
          '/body/employees/3/manger',
        ]),
      );
      // One line per failing rule: no noise from nullable unions, no exact repeats.
      expect(body.details.some((d: { message: string }) => /must be null|anyOf/.test(d.message))).toBe(false);
      expect(new Set(body.details.map((d: { path: string; message: string }) => d.path + d.message)).size).toBe(
        body.details.length,
      );
      expect(await count('employees', tenantA)).toBe(3);
    });

    it('rejects unknown references and cycles with their item paths, writing nothing', async () => {
      const before = await count('employees', tenantA);
      const res = await post('/api/v1/employees', hrA, {
        employees: [
          { externalId: 'n1', name: 'New One', team: 'no-such-team' },
          { externalId: 'n2', name: 'New Two', manager: 'ghost' },
          { externalId: 'n3', name: 'New Three', manager: 'n4' },
          { externalId: 'n4', name: 'New Four', manager: 'n3' },
          { externalId: 'n5', name: 'Self', manager: 'n5' },
          { externalId: 'n6', name: 'Fine' },
          { externalId: 'n6', name: 'Duplicate' },
        ],
      });
      expect(res.statusCode).toBe(400);
      const details = res.json().details as { path: string; message: string }[];
      expect(details.map((d) => d.path)).toEqual([
        '/body/employees/0/team',
        '/body/employees/1/manager',
        '/body/employees/2/manager',
        '/body/employees/3/manager',
        '/body/employees/4/manager',
        '/body/employees/6/externalId',
      ]);
      expect(details[0]?.message).toMatch(/unknown team "no-such-team"/);
      expect(details[2]?.message).toMatch(/cycle/);
      expect(await count('employees', tenantA)).toBe(before);
    });

    it('rejects a cycle that goes through stored rows (team tree and management chain)', async () => {
      // sales is the parent of sales-east; making sales a child of sales-east closes a loop.
      const teams = await post('/api/v1/teams', hrA, {
        teams: [{ externalId: 'sales', name: 'Sales', parent: 'sales-east' }],
      });
      expect(teams.statusCode).toBe(400);
      expect(teams.json().details).toEqual([
        { path: '/body/teams/0/parent', message: expect.stringMatching(/cycle in the team tree/) },
      ]);
      // e1 manages e2 manages e3; e3 managing e1 closes a loop.
      const people = await post('/api/v1/employees', hrA, {
        employees: [{ externalId: 'e1', name: 'Zhang Min', manager: 'e3' }],
      });
      expect(people.statusCode).toBe(400);
      expect(people.json().details[0].path).toBe('/body/employees/0/manager');
      expect((await get('/api/v1/teams/sales', adminA)).json().parent).toBeNull();
    });

    it('rejects an identity that belongs to someone else unless they give it up in the same batch', async () => {
      const clash = await post('/api/v1/employees', hrA, {
        employees: [{ externalId: 'e1', name: 'Zhang Min', identities: { slack: 'U3-new' } }],
      });
      expect(clash.statusCode).toBe(400);
      expect(clash.json().details).toEqual([
        {
          path: '/body/employees/0/identities/slack',
          message: expect.stringMatching(/already belongs to employee "e3"/),
        },
      ]);
      const move = await post('/api/v1/employees', hrA, {
        employees: [
          { externalId: 'e1', name: 'Zhang Min', identities: { slack: 'U3-new' } },
          { externalId: 'e3', name: 'Li Na', identities: { slack: 'U3-final' } },
        ],
      });
      expect(move.statusCode).toBe(200);
      expect(move.json()).toEqual({ created: 0, updated: 2, unchanged: 0 });
      expect((await get('/api/v1/employees/e1', adminA)).json().identities).toEqual([
        { platform: 'slack', platformUserId: 'U3-new' },
      ]);
    });

    it('rejects bad paging parameters', async () => {
      const tooMany = await get('/api/v1/teams?limit=501', adminA);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().details[0].path).toBe('/querystring/limit');
      const cursor = await get('/api/v1/teams?cursor=garbage', adminA);
      expect(cursor.statusCode).toBe(400);
      expect(cursor.json().details).toEqual([{ path: '/querystring/cursor', message: expect.any(String) }]);
      // An unknown team filter is a missing subject: 404 naming the field.
      const team = await get('/api/v1/employees?team=nowhere', adminA);
      expect(team.statusCode).toBe(404);
      expect(team.json().details).toEqual([{ path: '/querystring/team', message: 'no team "nowhere"' }]);
    });

    it('answers 413 to an oversized body', async () => {
      const small = await buildApp({ db: handle.db, schema: handle.schema, logger: false, bodyLimitBytes: 1024 });
      try {
        const employees = Array.from({ length: 50 }, (_, i) => ({ externalId: `big-${i}`, name: `Person ${i}` }));
        const res = await post('/api/v1/employees', hrA, { employees }, small);
        expect(res.statusCode).toBe(413);
        expect(res.json().error).toBe('payload_too_large');
        expect(await count('employees', tenantA)).toBe(3);
      } finally {
        await small.close();
      }
    });
  });

  describe('authentication and roles', () => {
    const routes: [string, string][] = [
      ['GET', '/api/v1/teams'],
      ['GET', '/api/v1/teams/sales'],
      ['POST', '/api/v1/teams'],
      ['GET', '/api/v1/employees'],
      ['GET', '/api/v1/employees/e1'],
      ['POST', '/api/v1/employees'],
    ];

    it('answers 401 to a missing, malformed, unknown or revoked token on every route', async () => {
      for (const [method, url] of routes) {
        for (const headers of [{}, { authorization: 'Basic abc' }, bearer('tp_not-a-real-token'), bearer(revoked)]) {
          const res = await app.inject({
            method: method as 'GET' | 'POST',
            url,
            headers,
            payload: method === 'POST' ? {} : undefined,
          });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
          expect(res.json().error).toBe('unauthorized');
        }
      }
    });

    it('answers 403 when the role is too low, before looking at the body', async () => {
      employeeTokenA = await createToken(
        handle.db,
        tenantA,
        'employee',
        (await get('/api/v1/employees/e3', adminA)).json().id,
      );
      expect((await post('/api/v1/teams', employeeTokenA, { bogus: true })).statusCode).toBe(403);
      expect((await post('/api/v1/employees', employeeTokenA, employeesBatch)).statusCode).toBe(403);
      const managerToken = await createToken(handle.db, tenantA, 'manager');
      expect((await post('/api/v1/employees', managerToken, employeesBatch)).statusCode).toBe(403);
      expect((await get('/api/v1/employees', employeeTokenA)).statusCode).toBe(403);
      // Teams are structure, not personal data: every role may read them.
      expect((await get('/api/v1/teams', employeeTokenA)).statusCode).toBe(200);
    });

    it('lets an employee read their own record and their managers read it; anyone else is answered like a missing person', async () => {
      expect((await get('/api/v1/employees/e3', employeeTokenA)).statusCode).toBe(200);
      const missing = await get('/api/v1/employees/nobody', employeeTokenA);
      const foreign = await get('/api/v1/employees/e1', employeeTokenA);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual({
        ...missing.json(),
        message: 'no employee "e1"',
        details: [{ path: '/params/id', message: 'no employee "e1"' }],
      });
      const wangId = (await get('/api/v1/employees/e2', adminA)).json().id as string;
      const wangToken = await createToken(handle.db, tenantA, 'manager', wangId);
      // Wang Wei has left (see the upsert above): a token acting for someone who left no longer works.
      expect((await get('/api/v1/employees/e3', wangToken)).statusCode).toBe(401);
      // e1 manages e2 manages e3: a manager reaches reports of reports.
      const zhangToken = await createToken(
        handle.db,
        tenantA,
        'manager',
        (await get('/api/v1/employees/e1', adminA)).json().id,
      );
      expect((await get('/api/v1/employees/e3', zhangToken)).statusCode).toBe(200);
    });
  });

  describe('tokens scoped to a team sub-tree', () => {
    it('see the members of their sub-tree only and cannot bulk-upsert', async () => {
      const east = (await get('/api/v1/teams/sales-east', adminA)).json();
      const sales = (await get('/api/v1/teams/sales', adminA)).json();
      const scoped = (await createApiToken(handle.db, { tenantId: tenantA, role: 'hr', scopeTeamId: east.id })).token;
      const wide = (await createApiToken(handle.db, { tenantId: tenantA, role: 'hr', scopeTeamId: sales.id })).token;
      const ids = async (token: string, query = '') =>
        (await get(`/api/v1/employees${query}`, token)).json().items.map((e: { externalId: string }) => e.externalId);
      expect(await ids(scoped)).toEqual(['e2', 'e3']);
      expect(await ids(wide)).toEqual(['e1', 'e2', 'e3']);
      expect((await get('/api/v1/employees?team=sales', scoped)).statusCode).toBe(404);
      expect((await get('/api/v1/employees/e3', scoped)).statusCode).toBe(200);
      expect((await get('/api/v1/employees/e1', scoped)).statusCode).toBe(404);
      expect((await post('/api/v1/employees', scoped, employeesBatch)).statusCode).toBe(403);
      expect((await post('/api/v1/teams', wide, teamsBatch)).statusCode).toBe(403);
    });
  });

  describe('tenant isolation', () => {
    it('lists none of the other tenant’s rows', async () => {
      expect((await get('/api/v1/teams', adminB)).json()).toEqual({ items: [], nextCursor: null });
      expect((await get('/api/v1/employees', adminB)).json()).toEqual({ items: [], nextCursor: null });
    });

    it('answers 404 to the other tenant’s ids, internal or external', async () => {
      const team = (await get('/api/v1/teams/sales', adminA)).json();
      const person = (await get('/api/v1/employees/e3', adminA)).json();
      for (const url of [
        `/api/v1/teams/${team.id}`,
        '/api/v1/teams/sales',
        `/api/v1/employees/${person.id}`,
        '/api/v1/employees/e3',
      ]) {
        const res = await get(url, adminB);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error).toBe('not_found');
      }
      const filter = await get(`/api/v1/employees?team=${team.id}`, adminB);
      expect(filter.statusCode).toBe(404);
    });

    it('upserting the other tenant’s external ids creates rows in the caller’s tenant only', async () => {
      const aBefore = await handle.db
        .selectFrom('employees')
        .selectAll()
        .where('tenant_id', '=', tenantA)
        .orderBy('external_id')
        .execute();
      expect(
        (await post('/api/v1/teams', adminB, { teams: [{ externalId: 'sales', name: 'Globex Sales' }] })).json(),
      ).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const res = await post('/api/v1/employees', adminB, {
        employees: [{ externalId: 'e3', name: 'Someone Else', team: 'sales', identities: { slack: 'U3-final' } }],
      });
      expect(res.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const aAfter = await handle.db
        .selectFrom('employees')
        .selectAll()
        .where('tenant_id', '=', tenantA)
        .orderBy('external_id')
        .execute();
      expect(aAfter).toEqual(aBefore);
      expect((await get('/api/v1/teams/sales', adminA)).json().name).toBe('Sales');
      expect((await get('/api/v1/employees/e3', adminB)).json()).toMatchObject({
        name: 'Someone Else',
        team: { externalId: 'sales' },
      });
    });

    it('cannot reference the other tenant’s teams or managers', async () => {
      const res = await post('/api/v1/employees', adminB, {
        employees: [{ externalId: 'b2', name: 'B Two', team: 'sales-east', manager: 'e1' }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.map((d: { path: string }) => d.path)).toEqual([
        '/body/employees/0/team',
        '/body/employees/0/manager',
      ]);
    });
  });
});
