// `teampulse sync wecom`: the contacts API read through the fake WeCom (department/list with department_leader,
// user/list per department) lands in the directory — departments as teams, department leaders as managers, members
// as employees linked to their userid; re-running changes nothing; the CLI runs with the WECOM_* credentials of the
// default tenant; a contact change event (a renamed department) triggers the debounced re-sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliWith } from '../helpers/cli.js';
import {
  AES_KEY,
  AGENT_ID,
  contactXml,
  CORP_ID,
  encryptedCallback,
  SECRET,
  startWeComEnv,
  TOKEN,
  type WeComEnv,
} from '../helpers/wecom-env.js';
import { syncPlatformDirectory } from '../../src/app/platforms/sync.js';
import { createAlertOrg } from './alerts-fixtures.js';

let env: WeComEnv;
const SLUG = 'wecom-sync';

beforeAll(async () => {
  env = await startWeComEnv({ slug: SLUG });
  env.fake.directory = {
    departments: [
      { id: 1, name: '测试公司', parentid: 0, department_leader: ['E0'] },
      { id: 2, name: '销售部', parentid: 1, department_leader: ['E1'] },
      { id: 3, name: '销售一组', parentid: 2, department_leader: ['E2'] },
    ],
    users: [
      { userid: 'E0', name: '陈宇', department: [1] },
      { userid: 'E1', name: '周敏', department: [2] },
      { userid: 'E2', name: '王强', department: [3] },
      { userid: 'E3', name: '李娜', department: [3, 2] },
      { userid: 'E4', name: '孙浩', department: [3] },
      { userid: 'E5', name: '刘芳', department: [1] },
      { userid: 'E9', name: '马林', department: [3], biz_mail: 'malin@example.com' },
    ],
  };
});
afterAll(async () => env.close());

const employee = (externalId: string) =>
  env.db
    .selectFrom('employees as e')
    .leftJoin('teams as t', 't.id', 'e.team_id')
    .leftJoin('employees as m', 'm.id', 'e.manager_id')
    .select(['e.id', 'e.display_name', 'e.email', 't.external_id as team', 'm.external_id as manager'])
    .where('e.tenant_id', '=', env.org.tenantId)
    .where('e.external_id', '=', externalId)
    .executeTakeFirstOrThrow();

const sync = () =>
  syncPlatformDirectory(env.db, env.org.tenantId, env.runtime.directory!, { actor: 'test', now: env.clock.now });

