// WeCom end to end through buildApp().inject() against a fake WeCom, with the installation from WECOM_* (the issue's
// "Done when"): the URL check passes; an encrypted text command is answered (and is no activity signal); an approved
// leave approval lands as a leave signal; a high-risk alert reaches the manager as a button_interaction template
// card and the click is recorded as feedback (the clicked button is relabelled); bad signatures, another corp's
// payloads and wrong keys get 401 and change nothing; WeCom's retries are de-duplicated; junk never crashes.
import { countRows } from '../helpers/db.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { bearer, createToken } from '../helpers/fixtures.js';
import { putEmployeeScore } from './alerts-fixtures.js';
import {
  AGENT_ID,
  approvalXml,
  cardClickXml,
  contactXml,
  encryptedCallback,
  startWeComEnv,
  textMessageXml,
  urlCheck,
  type WeComEnv,
} from '../helpers/wecom-env.js';

let env: WeComEnv;
beforeAll(async () => {
  env = await startWeComEnv({ slug: 'wecom-http' });
});
afterAll(async () => env.close());

const count = (table: 'inbound_deliveries' | 'signal_events' | 'alert_feedback') => countRows(env.db, table);

const post = (callback: { url: string; body: string }) =>
  env.app.inject({
    method: 'POST',
    url: callback.url,
    headers: { 'content-type': 'text/xml' },
    payload: callback.body,
  });

const SEND = '/cgi-bin/message/send';

