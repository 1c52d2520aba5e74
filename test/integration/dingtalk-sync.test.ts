// `teampulse sync dingtalk`: the contacts API read through the fake DingTalk (departments breadth-first from the root,
// their managers, members page by page) lands in the directory — departments as teams, department managers as
// managers, members as employees linked to their staff id; re-running changes nothing; a changed department manager
// is stored as a manager_change signal; a user_leave_org event stores a departure and triggers the debounced re-sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliWith } from '../helpers/cli.js';
import {
  APP_KEY,
  APP_SECRET,
  CORP_ID,
  encryptedEvent,
  startDingTalkEnv,
  type DingTalkEnv,
} from '../helpers/dingtalk-env.js';
import { syncPlatformDirectory, resolveManagers } from '../../src/app/platforms/sync.js';

let env: DingTalkEnv;
const SLUG = 'dt-sync';

beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'http', slug: SLUG });
  env.fake.directory = {
    departments: [
      { dept_id: 1, name: '测试公司', dept_manager_userid_list: ['E0'] },
      { dept_id: 2, name: '销售部', parent_id: 1, dept_manager_userid_list: ['E1'] },
      { dept_id: 3, name: '销售一组', parent_id: 2, dept_manager_userid_list: ['E2'] },
    ],
    users: [
      { userid: 'E0', name: '陈宇', dept_id_list: [1] },
      { userid: 'E1', name: '周敏', dept_id_list: [2] },
      { userid: 'E2', name: '王强', dept_id_list: [3] },
      { userid: 'E3', name: '李娜', dept_id_list: [3, 2] },
      { userid: 'E4', name: '孙浩', dept_id_list: [3] },
      { userid: 'E5', name: '刘芳', dept_id_list: [1] },
      // Not in the directory yet: a new employee keyed by the job number, linked to the staff id.
      {
        userid: 'manager0231',
        name: '马林',
        job_number: 'E9',
        org_email: 'malin@example.com',
        dept_id_list: [3],
        hired_date: Date.parse('2026-10-08T00:00:00Z'),
      },
    ],
  };
});
afterAll(async () => env.close());

const employee = (externalId: string) =>
  env.db
    .selectFrom('employees as e')
    .leftJoin('teams as t', 't.id', 'e.team_id')
    .leftJoin('employees as m', 'm.id', 'e.manager_id')
    .select(['e.id', 'e.display_name', 'e.email', 'e.hire_date', 't.external_id as team', 'm.external_id as manager'])
    .where('e.tenant_id', '=', env.org.tenantId)
    .where('e.external_id', '=', externalId)
    .executeTakeFirstOrThrow();

const sync = () =>
  syncPlatformDirectory(env.db, env.org.tenantId, env.runtime.directory!, { actor: 'test', now: env.clock.now });

