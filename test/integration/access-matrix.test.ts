// Access in one place, route by route: every read route × caller (admin, hr tenant-wide, hr scoped to the sales
// sub-tree, a manager over sales, an employee) × subject inside / outside the caller's reach / missing — by external
// and internal id: profile, risk, activity, plans, scorecard, team structure and atmosphere, survey results, the
// lists of people, alerts and scorecard weights. Outside is answered exactly like missing; every individual read
// leaves an audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { createAccessOrg, EVERYONE, SALES_PEOPLE, type AccessOrg } from '../helpers/access-org.js';

type Caller = 'admin' | 'hr' | 'hrSales' | 'manager' | 'employee';
const CALLERS: Caller[] = ['admin', 'hr', 'hrSales', 'manager', 'employee'];

let database: TestDatabase;
let app: App;
let org: AccessOrg;
const tokens = {} as Record<Caller, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ db: database.db, schema: database.schema, logger: false });
  org = await createAccessOrg(database.db, 'matrix');
  tokens.admin = await org.token('admin');
  tokens.hr = await org.token('hr');
  tokens.hrSales = await org.token('hr', { scopeTeam: 'sales' });
  tokens.manager = await org.token('manager', { employee: 'm-sales' });
  tokens.employee = await org.token('employee', { employee: 'se-1' });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const get = (caller: Caller, url: string) => app.inject({ method: 'GET', url, headers: bearer(tokens[caller]) });
const audits = (action: string, subjectId: string) =>
  database.db
    .selectFrom('audit_log')
    .select(['actor', 'details'])
    .where('tenant_id', '=', org.tenantId)
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
/** The 404 body with the reference taken out: an out-of-reach subject must look exactly like a missing one. */
const shape = (body: unknown, ref: string) => JSON.parse(JSON.stringify(body).split(ref).join('<ref>'));

// Who reaches whom, by purpose. se-1 is in sales-east (under sales), sup-1 in support.
const PERSON_READS = [
  { route: 'profile', url: (id: string) => `/api/v1/employees/${id}`, action: 'employee.read' },
  { route: 'risk', url: (id: string) => `/api/v1/employees/${id}/risk`, action: 'risk.read' },
  { route: 'activity', url: (id: string) => `/api/v1/employees/${id}/activity`, action: 'employee.activity.read' },
] as const;
const REACHES: Record<Caller, Record<(typeof PERSON_READS)[number]['route'], string[]>> = {
  admin: { profile: EVERYONE, risk: EVERYONE, activity: EVERYONE },
  hr: { profile: EVERYONE, risk: EVERYONE, activity: EVERYONE },
  hrSales: { profile: SALES_PEOPLE, risk: SALES_PEOPLE, activity: SALES_PEOPLE },
  // A manager reaches their reports recursively (and themselves), but not their reports' raw activity.
  manager: { profile: SALES_PEOPLE, risk: SALES_PEOPLE, activity: ['m-sales'] },
  employee: { profile: ['se-1'], risk: ['se-1'], activity: ['se-1'] },
};

describe.each(PERSON_READS)('GET $route of a person', ({ route, url, action }) => {
  it.each(CALLERS)(
    '%s: inside → 200 by either id with externalId and an audit row; outside → the 404 of a missing person',
    async (caller) => {
      for (const subject of ['se-1', 'sw-1', 'sup-1', 'ceo']) {
        const internal = org.people[subject]!;
        const auditedBefore = (await audits(action, internal)).length;
        const byExternal = await get(caller, url(subject));
        const byInternal = await get(caller, url(internal));
        if (REACHES[caller][route].includes(subject)) {
          const before = (await audits(action, internal)).length;
          expect(byExternal.statusCode, `${caller} ${subject}`).toBe(200);
          expect(byInternal.statusCode).toBe(200);
          const body = byExternal.json();
          expect(body.externalId ?? body.employee?.externalId).toBe(subject);
          if (route === 'risk') expect(body.teamExternalId).toEqual(expect.stringMatching(/^(sales|company|support)/));
          expect(byInternal.json().externalId ?? byInternal.json().employee?.externalId).toBe(subject);
          await get(caller, url(subject));
          const rows = await audits(action, internal);
          expect(rows.length).toBe(before + 1);
          expect(rows.at(-1)?.details).toMatchObject({ source: 'api' });
        } else {
          const missing = await get(caller, url('ghost'));
          expect(missing.statusCode).toBe(404);
          expect(byExternal.statusCode, `${caller} ${subject}`).toBe(404);
          expect(shape(byExternal.json(), subject)).toEqual(shape(missing.json(), 'ghost'));
          expect(byInternal.statusCode).toBe(404);
          expect(await audits(action, internal)).toHaveLength(auditedBefore);
        }
      }
    },
  );
});

