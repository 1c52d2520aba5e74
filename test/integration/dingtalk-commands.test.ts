// Text commands to the DingTalk robot reach the shared dispatcher (src/app/inbound/dispatch.ts) as command events —
// `风险 销售一组`, `risk sales-east`, `help`, in a 1:1 chat or as a group @-mention, over HTTP and over the Stream
// gateway — and the handler's reply goes back to the sender alone. The verbs themselves belong to the command layer
// (issue I); a stub handler stands in for them here so this test pins only the transport. The text is never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../src/core/events.js';
import { textReply } from '../../src/app/inbound/dispatch.js';
import type { InboundRegistration } from '../../src/app/inbound/handlers.js';
import { TOPIC_ROBOT } from '../../adapters/dingtalk/stream.js';
import { startFakeGateway, streamFrame, type FakeGateway } from '../helpers/fake-dingtalk-gateway.js';
import { robotHeaders, robotMessageBody, startDingTalkEnv, type DingTalkEnv } from '../helpers/dingtalk-env.js';
import { countRows } from '../helpers/db.js';

interface Seen {
  command: string;
  args: string[];
  employeeId: string | undefined;
  platform: string;
}

function stubRisk(seen: Seen[]): InboundRegistration {
  return (dispatcher) => {
    for (const name of ['risk', '风险'])
      dispatcher.onCommand(
        name,
        (event: CommandEvent, ctx) => {
          seen.push({ command: event.command, args: event.args, employeeId: ctx.employeeId, platform: ctx.platform });
          return { reply: textReply(`${name} → ${event.args.join(' ')}`) };
        },
        'command.help.description',
      );
  };
}

const seenHttp: Seen[] = [];
const seenStream: Seen[] = [];
let http: DingTalkEnv;
let stream: DingTalkEnv;
let gateway: FakeGateway;

beforeAll(async () => {
  http = await startDingTalkEnv({ mode: 'http', slug: 'dt-cmd-http', registrations: [stubRisk(seenHttp)] });
  stream = await startDingTalkEnv({
    mode: 'stream',
    slug: 'dt-cmd-stream',
    stream: { reconnectDelayMs: () => 50 },
    registrations: [stubRisk(seenStream)],
  });
  gateway = await startFakeGateway(stream.fake);
  await stream.runtime.stream.start();
  await gateway.waitForConnections(1);
});
afterAll(async () => {
  await http?.close();
  await stream?.close();
  await gateway?.close();
});

async function noTextStored(env: DingTalkEnv, ...texts: string[]): Promise<void> {
  const rows = await env.db.selectFrom('inbound_deliveries').selectAll().execute();
  const dump = JSON.stringify(rows);
  for (const text of texts) expect(dump).not.toContain(text);
  expect(await countRows(env.db, 'signal_events')).toBe(0);
}

describe('DingTalk text commands over HTTP', () => {
  it('`风险 销售一组` in the 1:1 chat reaches the dispatcher as a command; the reply goes back in that chat', async () => {
    const at = http.clock.now();
    const body = robotMessageBody({
      msgId: 'cmd-zh-1',
      staffId: 'E2',
      text: '风险\u3000销售一组',
      at,
      sessionWebhook: `${http.fake.url}/robot/sendBySession?session=zh`,
    });
    const res = await http.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(seenHttp).toEqual([
      { command: '风险', args: ['销售一组'], employeeId: http.org.people.salesMgr, platform: 'dingtalk' },
    ]);
    const answer = http.fake.callsTo('/robot/sendBySession').at(-1)!;
    expect(answer.query.session).toBe('zh');
    expect(JSON.stringify(answer.body)).toContain('风险 → 销售一组');
    await noTextStored(http, '销售一组');
  });

  it('`@teampulse risk sales-east` in a group is answered privately through the robot, to the sender only', async () => {
    const at = http.clock.now();
    const body = robotMessageBody({
      msgId: 'cmd-en-1',
      staffId: 'E1',
      text: '@teampulse risk sales-east',
      at,
      group: true,
    });
    const res = await http.app.inject({
      method: 'POST',
      url: '/dingtalk/robot',
      headers: robotHeaders(at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(seenHttp.at(-1)).toEqual({
      command: 'risk',
      args: ['sales-east'],
      employeeId: http.org.people.headSales,
      platform: 'dingtalk',
    });
    const sent = http.fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as {
      userIds: string[];
      msgParam: string;
    };
    expect(sent.userIds).toEqual(['E1']);
    expect(sent.msgParam).toContain('risk → sales-east');
    await noTextStored(http, 'sales-east');
  });

  it('`help` lists the registered verbs; an unknown verb gets the polite answer in the tenant language', async () => {
    const at = http.clock.now();
    for (const [msgId, text] of [
      ['cmd-help', 'help'],
      ['cmd-unknown', 'frobnicate'],
    ] as const) {
      const body = robotMessageBody({
        msgId,
        staffId: 'E2',
        text,
        at,
        sessionWebhook: `${http.fake.url}/robot/sendBySession?session=${msgId}`,
      });
      await http.app.inject({ method: 'POST', url: '/dingtalk/robot', headers: robotHeaders(at), payload: body });
    }
    const help = JSON.stringify(
      http.fake.callsTo('/robot/sendBySession').find((c) => c.query.session === 'cmd-help')!.body,
    );
    expect(help).toContain('risk');
    expect(help).toContain('风险');
    const unknown = http.fake.callsTo('/robot/sendBySession').find((c) => c.query.session === 'cmd-unknown');
    expect(JSON.stringify(unknown!.body)).toContain('frobnicate');
    expect(seenHttp).toHaveLength(2);
  });
});

describe('DingTalk text commands over the Stream gateway', () => {
  it('a robot CALLBACK `risk sales-east` reaches the dispatcher and is answered 1:1, then acked', async () => {
    const body = robotMessageBody({
      msgId: 'stream-cmd-1',
      staffId: 'E2',
      text: 'risk sales-east',
      at: stream.clock.now(),
      sessionWebhook: `${stream.fake.url}/robot/sendBySession?session=st`,
    });
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'cmd-cb-1', body));
    expect((await gateway.ack('cmd-cb-1')).code).toBe(200);
    expect(seenStream).toEqual([
      { command: 'risk', args: ['sales-east'], employeeId: stream.org.people.salesMgr, platform: 'dingtalk' },
    ]);
    const answer = stream.fake.callsTo('/robot/sendBySession').at(-1)!;
    expect(answer.query.session).toBe('st');
    expect(JSON.stringify(answer.body)).toContain('risk → sales-east');
    // A redelivered CALLBACK (same msgId) is acked but not dispatched or answered again.
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'cmd-cb-2', body));
    expect((await gateway.ack('cmd-cb-2')).code).toBe(200);
    expect(seenStream).toHaveLength(1);
    await noTextStored(stream, 'sales-east');
  });
});