describe('WeCom directory sync', () => {
  it('maps departments to teams, department leaders to managers and members to linked employees', async () => {
    const result = await sync();
    expect(result).toMatchObject({ platform: 'wecom', departments: 3, members: 7, managerChanges: 0 });
    expect(result.teams.created).toBe(3);
    expect(result.employees.created).toBe(1);
    const teams = await env.db
      .selectFrom('teams as t')
      .leftJoin('teams as p', 'p.id', 't.parent_id')
      .select(['t.external_id', 't.name', 'p.external_id as parent'])
      .where('t.tenant_id', '=', env.org.tenantId)
      .where('t.external_id', 'like', 'wecom-%')
      .orderBy('t.external_id')
      .execute();
    expect(teams).toEqual([
      { external_id: 'wecom-dept-1', name: '测试公司', parent: null },
      { external_id: 'wecom-dept-2', name: '销售部', parent: 'wecom-dept-1' },
      { external_id: 'wecom-dept-3', name: '销售一组', parent: 'wecom-dept-2' },
    ]);
    expect(await employee('E3')).toMatchObject({ team: 'wecom-dept-3', manager: 'E2', display_name: '李娜' });
    expect(await employee('E2')).toMatchObject({ team: 'wecom-dept-3', manager: 'E1' });
    expect(await employee('E0')).toMatchObject({ team: 'wecom-dept-1', manager: null });
    expect(await employee('E9')).toMatchObject({ display_name: '马林', email: 'malin@example.com', manager: 'E2' });
    const identity = await env.db
      .selectFrom('platform_identities')
      .select('employee_id')
      .where('platform', '=', 'wecom')
      .where('platform_user_id', '=', 'E9')
      .executeTakeFirstOrThrow();
    expect(identity.employee_id).toBe((await employee('E9')).id);
    // The contacts API was called with the app's token (no contact secret configured).
    expect(env.fake.callsTo('/cgi-bin/user/list').map((c) => c.query.department_id)).toEqual(['1', '2', '3']);
  });

  it('changes nothing when run again on the same address book', async () => {
    const result = await sync();
    expect(result.teams).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(result.employees).toMatchObject({ created: 0, updated: 0 });
  });

  it('runs as `teampulse sync wecom --tenant … --json` with the WECOM_* credentials of the default tenant', async () => {
    env.fake.directory.users.push({ userid: 'E10', name: '新同事', department: [2] });
    const run = await runCliWith(env.database, ['sync', 'wecom', '--tenant', SLUG, '--json'], {
      WECOM_CORP_ID: CORP_ID,
      WECOM_AGENT_ID: String(AGENT_ID),
      WECOM_SECRET: SECRET,
      WECOM_TOKEN: TOKEN,
      WECOM_AES_KEY: AES_KEY,
      WECOM_API_URL: env.fake.url,
      TEAMPULSE_DEFAULT_TENANT: SLUG,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, members: 8, employees: { created: 1 } });
    expect(await employee('E10')).toMatchObject({ team: 'wecom-dept-2', manager: 'E1' });
    const none = await runCliWith(env.database, ['sync', 'wecom', '--tenant', SLUG]);
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('no wecom installation')]);
  });

  it('re-reads the address book shortly after a contact change event', async () => {
    env.fake.directory.departments[1]!.name = '销售中心';
    const at = env.clock.now();
    const callback = encryptedCallback(
      contactXml({ changeType: 'update_party', userId: '', at, extra: '<Id>2</Id><Name><![CDATA[销售中心]]></Name>' }),
    );
    const res = await env.app.inject({
      method: 'POST',
      url: callback.url,
      headers: { 'content-type': 'text/xml' },
      payload: callback.body,
    });
    expect(res.statusCode).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await env.db
              .selectFrom('teams')
              .select('name')
              .where('tenant_id', '=', env.org.tenantId)
              .where('external_id', '=', 'wecom-dept-2')
              .executeTakeFirstOrThrow()
          ).name,
        { timeout: 10_000 },
      )
      .toBe('销售中心');
  });

  it('falls back to ids when WeCom refuses contact details (48009): keeps names and managers, says what it missed', async () => {
    env.fake.refuseContactReads = 48009;
    env.fake.listIdPageSize = 3;
    env.fake.directory.users.push({ userid: 'E11', name: '看不见的名字', department: [3] });
    const before = env.fake.calls.length;
    try {
      const result = await sync();
      expect(result.unreadable).toEqual([
        'department_names',
        'department_managers',
        'member_names',
        'member_emails',
        'member_managers',
        'member_status',
      ]);
      expect(result).toMatchObject({ departments: 3, members: 9, managerChanges: 0 });
      const calls = env.fake.calls.slice(before).map((c) => c.path);
      expect(calls).toContain('/cgi-bin/department/simplelist');
      // user/list_id pages by cursor: ten (member, department) rows, three per page ⇒ four calls.
      expect(calls.filter((p) => p === '/cgi-bin/user/list_id').length).toBe(4);
      // What was known stays: team names, people's names and managers are not replaced by ids or cleared.
      const team = await env.db
        .selectFrom('teams')
        .select('name')
        .where('tenant_id', '=', env.org.tenantId)
        .where('external_id', '=', 'wecom-dept-2')
        .executeTakeFirstOrThrow();
      expect(team.name).toBe('销售中心');
      expect(await employee('E3')).toMatchObject({ display_name: '李娜', team: 'wecom-dept-3', manager: 'E2' });
      expect(await employee('E9')).toMatchObject({ display_name: '马林', email: 'malin@example.com', manager: 'E2' });
      // A member only the id list shows is added under their userid, linked for later syncs to name.
      expect(await employee('E11')).toMatchObject({ display_name: 'E11', team: 'wecom-dept-3', manager: null });
    } finally {
      env.fake.refuseContactReads = undefined;
      env.fake.listIdPageSize = undefined;
    }
  });

  it('says on the CLI what WeCom would not show', async () => {
    env.fake.refuseContactReads = 48009;
    try {
      const run = await runCliWith(env.database, ['sync', 'wecom', '--tenant', SLUG], {
        WECOM_CORP_ID: CORP_ID,
        WECOM_AGENT_ID: String(AGENT_ID),
        WECOM_SECRET: SECRET,
        WECOM_TOKEN: TOKEN,
        WECOM_AES_KEY: AES_KEY,
        WECOM_API_URL: env.fake.url,
        TEAMPULSE_DEFAULT_TENANT: SLUG,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('wecom would not show department_names, department_managers, member_names');
    } finally {
      env.fake.refuseContactReads = undefined;
    }
  });

  it('does not fall back on other errors, and reports the first refusal when the id lists fail too', async () => {
    env.fake.script.set('/cgi-bin/department/list', [{ body: { errcode: 40001, errmsg: 'invalid secret' } }]);
    await expect(sync()).rejects.toMatchObject({ message: expect.stringContaining('errcode 40001') });
    env.fake.script.set('/cgi-bin/department/list', [{ body: { errcode: 48009, errmsg: 'api forbidden' } }]);
    env.fake.script.set('/cgi-bin/department/simplelist', [{ body: { errcode: 60020, errmsg: 'not allow ip' } }]);
    await expect(sync()).rejects.toMatchObject({ message: expect.stringContaining('errcode 48009') });
    env.fake.script.clear();
  });

  it("`teampulse sync wecom --tenant` reads a stored app's address book from WECOM_API_URL without the WECOM_* credentials", async () => {
    const key = Buffer.alloc(32, 5).toString('base64');
    const stored = {
      slug: 'wecom-stored',
      corpId: 'wwstoredcorp02',
      agentId: '1000007',
      secret: 'stored-app-secret-02',
    };
    await createAlertOrg(env.db, stored.slug, { locale: 'zh-CN', settings: { platform: 'wecom' } });
    const add = await runCliWith(
      env.database,
      [
        'platform',
        'add',
        'wecom',
        '--tenant',
        stored.slug,
        '--json',
        ...['--set', `corpId=${stored.corpId}`, '--set', `agentId=${stored.agentId}`],
        ...['--set', `secret=${stored.secret}`, '--set', `token=${TOKEN}`, '--set', `aesKey=${AES_KEY}`],
      ],
      { TEAMPULSE_ENCRYPTION_KEY: key },
    );
    expect([add.code, add.stderr]).toEqual([0, '']);
    const run = await runCliWith(env.database, ['sync', 'wecom', '--tenant', stored.slug, '--json'], {
      TEAMPULSE_ENCRYPTION_KEY: key,
      WECOM_API_URL: env.fake.url,
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, members: env.fake.directory.users.length });
    const tokenCall = env.fake.callsTo('/cgi-bin/gettoken').at(-1)!;
    expect(tokenCall.query).toMatchObject({ corpid: stored.corpId, corpsecret: stored.secret });
  });
});
