// DingTalk in HTTP mode, end to end against a fake DingTalk: a signed robot command is answered (and is no
// activity signal); an encrypted leave-approval event lands as a leave signal; a high-risk alert reaches the manager
// as a card and the click is recorded as feedback (visible in GET /api/v1/alerts); bad signatures get 401 and change
// nothing; malformed events never crash.
import { countRows } from '../helpers/db.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { bearer, createToken } from '../helpers/fixtures.js';
import { putEmployeeScore } from './alerts-fixtures.js';
import { decryptCallback } from '../../adapters/dingtalk/crypto.js';
import {
  AES_KEY,
  APP_KEY,
  cardClickBody,
  encryptedEvent,
  robotHeaders,
  robotMessageBody,
  sentCardButtons,
  startDingTalkEnv,
  type DingTalkEnv,
} from '../helpers/dingtalk-env.js';

let env: DingTalkEnv;
beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'http', slug: 'dt-http' });
});
afterAll(async () => env.close());

const count = (table: 'inbound_deliveries' | 'signal_events' | 'alert_feedback') => countRows(env.db, table);

describe('DingTalk HTTP mode', () => {
  it('answers a signed robot command in the 1:1 chat, links the sender, and records no activity', async () => {
    const at = env.clock.now();
    const body = robotMessageBody({
      msgId: 'msg-help-1',
      staffId: 'E2',
      text: ' help',
      at,
      sessionWebhook: `${env.fake.url}/robot/sendBySession?session=s1`,
    });
    const res = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    const answer = env.fake.callsTo('/robot/sendBySession').at(-1)!;
    expect(answer.query.session).toBe('s1');
    const markdown = (answer.body as { msgtype: string; markdown: { title: string; text: string } }).markdown;
    expect(markdown.title).toBe('我能做的事');
    // The sender is now linked (staff id = HR id); the command is no message-activity signal.
    const identity = await env.db
      .selectFrom('platform_identities')
      .select(['employee_id', 'dm_conversation_id'])
      .where('platform', '=', 'dingtalk')
      .where('platform_user_id', '=', 'E2')
      .executeTakeFirstOrThrow();
    expect(identity.employee_id).toBe(env.org.people.salesMgr);
    expect(await count('signal_events')).toBe(0);
    // A re-push of the same message is not answered twice.
    await env.app.inject({ method: 'POST', url: '/dingtalk/robot', headers: robotHeaders(at), payload: body });
    expect(env.fake.callsTo('/robot/sendBySession')).toHaveLength(1);
  });

  it('falls back to the robot when the session webhook refuses (expired session)', async () => {
    const at = env.clock.now();
    env.fake.script.set('/robot/sendBySession', [
      { status: 200, body: { errcode: 300001, errmsg: 'session expired' } },
    ]);
    const before = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend').length;
    const body = robotMessageBody({
      msgId: 'msg-help-expired',
      staffId: 'E2',
      text: 'help',
      at,
      sessionWebhook: `${env.fake.url}/robot/sendBySession?session=old`,
    });
    expect(
      (await env.app.inject({ method: 'POST', url: '/dingtalk/robot', headers: robotHeaders(at), payload: body }))
        .statusCode,
    ).toBe(200);
    const sent = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(sent.length).toBe(before + 1);
    expect((sent.at(-1)!.body as { userIds: string[] }).userIds).toEqual(['E2']);
  });

  it('answers a group @-mention privately through the robot (not in the group)', async () => {
    const at = env.clock.now();
    const body = robotMessageBody({ msgId: 'msg-help-2', staffId: 'E2', text: '@teampulse help', at, group: true });
    const res = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    const sent = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as { userIds: string[] };
    expect(sent.userIds).toEqual(['E2']);
    expect(await count('signal_events')).toBe(0);
  });

  it('refuses bad, expired and missing robot signatures with 401 and changes nothing', async () => {
    const at = env.clock.now();
    const before = { deliveries: await count('inbound_deliveries'), calls: env.fake.calls.length };
    const body = robotMessageBody({ msgId: 'msg-forged', staffId: 'E2', text: 'help', at });
    const forged = { ...robotHeaders(at), sign: robotHeaders(at, 'wrong secret').sign };
    const expired = robotHeaders(new Date(at.getTime() - 2 * 3600_000));
    for (const headers of [forged, expired, { 'content-type': 'application/json' }]) {
      const res = await env.app.inject({ method: 'POST', url: '/dingtalk/robot', headers, payload: body });
      expect(res.statusCode).toBe(401);
    }
    expect(await count('inbound_deliveries')).toBe(before.deliveries);
    expect(env.fake.calls.length).toBe(before.calls);
  });

  it('turns an encrypted leave-approval event into a leave signal, answering the encrypted "success"', async () => {
    const at = env.clock.now();
    env.fake.leaves.push({
      userid: 'E3',
      start_time: Date.parse('2026-11-23T01:00:00Z'),
      end_time: Date.parse('2026-11-24T10:00:00Z'),
      duration_percent: 150,
      duration_unit: 'percent_day',
    });
    const event = {
      EventType: 'bpms_instance_change',
      EventTime: at.getTime(),
      CorpId: 'dingcorp0001',
      eventId: 'evt-leave-1',
      processInstanceId: 'pi-1',
      title: '李娜提交的请假',
      type: 'finish',
      result: 'agree',
      staffId: 'E3',
      createTime: at.getTime() - 86_400_000,
      finishTime: at.getTime(),
      processCode: 'PROC-LEAVE',
      bizCategoryId: 'attendance.leave',
    };
    const push = encryptedEvent(event, at);
    const res = await env.app.inject({ method: 'POST', url: push.url, payload: push.body });
    expect(res.statusCode).toBe(200);
    const reply = res.json() as { encrypt: string; msg_signature: string; timeStamp: string; nonce: string };
    expect(decryptCallback(AES_KEY, reply.encrypt, [APP_KEY]).message).toBe('success');
    // The same push again is counted, not stored twice.
    await env.app.inject({ method: 'POST', url: push.url, payload: push.body });
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 1, failed: 0 });
    const leave = await env.db
      .selectFrom('signal_events')
      .selectAll()
      .where('kind', '=', 'leave')
      .executeTakeFirstOrThrow();
    expect([leave.source, leave.employee_id, leave.payload]).toEqual([
      'dingtalk',
      env.org.people.rep1,
      { leaveType: 'other', days: 1.5 },
    ]);
  });

  it("gives the tenant's coverage a leave class from DingTalk and never a message class (robot messages are not activity)", async () => {
    // The robot commands above were answered and the leave event stored: scoring sees leave covered and message
    // activity as "no data" (test/unit/scoring-engine.test.ts), never as a drop to zero.
    const classes = await env.db
      .selectFrom('signal_coverage')
      .select(['source', 'signal_class'])
      .distinct()
      .where('tenant_id', '=', env.org.tenantId)
      .execute();
    expect(classes).toEqual([{ source: 'dingtalk', signal_class: 'leave' }]);
    expect(env.runtime.adapter.capabilities.messageVisibility).toBe('mentions_and_dms');
  });

  it('answers the URL check, refuses a bad event signature or a payload for another app, survives junk', async () => {
    const at = env.clock.now();
    const check = encryptedEvent({ EventType: 'check_url' }, at);
    expect((await env.app.inject({ method: 'POST', url: check.url, payload: check.body })).statusCode).toBe(200);
    const before = await count('inbound_deliveries');
    const forged = encryptedEvent({ EventType: 'user_leave_org', UserId: ['E4'] }, at, { token: 'other' });
    expect((await env.app.inject({ method: 'POST', url: forged.url, payload: forged.body })).statusCode).toBe(401);
    const otherApp = encryptedEvent({ EventType: 'user_leave_org', UserId: ['E4'] }, at, { ownerKey: 'dingother' });
    expect((await env.app.inject({ method: 'POST', url: otherApp.url, payload: otherApp.body })).statusCode).toBe(401);
    // Sealed for our app, but the payload names another corp than the installation's.
    const otherCorp = encryptedEvent({ EventType: 'user_leave_org', CorpId: 'dingothercorp', UserId: ['E4'] }, at);
    expect((await env.app.inject({ method: 'POST', url: otherCorp.url, payload: otherCorp.body })).statusCode).toBe(
      401,
    );
    const junk = encryptedEvent({ nothing: true }, at);
    expect((await env.app.inject({ method: 'POST', url: junk.url, payload: junk.body })).statusCode).toBe(400);
    const noQuery = await env.app.inject({ method: 'POST', url: '/dingtalk/events', payload: { encrypt: 'x' } });
    expect(noQuery.statusCode).toBe(401);
    expect(await count('inbound_deliveries')).toBe(before);
  });

  it('delivers a high-risk alert to the manager as a card; the click is recorded and visible in /api/v1/alerts', async () => {
    const { db, org, fake } = env;
    await putEmployeeScore(db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 82);
    await planAlerts({ db, quietHours: false, now: env.clock.now }, org.tenantId, '2026-11-25');
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1, dead: 0 });
    const card = fake.callsTo('/v1.0/im/v1.0/robot/interactiveCards/send').at(-1)!.body as Record<string, string>;
    expect(JSON.parse(card.singleChatReceiver!)).toEqual({ userId: 'E2' });
    expect(card.cardData).toContain('可能需要一些支持');

    const buttons = sentCardButtons(fake);
    // A forged click (token signed with another key) is refused and records nothing.
    const forged = buttons.one_on_one!.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA');
    const refused = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/card',
      payload: cardClickBody(forged, 'E2'),
    });
    expect(refused.statusCode).toBe(401);
    expect(await count('alert_feedback')).toBe(0);

    const click = await env.app.inject({
      method: 'POST',
      url: '/dingtalk/card',
      payload: cardClickBody(buttons.one_on_one!, 'E2', card.cardBizId),
    });
    expect(click.statusCode).toBe(200);
    // The thanks goes to the manager 1:1 in Chinese.
    const thanks = fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as {
      userIds: string[];
      msgParam: string;
    };
    expect(thanks.userIds).toEqual(['E2']);
    expect(thanks.msgParam).toContain('已记录');

    const token = await createToken(db, org.tenantId, 'hr', org.people.hr);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(token) });
    const alert = (
      list.json() as { alerts: Array<{ kind: string; feedback: Array<{ value: string; by: { externalId: string } }> }> }
    ).alerts.find((a) => a.kind === 'risk')!;
    expect(alert.feedback.map((f) => [f.value, f.by.externalId])).toEqual([['one_on_one', 'E2']]);
  });
});
