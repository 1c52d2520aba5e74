// More than one DingTalk tenant: the DINGTALK_* app belongs to the default tenant, a second tenant registers its
// own app with `teampulse platform add dingtalk --tenant …` (sealed), and the running service then routes that
// app's signed robot messages and encrypted events to the second tenant — and opens a Stream connection for a
// stored app in stream mode — without a restart. A request signed with the wrong app's secret gets 401.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/app/platforms/index.js';
import { runCliWith } from '../helpers/cli.js';
import { startFakeGateway, type FakeGateway } from '../helpers/fake-dingtalk-gateway.js';
import {
  APP_KEY,
  encryptedEvent,
  robotHeaders,
  robotMessageBody,
  startDingTalkEnv,
  type DingTalkEnv,
} from '../helpers/dingtalk-env.js';
import { createAlertOrg, type AlertOrg } from './alerts-fixtures.js';

const KEY = randomBytes(32).toString('base64');
const SECOND = {
  slug: 'dt-second',
  clientId: 'dingsecondapp02',
  clientSecret: 'second-app-secret-02',
  aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
  token: 'second-event-token',
  corpId: 'dingcorp0002',
};
const STREAM_APP = 'dingstreamapp03';

let env: DingTalkEnv;
let second: AlertOrg;
let gateway: FakeGateway;

beforeAll(async () => {
  env = await startDingTalkEnv({
    mode: 'http',
    slug: 'dt-first',
    secretBox: new SecretBox([Buffer.from(KEY, 'base64')]),
    stream: { reconnectDelayMs: () => 50 },
  });
  second = await createAlertOrg(env.db, SECOND.slug, { locale: 'zh-CN', settings: { platform: 'dingtalk' } });
  gateway = await startFakeGateway(env.fake);
});
afterAll(async () => {
  await env.close();
  await gateway.close();
});

const add = (tenant: string, fields: Record<string, string>) =>
  runCliWith(
    env.database,
    [
      'platform',
      'add',
      'dingtalk',
      '--tenant',
      tenant,
      '--json',
      ...Object.entries(fields).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
    ],
    { TEAMPULSE_ENCRYPTION_KEY: KEY },
  );

const deliveriesOf = async (tenantId: string) =>
  (
    await env.db
      .selectFrom('inbound_deliveries')
      .select('delivery_key')
      .where('tenant_id', '=', tenantId)
      .where('platform', '=', 'dingtalk')
      .execute()
  ).map((r) => r.delivery_key);

