// K1 "bad input is a 400 with the field, never a 500", item by item: NUL bytes and lone surrogates anywhere, far
// dates, absurd numbers, numbers as ids, over-large or over-specified rule sets, unknown teams.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { DEFAULT_RULES } from '../../src/core/scoring/rules.js';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';

let database: TestDatabase;
let app: App;
let org: AccessOrg;
let hr: string;
let dir: string;
const NOW = new Date('2026-11-28T04:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ db: database.db, schema: database.schema, logger: false, now: () => NOW });
  org = await createAccessOrg(database.db, 'edge');
  hr = await org.token('hr');
  dir = mkdtempSync(join(tmpdir(), 'tp-edge-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app.close();
  await database.destroy();
});

type Method = 'GET' | 'POST' | 'PUT';
const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method,
    url,
    headers: { ...bearer(hr), ...headers },
    ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
  });

/** A 400 whose details name exactly this field (among others). */
async function expect400(response: Promise<{ statusCode: number; json(): unknown }>, path: string) {
  const res = await response;
  expect(res.statusCode, path).toBe(400);
  const body = res.json() as { error: string; details: { path: string }[] };
  expect(body.error).toBe('bad_request');
  expect(
    body.details.map((d) => d.path),
    path,
  ).toContain(path);
}

const signalCount = () => countRows(database.db, 'signal_events', org.tenantId);

describe('NUL bytes', () => {
  it('in ids, names and emails of a body', async () => {
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'a\u0000b', name: 'x' }] }),
      '/body/employees/0/externalId',
    );
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'ab', name: 'x\u0000' }] }),
      '/body/employees/0/name',
    );
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'ab', name: 'x', email: 'a\u0000@b.cn' }] }),
      '/body/employees/0/email',
    );
    await expect400(
      call('POST', '/api/v1/teams', { teams: [{ externalId: 't\u0000', name: 'T' }] }),
      '/body/teams/0/externalId',
    );
  });

  it('in path parameters and query strings', async () => {
    await expect400(call('GET', '/api/v1/employees/se%001/risk'), '/params/id');
    await expect400(call('GET', '/api/v1/teams/%00'), '/params/id');
    await expect400(call('GET', '/api/v1/risks?team=sales%00'), '/querystring/team');
    await expect400(call('GET', '/api/v1/employees?cursor=%00'), '/querystring/cursor');
  });

  it('in JSON and NDJSON signals: nothing is stored', async () => {
    const before = await signalCount();
    const item = { id: 'n\u0000ul', kind: 'help', employee: 'se-1', occurredAt: '2026-11-26', peer: 'se-2' };
    await expect400(call('POST', '/api/v1/signals', { signals: [item] }), '/body/signals/0/id');
    await expect400(
      call('POST', '/api/v1/signals', JSON.stringify(item), { 'content-type': 'application/x-ndjson' }),
      '/body/lines/1/id',
    );
    expect(await signalCount()).toBe(before);
  });

  it('in an employees CSV: the line and column are listed, nothing is written, exit 1', async () => {
    const file = join(dir, 'nul.csv');
    writeFileSync(file, 'external_id,name\nok-1,Fine\nbad-1,Bad\u0000Name\n');
    const run = await runCliWith(database, ['import', 'employees', file, '--tenant', 'edge']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 3: name: must not contain NUL characters/);
    const ok = await database.db.selectFrom('employees').select('id').where('external_id', '=', 'ok-1').execute();
    expect(ok).toEqual([]);
  });
});

describe('teampulse import goals', () => {
  it('checks every item of a file like the API does: the field is named, exit 1, nothing stored', async () => {
    const header = 'team,employee,period,target,actual,met\n';
    const files: [name: string, text: string, problem: RegExp][] = [
      ['nul.csv', `${header}sup\u0000port,,2026-11,,,no\n`, /\/goals\/0\/team: must not contain NUL/],
      // A file carries a lone surrogate only as a JSON escape (its UTF-8 bytes would be invalid).
      [
        'surrogate.json',
        JSON.stringify({ goals: [{ employee: 'sup-1\ud800', period: '2026-11', target: 50, actual: 40 }] }),
        /\/goals\/0\/employee: must not contain .*surrogates/,
      ],
      ['number.json', JSON.stringify({ goals: [{ team: 5, period: '2026-11', met: true }] }), /\/goals\/0\/team: /],
      [
        'object.json',
        JSON.stringify({ goals: [{ employee: { id: 1 }, period: '2026-11', target: 1, actual: 1 }] }),
        /\/goals\/0\/employee: /,
      ],
      [
        'huge.json',
        JSON.stringify({ goals: [{ employee: 'sup-1', period: '2026-11', target: 1e308, actual: 1 }] }),
        /\/goals\/0\/target: /,
      ],
      ['null.json', JSON.stringify({ goals: [null] }), /\/goals\/0: must be an object/],
      [
        'extra.json',
        JSON.stringify({ goals: [{ team: 'support', period: '2026-11', met: true, owner: 'x' }] }),
        /\/goals\/0\/owner: is not a known property/,
      ],
    ];
    for (const [name, text, problem] of files) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = await runCliWith(database, ['import', 'goals', file, '--tenant', 'edge']);
      expect(run.code, `${name}: ${run.stderr}`).toBe(1);
      expect(run.stderr, name).toMatch(problem);
      expect(run.stderr, name).not.toMatch(/invalid byte sequence|Cannot read properties/);
    }
    const stored = await Promise.all(
      (['team_goals', 'individual_results'] as const).map((table) =>
        database.db.selectFrom(table).select('period').where('tenant_id', '=', org.tenantId).execute(),
      ),
    );
    expect(stored).toEqual([[], []]);
  });
});

