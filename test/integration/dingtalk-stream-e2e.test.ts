// DingTalk in Stream mode, end to end against a local fake gateway and fake API: a robot command arrives as a
// CALLBACK and is answered (a kudos to the robot lands as a kudos signal); an approved leave request arrives as an
// EVENT and lands as a leave signal (acked LATER while it cannot be stored, so the gateway pushes it again); a
// high-risk alert card's click arrives as a card CALLBACK and is recorded as feedback; another corp's event or click
// is acked and dropped.
import { countRows } from '../helpers/db.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { TOPIC_CARD, TOPIC_ROBOT } from '../../adapters/dingtalk/stream.js';
import { bearer, createToken } from '../helpers/fixtures.js';
import { putEmployeeScore } from './alerts-fixtures.js';
import { startFakeGateway, streamFrame, type FakeGateway } from '../helpers/fake-dingtalk-gateway.js';
import {
  APP_KEY,
  cardClickBody,
  robotMessageBody,
  sentCardButtons,
  startDingTalkEnv,
  type DingTalkEnv,
} from '../helpers/dingtalk-env.js';

let env: DingTalkEnv;
let gateway: FakeGateway;
beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'stream', slug: 'dt-stream', stream: { reconnectDelayMs: () => 50 } });
  gateway = await startFakeGateway(env.fake);
  await env.runtime.stream.start();
  await gateway.waitForConnections(1);
});
afterAll(async () => {
  await env.close();
  await gateway.close();
});

