// The directory CLI verbs in-process against a real database: tenant create/list, token create, import employees.
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { collector, runCliWith } from '../helpers/cli.js';
import { findActiveToken } from '../../src/storage/repositories/tokens.js';
import { runCli } from '../../src/cli/program.js';

const HEADER = 'external_id,name,email,team,team_parent,manager_external_id,hire_date,slack_id,dingtalk_id,wecom_id';

describe('directory CLI', () => {
  let handle: TestDatabase;
  let dir: string;
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const count = (table: 'employees' | 'teams' | 'platform_identities') => countRows(handle.db, table);

  beforeAll(async () => {
    handle = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'teampulse-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await handle.destroy();
  });

  describe('tenant', () => {
    it('creates a tenant with its locale, time zone, legal entity and quiet hours', async () => {
      const run = await runCliWith(handle, [
        'tenant',
        'create',
        'acme',
        '--name',
        'Acme Shanghai',
        '--locale',
        'en',
        '--timezone',
        'Europe/Berlin',
        '--legal-entity',
        'Acme SH Ltd',
        '--quiet-hours',
        'off',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^created tenant acme \(Acme Shanghai, en, Europe\/Berlin, calendar DE\) id [0-9a-f-]{36}\n$/,
      );
      const row = await handle.db
        .selectFrom('tenants')
        .selectAll()
        .where('slug', '=', 'acme')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        name: 'Acme Shanghai',
        locale: 'en',
        timezone: 'Europe/Berlin',
        legal_entity: 'Acme SH Ltd',
        quiet_hours: false,
      });
    });

    it('defaults locale to zh-CN and the time zone to TEAMPULSE_TIMEZONE, and prints JSON on request', async () => {
      const run = await runCliWith(handle, ['tenant', 'create', 'globex', '--name', 'Globex', '--json'], {
        TEAMPULSE_TIMEZONE: 'Asia/Tokyo',
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        slug: 'globex',
        locale: 'zh-CN',
        timezone: 'Asia/Tokyo',
        quietHours: true,
        legalEntity: null,
      });
    });

    it('refuses a duplicate slug with one line and exit 1', async () => {
      const run = await runCliWith(handle, ['tenant', 'create', 'acme', '--name', 'Again']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('teampulse: a tenant with slug "acme" already exists\n');
      expect(await handle.db.selectFrom('tenants').select('name').where('slug', '=', 'acme').execute()).toEqual([
        { name: 'Acme Shanghai' },
      ]);
    });

    it('validates the slug, the time zone and the locale', async () => {
      const slug = await runCliWith(handle, ['tenant', 'create', 'Bad Slug!', '--name', 'x']);
      expect(slug.code).toBe(1);
      expect(slug.stderr).toMatch(/invalid slug "Bad Slug!"/);
      const zone = await runCliWith(handle, ['tenant', 'create', 'zoned', '--name', 'x', '--timezone', 'Mars/Olympus']);
      expect(zone.code).toBe(1);
      expect(zone.stderr).toMatch(/unknown IANA time zone "Mars\/Olympus"/);
      const locale = await runCliWith(handle, ['tenant', 'create', 'localed', '--name', 'x', '--locale', 'fr']);
      expect(locale.code).toBe(2);
      expect(locale.stderr).toMatch(/--locale.*fr.*(zh-CN|en)/s);
      const missing = await runCliWith(handle, ['tenant', 'create', 'nameless']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--name/);
      expect(await handle.db.selectFrom('tenants').select('slug').orderBy('slug').execute()).toEqual([
        { slug: 'acme' },
        { slug: 'globex' },
      ]);
    });

    it('lists tenants as text and as JSON', async () => {
      const text = await runCliWith(handle, ['tenant', 'list']);
      expect(text.code).toBe(0);
      expect(
        text.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t')[0]),
      ).toEqual(['acme', 'globex']);
      const json = JSON.parse((await runCliWith(handle, ['tenant', 'list', '--json'])).stdout);
      expect(json.map((t: { slug: string }) => t.slug)).toEqual(['acme', 'globex']);
    });
  });

  describe('import employees', () => {
    it('imports a good file in one go: teams with parents, managers defined later, identities', async () => {
      const path = file('good.csv', [
        HEADER,
        'e3,Li Na,li.na@example.com,sales-east,sales,e2,2026-09-01,U3,D3,',
        'e2,Wang Wei,,sales-east,,e1,2022-03-15,,,W2',
        'e1,Zhang Min,zhang@example.com,sales,,,2019-01-07,U1,,',
      ]);
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'acme', '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        ok: true,
        file: 'good.csv',
        tenant: 'acme',
        rows: 3,
        teams: { created: 2, updated: 0, unchanged: 0 },
        employees: { created: 3, updated: 0, unchanged: 0 },
      });
      const people = await handle.db
        .selectFrom('employees as e')
        .leftJoin('employees as m', 'm.id', 'e.manager_id')
        .leftJoin('teams as t', 't.id', 'e.team_id')
        .select(['e.external_id', 'm.external_id as manager', 't.external_id as team', 'e.hire_date', 'e.email'])
        .orderBy('e.external_id')
        .execute();
      expect(people).toEqual([
        { external_id: 'e1', manager: null, team: 'sales', hire_date: '2019-01-07', email: 'zhang@example.com' },
        { external_id: 'e2', manager: 'e1', team: 'sales-east', hire_date: '2022-03-15', email: null },
        { external_id: 'e3', manager: 'e2', team: 'sales-east', hire_date: '2026-09-01', email: 'li.na@example.com' },
      ]);
      const teams = await handle.db
        .selectFrom('teams as t')
        .leftJoin('teams as p', 'p.id', 't.parent_id')
        .select(['t.external_id', 't.name', 'p.external_id as parent'])
        .orderBy('t.external_id')
        .execute();
      expect(teams).toEqual([
        { external_id: 'sales', name: 'sales', parent: null },
        { external_id: 'sales-east', name: 'sales-east', parent: 'sales' },
      ]);
      expect(await count('platform_identities')).toBe(4);
    });

    it('re-importing the same file changes nothing; text output says so', async () => {
      const run = await runCliWith(handle, ['import', 'employees', join(dir, 'good.csv'), '--tenant', 'acme']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        'imported good.csv into acme: employees 0 created, 0 updated, 3 unchanged; teams 0 created, 0 updated, 2 unchanged\n',
      );
    });

    it('rejects a file with bad rows whole, listing each bad line and its reason', async () => {
      const before = await Promise.all([count('employees'), count('teams'), count('platform_identities')]);
      const path = file('bad.csv', [
        HEADER,
        'n1,Good Row,,sales,,,,,,',
        'n2,Unknown Manager,,sales,,ghost,,,,',
        'n3,Bad Date,,sales,,,2026-02-30,,,',
        'n4,Bad Email,nope,,,,,,,',
        'n5,Loop A,,,,n6,,,,',
        'n6,Loop B,,,,n5,,,,',
        'n7,Taken Slack,,,,,,U1,,',
      ]);
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'acme']);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines.slice(0, -1)).toEqual([
        'line 3: manager_external_id: unknown employee "ghost"',
        'line 4: hire_date: not a day YYYY-MM-DD in 1900–2200: "2026-02-30"',
        'line 5: email: not an email address: "nope"',
        expect.stringMatching(/^line 6: manager_external_id: cycle in the management chain: n5 → n6 → n5$/),
        expect.stringMatching(/^line 7: manager_external_id: cycle/),
        'line 8: slack_id: slack id "U1" already belongs to employee "e1"',
      ]);
      expect(lines.at(-1)).toBe('teampulse: bad.csv rejected: 6 bad lines; nothing was written');
      expect(await Promise.all([count('employees'), count('teams'), count('platform_identities')])).toEqual(before);
    });

    it('reports structural problems (field count, conflicting parents) by line, as JSON on request', async () => {
      const path = file('broken.csv', [
        HEADER,
        'x1,One,,ops,hq,,,,,',
        'x2,Two,,ops,,,,',
        'x3,Three,,ops,other,,,,,',
        ',Missing Id,,,,,,,,',
      ]);
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'acme', '--json']);
      expect(run.code).toBe(1);
      const body = JSON.parse(run.stdout);
      expect(body.ok).toBe(false);
      expect(body.errors).toEqual([
        { line: 3, message: 'expected 10 fields, found 8' },
        { line: 4, column: 'team_parent', message: 'team "ops" has parent "hq" on line 2' },
      ]);
      expect(run.stderr).toMatch(/broken.csv rejected: 2 bad lines/);
      expect(
        await handle.db.selectFrom('teams').select('external_id').where('external_id', 'in', ['ops', 'hq']).execute(),
      ).toEqual([]);
    });

    it('names unknown and missing columns in the header', async () => {
      const path = file('header.csv', ['external_id,full_name', 'a,b']);
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'acme']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/line 1: full_name: unknown column "full_name"/);
      expect(run.stderr).toMatch(/line 1: name: missing required column "name"/);
    });

    it('refuses an unknown tenant and a missing file with one line', async () => {
      const tenant = await runCliWith(handle, ['import', 'employees', join(dir, 'good.csv'), '--tenant', 'nope']);
      expect(tenant.code).toBe(1);
      expect(tenant.stderr).toBe('teampulse: unknown tenant "nope" (see "teampulse tenant list")\n');
      const missing = await runCliWith(handle, ['import', 'employees', join(dir, 'absent.csv'), '--tenant', 'acme']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*absent.csv: ENOENT/);
    });

    it('shows a progress bar on stderr only when stderr is a terminal', async () => {
      const path = file('progress.csv', [HEADER, 'p1,Progress One,,,,,,,,', 'p2,Progress Two,,,,,,,,']);
      let err = '';
      let out = '';
      const stdout = collector((chunk) => (out += chunk));
      const stderr = collector((chunk) => (err += chunk), { isTTY: true });
      const code = await runCli(['import', 'employees', path, '--tenant', 'globex'], {
        env: { LOG_LEVEL: 'silent' },
        stdout,
        stderr,
        openDatabase: async () => ({ ...handle, close: async () => undefined }),
      });
      expect(code).toBe(0);
      expect(err).toMatch(/importing \[.*\] 2\/2 rows/);
      expect(out).toMatch(/^imported progress.csv into globex: employees 2 created/);
    });

    it('reads a GBK file (Excel in a Chinese locale) and says so', async () => {
      const path = join(dir, 'gbk.csv');
      // "g1,张敏" in GBK: 张 = D5 C5, 敏 = C3 F4.
      writeFileSync(
        path,
        Buffer.concat([Buffer.from('external_id,name\ng1,'), Buffer.from([0xd5, 0xc5, 0xc3, 0xf4]), Buffer.from('\n')]),
      );
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'globex']);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/not UTF-8; reading it as GB18030/);
      const row = await handle.db
        .selectFrom('employees')
        .select('display_name')
        .where('external_id', '=', 'g1')
        .executeTakeFirstOrThrow();
      expect(row.display_name).toBe('张敏');
    });

    it('imports the example file shipped in examples/', async () => {
      const text = readFileSync(new URL('../../examples/employees.csv', import.meta.url), 'utf8');
      const path = file('example.csv', text.trimEnd().split('\n'));
      const run = await runCliWith(handle, ['import', 'employees', path, '--tenant', 'globex', '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).employees.created).toBe(text.trim().split('\n').length - 1);
    });
  });

  describe('token', () => {
    it('prints a working token once on stdout and warns on stderr', async () => {
      const run = await runCliWith(handle, [
        'token',
        'create',
        '--tenant',
        'acme',
        '--role',
        'hr',
        '--name',
        'HR sync',
      ]);
      expect(run.code).toBe(0);
      const token = run.stdout.trim();
      expect(token).toMatch(/^tp_[A-Za-z0-9_-]{40,}$/);
      expect(run.stderr).toMatch(/will not be shown again/);
      const row = await findActiveToken(handle.db, token);
      const acme = await handle.db
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'acme')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ tenant_id: acme.id, role: 'hr', name: 'HR sync', employee_id: null });
      // Only the hash is stored.
      expect(JSON.stringify(await handle.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(token);
    });

    it('binds a token to an employee by external id, and prints JSON on request', async () => {
      const run = await runCliWith(handle, [
        'token',
        'create',
        '--tenant',
        'acme',
        '--role',
        'manager',
        '--employee',
        'e2',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      const e2 = await handle.db
        .selectFrom('employees')
        .select('id')
        .where('external_id', '=', 'e2')
        .executeTakeFirstOrThrow();
      expect(out).toMatchObject({ tenant: 'acme', role: 'manager', employeeId: e2.id });
      expect((await findActiveToken(handle.db, out.token))?.employee_id).toBe(e2.id);
    });

    it('scopes a token to a team sub-tree', async () => {
      const run = await runCliWith(handle, [
        'token',
        'create',
        '--tenant',
        'acme',
        '--role',
        'hr',
        '--scope-team',
        'sales-east',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const east = await handle.db
        .selectFrom('teams')
        .select('id')
        .where('external_id', '=', 'sales-east')
        .executeTakeFirstOrThrow();
      expect((await findActiveToken(handle.db, JSON.parse(run.stdout).token))?.scope_team_id).toBe(east.id);
      const unknown = await runCliWith(handle, [
        'token',
        'create',
        '--tenant',
        'acme',
        '--role',
        'hr',
        '--scope-team',
        'nowhere',
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/unknown team "nowhere" in tenant "acme"/);
    });

    it('refuses an unknown tenant or employee (exit 1) and a bad role (exit 2)', async () => {
      const tenant = await runCliWith(handle, ['token', 'create', '--tenant', 'nope', '--role', 'hr']);
      expect(tenant.code).toBe(1);
      expect(tenant.stderr).toBe('teampulse: unknown tenant "nope" (see "teampulse tenant list")\n');
      const employee = await runCliWith(handle, [
        'token',
        'create',
        '--tenant',
        'acme',
        '--role',
        'employee',
        '--employee',
        'ghost',
      ]);
      expect(employee.code).toBe(1);
      expect(employee.stderr).toMatch(/unknown employee "ghost" in tenant "acme"/);
      const role = await runCliWith(handle, ['token', 'create', '--tenant', 'acme', '--role', 'boss']);
      expect(role.code).toBe(2);
      expect(tenant.stdout + employee.stdout + role.stdout).toBe('');
    });
  });
});