describe('DingTalk directory sync', () => {
  it('maps departments to teams, department managers to managers and members to linked employees', async () => {
    const result = await sync();
    expect(result).toMatchObject({ platform: 'dingtalk', departments: 3, members: 7, matched: 6, managerChanges: 0 });
    expect(result.teams.created).toBe(3);
    expect(result.employees.created).toBe(1);

    const teams = await env.db
      .selectFrom('teams as t')
      .leftJoin('teams as p', 'p.id', 't.parent_id')
      .select(['t.external_id', 't.name', 'p.external_id as parent'])
      .where('t.tenant_id', '=', env.org.tenantId)
      .where('t.external_id', 'like', 'dingtalk-%')
      .orderBy('t.external_id')
      .execute();
    expect(teams).toEqual([
      { external_id: 'dingtalk-dept-1', name: '测试公司', parent: null },
      { external_id: 'dingtalk-dept-2', name: '销售部', parent: 'dingtalk-dept-1' },
      { external_id: 'dingtalk-dept-3', name: '销售一组', parent: 'dingtalk-dept-2' },
    ]);
    // A member reports to the manager of their main (first) department; a department's manager to the one above.
    expect(await employee('E3')).toMatchObject({ team: 'dingtalk-dept-3', manager: 'E2', display_name: '李娜' });
    expect(await employee('E2')).toMatchObject({ team: 'dingtalk-dept-3', manager: 'E1' });
    expect(await employee('E1')).toMatchObject({ team: 'dingtalk-dept-2', manager: 'E0' });
    expect(await employee('E0')).toMatchObject({ team: 'dingtalk-dept-1', manager: null });
    expect(await employee('E9')).toMatchObject({
      display_name: '马林',
      email: 'malin@example.com',
      hire_date: '2026-10-08',
      manager: 'E2',
    });
    const identity = await env.db
      .selectFrom('platform_identities')
      .select('employee_id')
      .where('platform', '=', 'dingtalk')
      .where('platform_user_id', '=', 'manager0231')
      .executeTakeFirstOrThrow();
    expect(identity.employee_id).toBe((await employee('E9')).id);
  });

  it('changes nothing when run again on the same address book', async () => {
    const result = await sync();
    expect(result.teams).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(result.employees).toMatchObject({ created: 0, updated: 0 });
    expect(result.managerChanges).toBe(0);
  });

  it('stores a manager_change signal when a department gets a new manager', async () => {
    env.fake.directory.departments[2]!.dept_manager_userid_list = ['E4'];
    const result = await sync();
    expect(result.managerChanges).toBeGreaterThan(0);
    expect(await employee('E3')).toMatchObject({ manager: 'E4' });
    const rep1 = await employee('E3');
    const change = await env.db
      .selectFrom('signal_events')
      .select(['source', 'peer_employee_id'])
      .where('kind', '=', 'manager_change')
      .where('employee_id', '=', rep1.id)
      .executeTakeFirstOrThrow();
    expect(change).toEqual({ source: 'dingtalk', peer_employee_id: (await employee('E4')).id });
    // The same change seen again is no new signal.
    expect((await sync()).managerChanges).toBe(0);
  });

  it('runs as `teampulse sync dingtalk --tenant … --json` with the DINGTALK_* credentials of the default tenant', async () => {
    env.fake.directory.users.push({ userid: 'E10', name: '新同事', dept_id_list: [2] });
    const run = await runCliWith(env.database, ['sync', 'dingtalk', '--tenant', SLUG, '--json'], {
      DINGTALK_CLIENT_ID: APP_KEY,
      DINGTALK_CLIENT_SECRET: APP_SECRET,
      DINGTALK_CORP_ID: CORP_ID,
      DINGTALK_API_URL: env.fake.url,
      DINGTALK_OAPI_URL: env.fake.url,
      TEAMPULSE_DEFAULT_TENANT: SLUG,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { ok: boolean; members: number; employees: { created: number } };
    expect(summary).toMatchObject({ ok: true, members: 8, employees: { created: 1 } });
    expect(await employee('E10')).toMatchObject({ team: 'dingtalk-dept-2', manager: 'E1' });

    const other = await runCliWith(env.database, ['sync', 'slack', '--tenant', SLUG]);
    expect(other.code).toBe(1);
    const none = await runCliWith(env.database, ['sync', 'dingtalk', '--tenant', SLUG]);
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('no dingtalk installation')]);
  });

  it('stores a departure for user_leave_org and re-reads the address book shortly after', async () => {
    env.fake.directory.users = env.fake.directory.users.filter((u) => u.userid !== 'E10');
    env.fake.directory.departments[1]!.name = '销售中心';
    const before = env.fake.callsTo('/topapi/v2/department/get').length;
    const at = env.clock.now();
    const push = encryptedEvent(
      {
        EventType: 'user_leave_org',
        EventTime: at.getTime(),
        CorpId: CORP_ID,
        eventId: 'evt-leave-org-1',
        UserId: ['E10'],
      },
      at,
    );
    expect((await env.app.inject({ method: 'POST', url: push.url, payload: push.body })).statusCode).toBe(200);
    await env.inbox.drainOnce();
    const gone = await env.db
      .selectFrom('employees')
      .select(['status'])
      .where('tenant_id', '=', env.org.tenantId)
      .where('external_id', '=', 'E10')
      .executeTakeFirstOrThrow();
    expect(gone.status).toBe('left');
    await expect
      .poll(
        async () => {
          const team = await env.db
            .selectFrom('teams')
            .select('name')
            .where('tenant_id', '=', env.org.tenantId)
            .where('external_id', '=', 'dingtalk-dept-2')
            .executeTakeFirstOrThrow();
          return team.name;
        },
        { timeout: 10_000 },
      )
      .toBe('销售中心');
    expect(env.fake.callsTo('/topapi/v2/department/get').length).toBeGreaterThan(before);
  });
});

describe('resolveManagers', () => {
  it('cuts a cycle in odd data instead of failing the sync', () => {
    const snapshot = {
      departments: [{ id: '1', name: 'root', parentId: null, managerIds: [] }],
      members: [
        { userId: 'a', name: 'A', departmentIds: ['1'], managerId: 'b', active: true },
        { userId: 'b', name: 'B', departmentIds: ['1'], managerId: 'a', active: true },
      ],
    };
    const managers = resolveManagers(snapshot, snapshot.members, () => true);
    expect(managers.size).toBe(1);
  });
});