describe('lone UTF-16 surrogates', () => {
  it('are refused — a\\ud800 and a\\udbff would otherwise both become a\\ufffd and collide', async () => {
    const before = await signalCount();
    for (const id of ['a\ud800', 'a\udbff']) {
      const item = { id, kind: 'help', employee: 'se-1', occurredAt: '2026-11-26', peer: 'se-2' };
      await expect400(call('POST', '/api/v1/signals', { signals: [item] }), '/body/signals/0/id');
      await expect400(
        call('POST', '/api/v1/signals', JSON.stringify(item), { 'content-type': 'application/x-ndjson' }),
        '/body/lines/1/id',
      );
    }
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'x', name: 'a\udc00b' }] }),
      '/body/employees/0/name',
    );
    // A URL cannot carry a lone surrogate (its UTF-8 bytes are invalid): the query is read as some other text.
    expect((await call('GET', '/api/v1/risks?team=a%ED%A0%80')).statusCode).toBe(404);
    expect(await signalCount()).toBe(before);
  });

  it('while a surrogate pair (an emoji) is ordinary text', async () => {
    const res = await call('POST', '/api/v1/signals', {
      signals: [{ id: 'kudos-🎉', kind: 'kudos', employee: 'se-1', occurredAt: '2026-11-26', peer: 'se-2' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });
});

describe('far dates', () => {
  it('asOf, from/to and since outside 1900–2200 are 400s naming the field', async () => {
    await expect400(call('GET', '/api/v1/employees/se-1/risk?asOf=0000-01-01'), '/querystring/asOf');
    await expect400(call('GET', '/api/v1/employees/se-1/risk?asOf=2201-01-01'), '/querystring/asOf');
    await expect400(call('GET', '/api/v1/teams/sales/atmosphere?asOf=1899-12-31'), '/querystring/asOf');
    await expect400(call('GET', '/api/v1/risks?asOf=0000-01-01'), '/querystring/asOf');
    await expect400(call('GET', '/api/v1/employees/se-1/activity?from=0000-01-01&to=0000-01-10'), '/querystring/from');
    await expect400(call('GET', '/api/v1/alerts?since=0000-01-01T00:00:00Z'), '/querystring/since');
  });

  it('a hire date in the year 3000, a leaving date in year 0, a signal in year 0', async () => {
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'x', name: 'X', hireDate: '3000-01-01' }] }),
      '/body/employees/0/hireDate',
    );
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 'x', name: 'X', hireDate: '2026-02-30' }] }),
      '/body/employees/0/hireDate',
    );
    await expect400(
      call('POST', '/api/v1/employees', {
        employees: [{ externalId: 'x', name: 'X', leftAt: '0000-01-01T00:00:00Z' }],
      }),
      '/body/employees/0/leftAt',
    );
    await expect400(
      call('POST', '/api/v1/signals', {
        signals: [{ id: 'y0', kind: 'help', employee: 'se-1', occurredAt: '0000-01-01', peer: 'se-2' }],
      }),
      '/body/signals/0/occurredAt',
    );
  });
});

describe('numbers', () => {
  it('limit=1e309 (and other absurd limits) are 400s', async () => {
    for (const url of ['/api/v1/teams', '/api/v1/employees', '/api/v1/risks', '/api/v1/alerts'])
      for (const limit of ['1e309', '-1', '0', '1.5', 'NaN'])
        await expect400(call('GET', `${url}?limit=${limit}`), '/querystring/limit');
  });

  it('a number is not an id or a name: externalId: 5 is refused, not turned into "5"', async () => {
    await expect400(
      call('POST', '/api/v1/employees', { employees: [{ externalId: 5, name: 'Five' }] }),
      '/body/employees/0/externalId',
    );
    await expect400(call('POST', '/api/v1/teams', { teams: [{ externalId: 'five', name: 5 }] }), '/body/teams/0/name');
    await expect400(
      call('POST', '/api/v1/signals', {
        signals: [{ id: 5, kind: 'help', employee: 'se-1', occurredAt: '2026-11-26', peer: 'se-2' }],
      }),
      '/body/signals/0/id',
    );
    const stored = await database.db.selectFrom('employees').select('id').where('external_id', '=', '5').execute();
    expect(stored).toEqual([]);
  });
});

describe('PUT /rules', () => {
  it('refuses extra properties at every level and thousands of conditions', async () => {
    const rule = DEFAULT_RULES[0]!;
    await expect400(call('PUT', '/api/v1/rules', { rules: DEFAULT_RULES, extra: 1 }), '/body/extra');
    await expect400(call('PUT', '/api/v1/rules', { rules: [{ ...rule, weight: 3 }] }), '/body/rules/0/weight');
    await expect400(
      call('PUT', '/api/v1/rules', { rules: [{ ...rule, when: [{ ...rule.when[0]!, unit: '%' }] }] }),
      '/body/rules/0/when/0/unit',
    );
    const many = Array.from({ length: 5000 }, () => rule.when[0]!);
    await expect400(call('PUT', '/api/v1/rules', { rules: [{ ...rule, when: many }] }), '/body/rules/0/when');
    const versions = await database.db
      .selectFrom('risk_rule_sets')
      .select('version')
      .where('tenant_id', '=', org.tenantId)
      .execute();
    expect(versions).toEqual([]);
  });
});

describe('an unknown ?team= on /risks', () => {
  it('is a 404 naming the field, whether or not anything was scored', async () => {
    const empty = await createTenant(database.db, 'unscored');
    const emptyHr = await createToken(database.db, empty.id, 'hr');
    for (const token of [hr, emptyHr]) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/risks?team=nowhere', headers: bearer(token) });
      expect(res.statusCode).toBe(404);
      expect(res.json().details).toEqual([{ path: '/querystring/team', message: 'no team "nowhere"' }]);
    }
  });
});