describe('WeCom callback, end to end', () => {
  it('passes the URL check with the bare plaintext; a wrong signature, corp or key gets 401', async () => {
    const ok = await env.app.inject({ method: 'GET', url: urlCheck('5927782489442352469') });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('5927782489442352469');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    for (const bad of [
      urlCheck('1', { token: 'otherToken' }),
      urlCheck('1', { corpId: 'wwothercorp' }),
      urlCheck('1', { aesKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg' }),
      '/wecom/callback?echostr=abc',
      '/wecom/callback',
    ]) {
      expect((await env.app.inject({ method: 'GET', url: bad })).statusCode).toBe(401);
    }
  });

  it('answers an encrypted text command with a message from the app, links the sender, records no activity', async () => {
    const at = env.clock.now();
    const callback = encryptedCallback(
      textMessageXml({ from: 'E2', content: 'help', msgId: '4561255354251345929', at }),
    );
    const res = await post(callback);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    await env.runtime.inbound.idle();
    const answer = env.fake.callsTo(SEND).at(-1)!.body as {
      touser: string;
      agentid: number;
      msgtype: string;
      markdown?: { content: string };
    };
    expect([answer.touser, answer.agentid]).toEqual(['E2', AGENT_ID]);
    expect(JSON.stringify(answer)).toContain('我能做的事');
    const identity = await env.db
      .selectFrom('platform_identities')
      .select('employee_id')
      .where('platform', '=', 'wecom')
      .where('platform_user_id', '=', 'E2')
      .executeTakeFirstOrThrow();
    expect(identity.employee_id).toBe(env.org.people.salesMgr);
    expect(await count('signal_events')).toBe(0);
    // WeCom's retry of the same MsgId (no answer within 5 s) is not answered twice.
    expect((await post(callback)).statusCode).toBe(200);
    await env.runtime.inbound.idle();
    expect(env.fake.callsTo(SEND)).toHaveLength(1);
  });

  it('refuses bad signatures, another corp and a wrong key with 401, and changes nothing', async () => {
    const at = env.clock.now();
    const before = { deliveries: await count('inbound_deliveries'), calls: env.fake.calls.length };
    const inner = textMessageXml({ from: 'E2', content: 'help', msgId: '999', at });
    const good = encryptedCallback(inner);
    // Flip the signature's first hex digit (to one it is not: a fixed '0' left one signature in 16 unchanged).
    const tampered = {
      url: good.url.replace(
        /msg_signature=([0-9a-f])/,
        (_, digit: string) => `msg_signature=${digit === '0' ? '1' : '0'}`,
      ),
      body: good.body,
    };
    for (const callback of [
      tampered,
      encryptedCallback(inner, { token: 'otherToken' }),
      encryptedCallback(inner, { corpId: 'wwothercorp' }),
      { url: good.url.replace(/timestamp=\d+/, 'timestamp=1'), body: good.body },
      { url: '/wecom/callback', body: good.body },
    ]) {
      expect((await post(callback)).statusCode).toBe(401);
    }
    // A payload encrypted with another key but signed with our token: the signature passes, decryption does not.
    expect(
      (await post(encryptedCallback(inner, { aesKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg' }))).statusCode,
    ).toBe(401);
    expect((await post({ url: '/wecom/callback', body: 'junk' })).statusCode).toBe(401);
    expect((await post({ url: good.url, body: '<xml><a>' })).statusCode).toBe(400);
    expect((await post(encryptedCallback('not xml at all'))).statusCode).toBe(400);
    await env.runtime.inbound.idle();
    expect(await count('inbound_deliveries')).toBe(before.deliveries);
    expect(env.fake.calls.length).toBe(before.calls);
  });

  it('turns an approved leave approval into a leave signal (retries stored once)', async () => {
    const at = env.clock.now();
    env.fake.approvals.push({
      sp_no: '202611250001',
      sp_status: 2,
      apply_time: Math.floor(at.getTime() / 1000) - 3600,
      userid: 'E3',
      vacation: {
        type: '年假',
        begin: Date.parse('2026-11-23T00:00:00Z') / 1000,
        end: Date.parse('2026-11-24T12:00:00Z') / 1000,
        duration: 129_600,
      },
    });
    const callback = encryptedCallback(approvalXml({ spNo: '202611250001', status: 2, applicant: 'E3', at }));
    expect((await post(callback)).statusCode).toBe(200);
    expect((await post(callback)).statusCode).toBe(200);
    await env.runtime.inbound.idle();
    expect(env.fake.callsTo('/cgi-bin/oa/getapprovaldetail')).toHaveLength(1);
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 1, failed: 0 });
    const leave = await env.db
      .selectFrom('signal_events')
      .selectAll()
      .where('kind', '=', 'leave')
      .executeTakeFirstOrThrow();
    expect([leave.source, leave.employee_id, leave.payload]).toEqual([
      'wecom',
      env.org.people.rep1,
      { leaveType: 'annual', days: 1.5 },
    ]);
    // A pending (not yet approved) approval looks nothing up.
    await post(encryptedCallback(approvalXml({ spNo: '202611250002', status: 1, applicant: 'E3', at })));
    await env.runtime.inbound.idle();
    expect(env.fake.callsTo('/cgi-bin/oa/getapprovaldetail')).toHaveLength(1);
  });

  it('stores a departure from a delete_user contact event', async () => {
    const at = env.clock.now();
    const callback = encryptedCallback(contactXml({ changeType: 'delete_user', userId: 'E4', at }));
    expect((await post(callback)).statusCode).toBe(200);
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 1, failed: 0 });
    const departure = await env.db
      .selectFrom('signal_events')
      .selectAll()
      .where('kind', '=', 'departure')
      .executeTakeFirstOrThrow();
    expect([departure.source, departure.employee_id]).toEqual(['wecom', env.org.people.rep2]);
  });

  it('delivers a high-risk alert to the manager as a template card; the click is recorded and the button relabelled', async () => {
    const { db, org, fake } = env;
    await putEmployeeScore(db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 82);
    await planAlerts({ db, quietHours: false, now: env.clock.now }, org.tenantId, '2026-11-25');
    const sendsBefore = fake.callsTo(SEND).length;
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1, dead: 0 });
    const sent = fake.callsTo(SEND).slice(sendsBefore);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body as {
      touser: string;
      msgtype: string;
      template_card: {
        card_type: string;
        task_id: string;
        main_title: { title: string };
        button_list: Array<{ key: string; text: string }>;
      };
    };
    expect([body.touser, body.msgtype, body.template_card.card_type]).toEqual([
      'E2',
      'template_card',
      'button_interaction',
    ]);
    expect(body.template_card.main_title.title).toContain('可能需要一些支持');
    const oneOnOne = body.template_card.button_list.find((b) => {
      const [, value] = JSON.parse(Buffer.from(b.key.slice(4), 'base64url').toString('utf8')) as [string, string];
      return value.endsWith(':one_on_one');
    })!;

    const at = env.clock.now();
    const click = encryptedCallback(
      cardClickXml({
        from: 'E2',
        eventKey: oneOnOne.key,
        taskId: body.template_card.task_id,
        responseCode: 'rc-click-1',
        at,
      }),
    );
    // A forged click (not signed with our token) is refused and records nothing.
    const forged = encryptedCallback(
      cardClickXml({ from: 'E2', eventKey: oneOnOne.key, taskId: body.template_card.task_id, responseCode: 'x', at }),
      { token: 'otherToken' },
    );
    expect((await post(forged)).statusCode).toBe(401);
    expect(await count('alert_feedback')).toBe(0);

    expect((await post(click)).statusCode).toBe(200);
    expect((await post(click)).statusCode).toBe(200); // WeCom's retry: recorded once
    await env.runtime.inbound.idle();
    const update = fake.callsTo('/cgi-bin/message/update_template_card');
    expect(update).toHaveLength(1);
    expect(update[0]!.body).toMatchObject({ userids: ['E2'], agentid: AGENT_ID, response_code: 'rc-click-1' });
    expect((update[0]!.body as { button: { replace_name: string } }).button.replace_name).toContain('已记录');

    const token = await createToken(db, org.tenantId, 'hr', org.people.hr);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(token) });
    const alert = (
      list.json() as { alerts: Array<{ kind: string; feedback: Array<{ value: string; by: { externalId: string } }> }> }
    ).alerts.find((a) => a.kind === 'risk')!;
    expect(alert.feedback.map((f) => [f.value, f.by.externalId])).toEqual([['one_on_one', 'E2']]);
  });

  it('acknowledges events it does not act on (enter_agent, images) without storing anything', async () => {
    const at = env.clock.now();
    const before = await count('inbound_deliveries');
    const enter = `<xml><ToUserName><![CDATA[wwtpcorp0001]]></ToUserName><FromUserName><![CDATA[E2]]></FromUserName><CreateTime>${Math.floor(at.getTime() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>`;
    expect((await post(encryptedCallback(enter))).statusCode).toBe(200);
    expect(await count('inbound_deliveries')).toBe(before);
  });
});