describe('DingTalk Stream mode', () => {
  it('connects once per stream-mode installation, with its client id', () => {
    expect(gateway.opens.map((o) => o.clientId)).toEqual([APP_KEY]);
  });

  it('answers a robot command that arrives as a CALLBACK', async () => {
    const body = robotMessageBody({
      msgId: 'stream-msg-1',
      staffId: 'E2',
      text: 'help',
      at: env.clock.now(),
      sessionWebhook: `${env.fake.url}/robot/sendBySession?session=s2`,
    });
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'cb-1', body));
    expect((await gateway.ack('cb-1')).code).toBe(200);
    const answer = env.fake.callsTo('/robot/sendBySession').at(-1)!;
    expect(answer.query.session).toBe('s2');
    expect(JSON.stringify(answer.body)).toContain('我能做的事');
  });

  it('stores a kudos sent to the robot as a CALLBACK as a kudos signal (who thanked whom, not the words)', async () => {
    const body = robotMessageBody({
      msgId: 'stream-kudos-1',
      staffId: 'E4',
      text: '点赞 @E3 因为帮我准备了客户资料',
      at: env.clock.now(),
      sessionWebhook: `${env.fake.url}/robot/sendBySession?session=s-kudos`,
    });
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'cb-kudos', body));
    expect((await gateway.ack('cb-kudos')).code).toBe(200);
    await env.inbox.drainOnce();
    const rows = await env.db
      .selectFrom('signal_events')
      .select(['employee_id', 'source', 'payload'])
      .where('kind', '=', 'kudos')
      .execute();
    // Stored by the command layer (source "chat", as on every platform) for the sender E4.
    expect(rows.map((r) => [r.employee_id, r.source])).toEqual([[env.org.people.rep2, 'chat']]);
    expect(JSON.stringify(rows)).not.toContain('客户资料');
    const answer = env.fake.callsTo('/robot/sendBySession').find((c) => c.query.session === 's-kudos')!;
    expect(JSON.stringify(answer.body)).toContain('Li Na');
  });

  it('stores an approved leave request from an EVENT as a leave signal; LATER while the lookup fails', async () => {
    const at = env.clock.now();
    env.fake.leaves.push({
      userid: 'E4',
      start_time: Date.parse('2026-11-20T01:00:00Z'),
      end_time: Date.parse('2026-11-20T10:00:00Z'),
      duration_percent: 400,
      duration_unit: 'percent_hour',
    });
    const data = {
      processInstanceId: 'pi-s1',
      title: '孙浩提交的请假',
      type: 'finish',
      result: 'agree',
      staffId: 'E4',
      finishTime: at.getTime(),
      processCode: 'PROC-LEAVE',
    };
    const headers = {
      eventType: 'bpms_instance_change',
      eventId: 'evt-s1',
      eventCorpId: 'dingcorp0001',
      eventBornTime: String(at.getTime()),
    };
    env.fake.script.set('/topapi/attendance/getleavestatus', [{ status: 503, body: {} }]);
    gateway.push(streamFrame('EVENT', '*', 'ev-1', data, headers));
    expect(JSON.parse((await gateway.ack('ev-1')).data).status).toBe('LATER');
    gateway.push(streamFrame('EVENT', '*', 'ev-2', data, headers));
    expect(JSON.parse((await gateway.ack('ev-2')).data).status).toBe('SUCCESS');
    await env.inbox.drainOnce();
    const leave = await env.db
      .selectFrom('signal_events')
      .select(['employee_id', 'payload', 'source'])
      .where('kind', '=', 'leave')
      .executeTakeFirstOrThrow();
    expect(leave).toEqual({
      employee_id: env.org.people.rep2,
      payload: { leaveType: 'other', days: 0.5 },
      source: 'dingtalk',
    });
  });

  it('records the click on an alert card that arrives as a card CALLBACK', async () => {
    const { db, org, fake } = env;
    await putEmployeeScore(db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 82);
    await planAlerts({ db, quietHours: false, now: env.clock.now }, org.tenantId, '2026-11-25');
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1 });
    const buttons = sentCardButtons(fake);
    gateway.push(streamFrame('CALLBACK', TOPIC_CARD, 'card-1', cardClickBody(buttons.snooze!, 'E2')));
    expect((await gateway.ack('card-1')).code).toBe(200);
    const token = await createToken(db, org.tenantId, 'hr', org.people.hr);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(token) });
    const risk = (
      list.json() as {
        alerts: Array<{ kind: string; snoozedUntil: string | null; feedback: Array<{ value: string }> }>;
      }
    ).alerts.find((a) => a.kind === 'risk')!;
    expect(risk.feedback.map((f) => f.value)).toEqual(['snooze']);
    expect(risk.snoozedUntil).not.toBeNull();
  });

  it("acks but stores nothing of an EVENT or card click that names another corp than the installation's", async () => {
    const count = (table: 'inbound_deliveries' | 'alert_feedback') => countRows(env.db, table);
    const before = { deliveries: await count('inbound_deliveries'), feedback: await count('alert_feedback') };
    const headers = { eventType: 'user_leave_org', eventId: 'evt-other-corp', eventCorpId: 'dingothercorp' };
    gateway.push(streamFrame('EVENT', '*', 'ev-corp', { userId: ['E4'] }, headers));
    expect(JSON.parse((await gateway.ack('ev-corp')).data).status).toBe('SUCCESS');
    const click = {
      ...cardClickBody(sentCardButtons(env.fake).one_on_one!, 'E2', 'track-corp'),
      corpId: 'dingothercorp',
    };
    gateway.push(streamFrame('CALLBACK', TOPIC_CARD, 'card-corp', click));
    expect((await gateway.ack('card-corp')).code).toBe(200);
    expect({ deliveries: await count('inbound_deliveries'), feedback: await count('alert_feedback') }).toEqual(before);
  });

  it('ignores a card click whose token is not ours (still acked, nothing recorded)', async () => {
    const before = await countRows(env.db, 'alert_feedback');
    gateway.push(streamFrame('CALLBACK', TOPIC_CARD, 'card-2', cardClickBody('single_button_node_x', 'E2')));
    expect((await gateway.ack('card-2')).code).toBe(200);
    expect(await countRows(env.db, 'alert_feedback')).toBe(before);
  });
});
