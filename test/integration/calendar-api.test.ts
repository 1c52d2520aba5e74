// GET/PUT /api/v1/calendar and `teampulse calendar …`: the tenant's working calendar, its validation, roles and
// tenant isolation, and `tenant create --region`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createApiToken } from '../../src/storage/repositories/tokens.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';

let database: TestDatabase;
let app: App;
let admin: string;
let hr: string;
let manager: string;
let scopedHr: string;
let other: string;
const now = new Date('2026-11-30T03:00:00Z');

interface View {
  region: string | null;
  workingWeekdays: number[];
  from: string;
  to: string;
  workingDays: number;
  days: { day: string; working: boolean; kind: string; name: string | null }[];
  holidays: { day: string; name: string }[];
  makeUpWorkingDays: { day: string; name: string }[];
  overrides: { day: string; kind: string; note: string | null }[];
  dataCoverage: { missingYears: number[] };
  warnings: string[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  const acme = await createTenant(database.db, 'acme');
  const beta = await createTenant(database.db, 'beta');
  admin = await createToken(database.db, acme.id, 'admin');
  hr = await createToken(database.db, acme.id, 'hr');
  manager = await createToken(database.db, acme.id, 'manager');
  const team = await database.db
    .insertInto('teams')
    .values({ tenant_id: acme.id, external_id: 'sales', name: 'Sales', parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  scopedHr = (
    await createApiToken(database.db, { tenantId: acme.id, role: 'hr', employeeId: null, scopeTeamId: team.id })
  ).token;
  other = await createToken(database.db, beta.id, 'admin');
  app = await buildApp({ db: database.db, logger: false, now: () => now });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const get = (token: string, query = '') =>
  app.inject({ method: 'GET', url: `/api/v1/calendar${query}`, headers: bearer(token) });
const put = (token: string, payload: unknown) =>
  app.inject({ method: 'PUT', url: '/api/v1/calendar', headers: bearer(token), payload: payload as object });

describe('GET/PUT /api/v1/calendar', () => {
  it('a tenant without a region works Monday to Friday; the default range is this year', async () => {
    const response = await get(hr);
    expect(response.statusCode).toBe(200);
    const view = response.json() as View;
    expect(view).toMatchObject({
      region: null,
      workingWeekdays: [1, 2, 3, 4, 5],
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(view.days).toHaveLength(365);
    expect(view.workingDays).toBe(261);
    expect(view.holidays).toEqual([]);
  });

  it('PUT sets the region, the week and the overrides; GET shows holidays with names and 调休 days', async () => {
    const response = await put(admin, {
      region: 'cn',
      overrides: [
        { day: '2026-02-24', kind: 'day_off', note: 'company outing' },
        { day: '2026-03-07', kind: 'working_day' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const view = (await get(hr, '?from=2026-02-09&to=2026-03-08')).json() as View;
    expect(view.region).toBe('CN');
    expect(view.holidays.map((h) => h.day)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(view.holidays[1]?.name).toBe('Spring Festival');
    expect(view.makeUpWorkingDays.map((d) => d.day)).toEqual(['2026-02-14', '2026-02-28']);
    expect(view.days.find((d) => d.day === '2026-02-24')).toMatchObject({
      working: false,
      kind: 'company_day_off',
      name: 'company outing',
    });
    expect(view.days.find((d) => d.day === '2026-03-07')).toMatchObject({ working: true, kind: 'company_working_day' });
    expect(view.overrides.map((o) => o.day)).toEqual(['2026-02-24', '2026-03-07']);
    // 9–13, 14 (调休), 25–27, 28 (调休), Mar 2–6, Mar 7 (override).
    expect(view.workingDays).toBe(5 + 1 + 3 + 1 + 5 + 1);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'calendar.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('warns when the holiday data does not cover a year', async () => {
    const view = (await get(hr, '?from=2027-01-01&to=2027-12-31')).json() as View;
    expect(view.dataCoverage.missingYears).toEqual([2027]);
    expect(view.warnings[0]).toMatch(/no chinese-days data for CN in 2027/);
  });

  it('400 with the failing field for bad dates, ranges, regions, weekdays and overrides; nothing stored', async () => {
    const cases: [string, string][] = [
      ['?from=2026-02-30', '/querystring/from'],
      ['?from=0000-01-01', '/querystring/from'],
      ['?to=2026-13-01', '/querystring/to'],
      ['?from=2026-03-01&to=2026-02-01', '/querystring/to'],
      ['?from=2026-01-01&to=2027-06-01', '/querystring/to'],
    ];
    for (const [query, path] of cases) {
      const response = await get(hr, query);
      expect(response.statusCode, query).toBe(400);
      expect(
        (response.json() as { details: { path: string }[] }).details.map((d) => d.path),
        query,
      ).toEqual([path]);
    }
    const bad = await put(admin, {
      region: 'Atlantis',
      workingWeekdays: [0, 1],
      overrides: [
        { day: '2026-02-31', kind: 'day_off' },
        { day: '2026-05-01', kind: 'working_day' },
        { day: '2026-05-01', kind: 'day_off' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
      '/body/region',
      '/body/workingWeekdays',
      '/body/overrides/0/day',
      '/body/overrides/2/day',
    ]);
    const extra = await put(admin, { region: 'CN', colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect((extra.json() as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['/body/colour']);
    expect(((await get(hr)).json() as View).overrides).toHaveLength(2);
  });

  it('roles: hr and admin read; a manager may not; a token scoped to a sub-tree may not change it', async () => {
    expect((await get(manager)).statusCode).toBe(403);
    expect((await put(manager, { region: null })).statusCode).toBe(403);
    expect((await get(scopedHr)).statusCode).toBe(200);
    expect((await put(scopedHr, { region: null })).statusCode).toBe(403);
  });

  it('tenants are isolated: another tenant sees and changes only its own calendar', async () => {
    const beta = (await get(other, '?from=2026-02-01&to=2026-02-28')).json() as View;
    expect(beta.region).toBeNull();
    expect(beta.overrides).toEqual([]);
    expect((await put(other, { workingWeekdays: [1, 2, 3, 4, 5, 6] })).statusCode).toBe(200);
    expect(((await get(hr)).json() as View).workingWeekdays).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('teampulse calendar and tenant create --region', () => {
  it('tenant create takes the region from the time zone, or --region; unknown regions exit 1', async () => {
    const hk = await runCliWith(database, [
      'tenant',
      'create',
      'hk-co',
      '--name',
      'HK',
      '--timezone',
      'Asia/Hong_Kong',
      '--json',
    ]);
    expect(hk.code, hk.stderr).toBe(0);
    expect(JSON.parse(hk.stdout)).toMatchObject({ region: 'HK', workingWeekdays: [1, 2, 3, 4, 5] });
    const gb = await runCliWith(database, [
      'tenant',
      'create',
      'gb-co',
      '--name',
      'GB',
      '--timezone',
      'UTC',
      '--locale',
      'en',
      '--region',
      'gb-eng',
      '--json',
    ]);
    expect(JSON.parse(gb.stdout)).toMatchObject({ region: 'GB-ENG' });
    const none = await runCliWith(database, [
      'tenant',
      'create',
      'no-co',
      '--name',
      'No',
      '--timezone',
      'UTC',
      '--json',
    ]);
    expect(JSON.parse(none.stdout)).toMatchObject({ region: null });
    const bad = await runCliWith(database, ['tenant', 'create', 'x-co', '--name', 'X', '--region', 'XX']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'teampulse: unknown region "XX": a country code (CN, GB, US), a subdivision (GB-ENG) or none\n',
    );
  });

  it('show, set, add and remove', async () => {
    const show = await runCliWith(database, [
      'calendar',
      'show',
      '--tenant',
      'gb-co',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-31',
    ]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('region GB-ENG (date-holidays), working weekdays Mon Tue Wed Thu Fri');
    expect(show.stdout).toContain('2026-12-01 … 2026-12-31: 21 working days');
    expect(show.stdout).toMatch(/2026-12-25 Fri {2}holiday {6}Christmas Day/);

    const add = await runCliWith(database, [
      'calendar',
      'add',
      '2026-12-24',
      '--tenant',
      'gb-co',
      '--kind',
      'day_off',
      '--note',
      'Christmas Eve',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const set = await runCliWith(database, ['calendar', 'set', '--tenant', 'gb-co', '--weekdays', 'mon-sat', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ region: 'GB-ENG', workingWeekdays: [1, 2, 3, 4, 5, 6] });
    const json = await runCliWith(database, [
      'calendar',
      'show',
      '--tenant',
      'gb-co',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-31',
      '--json',
    ]);
    const view = JSON.parse(json.stdout) as View;
    expect(view.overrides).toMatchObject([{ day: '2026-12-24', kind: 'day_off', note: 'Christmas Eve' }]);
    // 27 Mon–Sat days, minus Christmas Day, Boxing Day (a Saturday) and its substitute Monday, minus the 24th.
    expect(view.workingDays).toBe(23);

    const remove = await runCliWith(database, ['calendar', 'remove', '2026-12-24', '--tenant', 'gb-co']);
    expect(remove.code, remove.stderr).toBe(0);
    const again = await runCliWith(database, ['calendar', 'remove', '2026-12-24', '--tenant', 'gb-co']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('teampulse: 2026-12-24 has no override in tenant "gb-co"\n');
  });

  it('bad input exits non-zero with one line', async () => {
    const badDay = await runCliWith(database, [
      'calendar',
      'add',
      '2026-02-30',
      '--tenant',
      'gb-co',
      '--kind',
      'day_off',
    ]);
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toBe(
      'teampulse: invalid calendar request (/day: must be a calendar day YYYY-MM-DD between 1900 and 2200)\n',
    );
    const badKind = await runCliWith(database, [
      'calendar',
      'add',
      '2026-02-20',
      '--tenant',
      'gb-co',
      '--kind',
      'holiday',
    ]);
    expect(badKind.code).toBe(2);
    const badWeek = await runCliWith(database, ['calendar', 'set', '--tenant', 'gb-co', '--weekdays', 'fri-mon']);
    expect(badWeek.code).toBe(1);
    expect(badWeek.stderr).toMatch(/^teampulse: invalid --weekdays "fri-mon"/);
    const unknown = await runCliWith(database, ['calendar', 'show', '--tenant', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('teampulse: unknown tenant "nope" (see "teampulse tenant list")\n');
  });
});