// Plans and scorecards are read with the risk reach: the person, their managers, hr/admin in reach.
const PERFORMANCE_READS = [
  { route: 'plans', url: (id: string) => `/api/v1/employees/${id}/plans` },
  { route: 'scorecard', url: (id: string) => `/api/v1/employees/${id}/scorecard?period=2026-11` },
] as const;

describe.each(PERFORMANCE_READS)('GET $route of a person', ({ url }) => {
  it.each(CALLERS)('%s: inside → 200 by either id; outside → the 404 of a missing person', async (caller) => {
    const missing = await get(caller, url('ghost'));
    expect(missing.statusCode).toBe(404);
    for (const subject of ['se-1', 'sw-1', 'sup-1', 'ceo']) {
      for (const ref of [subject, org.people[subject]!]) {
        const res = await get(caller, url(ref));
        if (REACHES[caller].risk.includes(subject)) expect(res.statusCode, `${caller} ${subject}`).toBe(200);
        else {
          expect(res.statusCode, `${caller} ${subject}`).toBe(404);
          expect(shape(res.json(), ref)).toEqual(shape(missing.json(), 'ghost'));
        }
      }
    }
  });
});

describe('GET /scorecard-weights', () => {
  it('a scoped token lists the tenant-wide versions and those about its sub-tree only; no manager or employee', async () => {
    for (const payload of [
      { weights: { helping: 0.12 } },
      { team: 'support', weights: { helping: 0.11 } },
      { team: 'sales-east', weights: { helping: 0.13 } },
      { employee: 'sup-1', weights: { helping: 0.14 } },
      { employee: 'se-1', weights: { helping: 0.15 } },
    ]) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/scorecard-weights',
        headers: bearer(tokens.hr),
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const subjects = async (caller: Caller) => {
      const res = await get(caller, '/api/v1/scorecard-weights');
      expect(res.statusCode).toBe(200);
      return res.json().versions.map((v: { scope: string; subject: string | null }) => `${v.scope}:${v.subject}`);
    };
    const all = ['tenant:null', 'team:support', 'team:sales-east', 'employee:sup-1', 'employee:se-1'];
    expect(await subjects('admin')).toEqual(all);
    expect(await subjects('hr')).toEqual(all);
    expect(await subjects('hrSales')).toEqual(['tenant:null', 'team:sales-east', 'employee:se-1']);
    expect((await get('manager', '/api/v1/scorecard-weights')).statusCode).toBe(403);
    expect((await get('employee', '/api/v1/scorecard-weights')).statusCode).toBe(403);
  });
});