describe('DingTalk apps of several tenants', () => {
  it('`platform add dingtalk --tenant` stores the second app; its robot messages land in that tenant', async () => {
    const run = await add(SECOND.slug, {
      clientId: SECOND.clientId,
      clientSecret: SECOND.clientSecret,
      aesKey: SECOND.aesKey,
      token: SECOND.token,
      corpId: SECOND.corpId,
      mode: 'http',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ platform: 'dingtalk', installationKey: SECOND.clientId });

    const at = env.clock.now();
    const toSecond = {
      ...robotMessageBody({ msgId: 'two-1', staffId: 'E2', text: 'help', at }),
      robotCode: SECOND.clientId,
    };
    const ok = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at, SECOND.clientSecret),
      payload: toSecond,
    });
    expect(ok.statusCode).toBe(200);
    expect(await deliveriesOf(second.tenantId)).toEqual(['robot:two-1']);
    // The answer goes out as the second app's robot.
    const sent = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as { robotCode: string };
    expect(sent.robotCode).toBe(SECOND.clientId);

    // The environment's app still belongs to the default tenant.
    const first = robotMessageBody({ msgId: 'one-1', staffId: 'E2', text: 'help', at });
    const res = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at),
      payload: first,
    });
    expect(res.statusCode).toBe(200);
    expect(await deliveriesOf(env.org.tenantId)).toEqual(['robot:one-1']);
  });

  it("refuses a message for one app signed with the other app's secret (401, nothing stored)", async () => {
    const at = env.clock.now();
    const crossed = robotMessageBody({ msgId: 'crossed-1', staffId: 'E2', text: 'help', at }); // robotCode = APP_KEY
    expect(crossed.robotCode).toBe(APP_KEY);
    const res = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at, SECOND.clientSecret),
      payload: crossed,
    });
    expect(res.statusCode).toBe(401);
    expect([...(await deliveriesOf(env.org.tenantId)), ...(await deliveriesOf(second.tenantId))]).not.toContain(
      'robot:crossed-1',
    );
  });

  it("turns the second app's encrypted leave approval into a leave signal of the second tenant", async () => {
    const at = env.clock.now();
    env.fake.leaves.push({
      userid: 'E3',
      start_time: Date.parse('2026-11-26T01:00:00Z'),
      end_time: Date.parse('2026-11-26T10:00:00Z'),
      duration_percent: 100,
      duration_unit: 'percent_day',
    });
    const event = {
      EventType: 'bpms_instance_change',
      EventTime: at.getTime(),
      CorpId: SECOND.corpId,
      eventId: 'evt-second-leave',
      title: '李娜提交的请假',
      type: 'finish',
      result: 'agree',
      staffId: 'E3',
      finishTime: at.getTime(),
    };
    const sealed = { token: SECOND.token, aesKey: SECOND.aesKey, ownerKey: SECOND.clientId };
    // Sealed for the second app but signed with the first app's token: refused.
    const wrongToken = encryptedEvent(event, at, { ...sealed, token: 'tp-event-token' });
    expect((await env.app.inject({ method: 'POST', url: wrongToken.url, payload: wrongToken.body })).statusCode).toBe(
      401,
    );
    const push = encryptedEvent(event, at, sealed);
    expect((await env.app.inject({ method: 'POST', url: push.url, payload: push.body })).statusCode).toBe(200);
    await env.inbox.drainOnce();
    const leaves = await env.db
      .selectFrom('signal_events')
      .select(['tenant_id', 'employee_id'])
      .where('kind', '=', 'leave')
      .execute();
    expect(leaves).toEqual([{ tenant_id: second.tenantId, employee_id: second.people.rep1 }]);
  });

  it("`teampulse sync dingtalk --tenant` reads a stored app's address book from DINGTALK_API_URL/OAPI_URL without DINGTALK_CLIENT_ID", async () => {
    env.fake.directory = {
      departments: [{ dept_id: 1, name: '第二公司', dept_manager_userid_list: ['E0'] }],
      users: [
        { userid: 'E0', name: '陈宇', dept_id_list: [1] },
        { userid: 'E3', name: '李娜', dept_id_list: [1] },
      ],
    };
    const run = await runCliWith(env.database, ['sync', 'dingtalk', '--tenant', SECOND.slug, '--json'], {
      TEAMPULSE_ENCRYPTION_KEY: KEY,
      DINGTALK_API_URL: env.fake.url,
      DINGTALK_OAPI_URL: env.fake.url,
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, members: 2 });
    const tokenCall = env.fake.callsTo('/v1.0/oauth2/accessToken').at(-1)!;
    expect(tokenCall.body).toMatchObject({ appKey: SECOND.clientId });
  });

  it('opens a Stream connection for a stored stream-mode app on the next refresh (none for HTTP-mode apps)', async () => {
    await env.runtime.stream.start();
    expect(gateway.opens).toEqual([]);
    const third = await createAlertOrg(env.db, 'dt-third', { settings: { platform: 'dingtalk' } });
    expect(third.tenantId).toBeTruthy();
    const run = await add('dt-third', { clientId: STREAM_APP, clientSecret: 'third-secret-03' });
    expect(run.code, run.stderr).toBe(0);
    await env.runtime.stream.refresh();
    await gateway.waitForConnections(1);
    expect(gateway.opens.map((o) => o.clientId)).toEqual([STREAM_APP]);
  });
});