describe('GET a team', () => {
  const ALL_TEAMS = ['company', 'sales', 'sales-east', 'sales-west', 'support'];
  const STRUCTURE: Record<Caller, string[]> = {
    admin: ALL_TEAMS,
    hr: ALL_TEAMS,
    hrSales: ['sales', 'sales-east', 'sales-west'],
    manager: ALL_TEAMS,
    employee: ALL_TEAMS,
  };
  // Atmosphere: a manager sees the teams of the people they manage (and their own).
  const ATMOSPHERE: Record<Caller, string[] | 'forbidden'> = {
    admin: ALL_TEAMS,
    hr: ALL_TEAMS,
    hrSales: ['sales', 'sales-east', 'sales-west'],
    manager: ['sales', 'sales-east', 'sales-west'],
    employee: 'forbidden',
  };

  it.each(CALLERS)('%s: structure and atmosphere by either id; outside is a missing team', async (caller) => {
    const missingTeam = shape((await get(caller, '/api/v1/teams/ghost')).json(), 'ghost');
    for (const team of ALL_TEAMS) {
      for (const ref of [team, org.teams[team]!]) {
        const res = await get(caller, `/api/v1/teams/${ref}`);
        if (STRUCTURE[caller].includes(team)) {
          expect(res.statusCode, `${caller} ${team}`).toBe(200);
          expect(res.json().externalId).toBe(team);
        } else {
          expect(res.statusCode, `${caller} ${team}`).toBe(404);
          expect(shape(res.json(), ref)).toEqual(missingTeam);
        }
        const atmosphere = await get(caller, `/api/v1/teams/${ref}/atmosphere`);
        const allowed = ATMOSPHERE[caller];
        if (allowed === 'forbidden') expect(atmosphere.statusCode).toBe(403);
        else if (allowed.includes(team)) {
          expect(atmosphere.statusCode, `${caller} ${team}`).toBe(200);
          expect(atmosphere.json().externalId).toBe(team);
        } else {
          expect(atmosphere.statusCode, `${caller} ${team}`).toBe(404);
          const missing = (await get(caller, '/api/v1/teams/ghost/atmosphere')).json();
          expect(shape(atmosphere.json(), ref)).toEqual(shape(missing, 'ghost'));
        }
      }
    }
  });

  it.each(CALLERS)(
    '%s: GET /surveys/results shows the groups in reach; a team outside is a missing team',
    async (caller) => {
      const res = await get(caller, '/api/v1/surveys/results');
      const allowed = ATMOSPHERE[caller];
      if (allowed === 'forbidden') {
        expect(res.statusCode).toBe(403);
        return;
      }
      expect(res.statusCode).toBe(200);
      const groups = res.json().groups.map((g: { externalId: string | null }) => g.externalId ?? '<tenant>');
      const tenantWide = caller === 'admin' || caller === 'hr';
      expect(groups.sort()).toEqual([...allowed, ...(tenantWide ? ['<tenant>'] : [])].sort());
      const missing = shape((await get(caller, '/api/v1/surveys/results?team=ghost')).json(), 'ghost');
      for (const team of ALL_TEAMS) {
        const focused = await get(caller, `/api/v1/surveys/results?team=${team}`);
        if (allowed.includes(team)) expect(focused.statusCode, `${caller} ${team}`).toBe(200);
        else {
          expect(focused.statusCode, `${caller} ${team}`).toBe(404);
          expect(shape(focused.json(), team)).toEqual(missing);
        }
      }
    },
  );

  it.each(CALLERS)('%s: GET /teams lists the structure in reach', async (caller) => {
    const res = await get(caller, '/api/v1/teams?limit=50');
    expect(
      res
        .json()
        .items.map((t: { externalId: string }) => t.externalId)
        .sort(),
    ).toEqual([...STRUCTURE[caller]].sort());
  });
});

describe('lists of people', () => {
  const ids = (res: { json(): { items: { externalId: string }[] } }) =>
    res
      .json()
      .items.map((i) => i.externalId)
      .sort();

  it.each(CALLERS)('%s: GET /employees and GET /risks show the people in their charge only', async (caller) => {
    const employees = await get(caller, '/api/v1/employees?limit=100');
    const risks = await get(caller, '/api/v1/risks?limit=100');
    const charge: Record<Caller, string[] | 'forbidden'> = {
      admin: EVERYONE,
      hr: EVERYONE,
      hrSales: SALES_PEOPLE,
      manager: SALES_PEOPLE.filter((p) => p !== 'm-sales'),
      employee: 'forbidden',
    };
    const expected = charge[caller];
    if (expected === 'forbidden') {
      expect(employees.statusCode).toBe(403);
      expect(risks.statusCode).toBe(403);
      return;
    }
    expect(risks.statusCode).toBe(200);
    expect(ids(risks)).toEqual([...expected].sort());
    if (caller === 'manager') expect(employees.statusCode).toBe(403);
    else expect(ids(employees)).toEqual([...expected].sort());
  });

  it('a team filter outside the sub-tree, or unknown, is a 404 naming the field', async () => {
    for (const url of ['/api/v1/risks?team=support', '/api/v1/employees?team=support', '/api/v1/risks?team=ghost']) {
      const res = await get('hrSales', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().details[0].path).toBe('/querystring/team');
    }
    expect(ids(await get('hr', '/api/v1/risks?team=support'))).toEqual(['m-support', 'sup-1']);
    expect(ids(await get('hrSales', `/api/v1/risks?team=${org.teams['sales-west']}`))).toEqual(['sw-1']);
  });

  it('GET /alerts: a scoped token sees alerts about its sub-tree only; managers and employees may not list', async () => {
    const subjects = async (caller: Caller) =>
      (await get(caller, '/api/v1/alerts'))
        .json()
        .alerts.map((a: { subject: { externalId: string } }) => a.subject.externalId)
        .sort();
    expect(await subjects('hr')).toEqual(['se-1', 'sup-1', 'support']);
    expect(await subjects('hrSales')).toEqual(['se-1']);
    expect((await get('manager', '/api/v1/alerts')).statusCode).toBe(403);
    expect((await get('employee', '/api/v1/alerts')).statusCode).toBe(403);
  });
});
