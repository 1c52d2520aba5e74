// Stream mode against a local fake gateway: the client opens a connection with the secret in the POST body and
// a one-time ticket, acks every CALLBACK and EVENT explicitly after its handler (LATER when the event could not be
// stored), answers pings, and takes a new ticket after a drop, a SYSTEM disconnect or a refused open.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StreamConnection, TOPIC_ROBOT, type StreamHandlers } from '../../adapters/dingtalk/stream.js';
import { startFakeDingTalk, type FakeDingTalk } from '../helpers/fake-dingtalk.js';
import { startFakeGateway, streamFrame, type FakeGateway } from '../helpers/fake-dingtalk-gateway.js';

// Everything the connection logs, to check that no secret and no ticket URL ever reaches a log line.
const logged: string[] = [];
const record = (obj: object, msg?: string) => void logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
const logger = { debug: record, info: record, warn: record, error: record };

let api: FakeDingTalk;
let gateway: FakeGateway;
let connection: StreamConnection;
const seen: Array<{ kind: string; topic?: string; data: string }> = [];
let eventAnswer: 'SUCCESS' | 'LATER' | 'throw' = 'SUCCESS';

const handlers: StreamHandlers = {
  async callback(topic, data) {
    seen.push({ kind: 'callback', topic, data });
    return { received: true };
  },
  async event(headers, data) {
    seen.push({ kind: 'event', data });
    if (eventAnswer === 'throw') throw new Error('database down');
    return eventAnswer;
  },
};

beforeAll(async () => {
  api = await startFakeDingTalk();
  gateway = await startFakeGateway(api);
  connection = new StreamConnection({
    apiUrl: api.url,
    clientId: 'dingstream01',
    clientSecret: 'stream-secret',
    handlers,
    logger,
    reconnectDelayMs: () => 50,
  });
  connection.start();
  await gateway.waitForConnections(1);
});
afterAll(async () => {
  await connection.stop();
  await gateway.close();
  await api.close();
});

describe('DingTalk Stream connection', () => {
  it('opens with the secret in the body (not the URL) and its own subscriptions', () => {
    expect(gateway.opens[0]).toMatchObject({
      clientId: 'dingstream01',
      clientSecret: 'stream-secret',
      subscriptions: [
        { type: 'EVENT', topic: '*' },
        { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' },
        { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
      ],
    });
    expect(JSON.stringify(api.callsTo('/v1.0/gateway/connections/open')[0]!.query)).not.toContain('stream-secret');
    expect(gateway.connectedTickets).toEqual(['ticket-1']);
  });

  it('acks a CALLBACK explicitly, with the same messageId, after the handler ran', async () => {
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'm-cb-1', { msgId: 'x', text: { content: 'help' } }));
    const ack = await gateway.ack('m-cb-1');
    expect(ack).toEqual({
      code: 200,
      headers: { contentType: 'application/json', messageId: 'm-cb-1' },
      message: 'OK',
      data: JSON.stringify({ response: { received: true } }),
    });
    expect(seen.find((s) => s.kind === 'callback')?.topic).toBe(TOPIC_ROBOT);
  });

  it('acks an EVENT SUCCESS once stored, LATER when the handler says so or fails', async () => {
    gateway.push(
      streamFrame('EVENT', '*', 'm-ev-1', { userId: ['u1'] }, { eventType: 'user_leave_org', eventId: 'e1' }),
    );
    expect(JSON.parse((await gateway.ack('m-ev-1')).data)).toEqual({ status: 'SUCCESS', message: 'success' });
    eventAnswer = 'LATER';
    gateway.push(streamFrame('EVENT', '*', 'm-ev-2', {}, { eventType: 'x' }));
    expect(JSON.parse((await gateway.ack('m-ev-2')).data).status).toBe('LATER');
    eventAnswer = 'throw';
    gateway.push(streamFrame('EVENT', '*', 'm-ev-3', {}, { eventType: 'x' }));
    expect(JSON.parse((await gateway.ack('m-ev-3')).data).status).toBe('LATER');
    eventAnswer = 'SUCCESS';
  });

  it('echoes a SYSTEM ping and survives a frame that is not JSON', async () => {
    gateway.push('not json at all');
    gateway.push({
      type: 'SYSTEM',
      headers: { topic: 'ping', messageId: 'm-ping', contentType: 'application/json' },
      data: '{"opaque":"123-dsfs"}',
    });
    expect((await gateway.ack('m-ping')).data).toBe('{"opaque":"123-dsfs"}');
  });

  it('reconnects with a new ticket after a drop and after a SYSTEM disconnect, and keeps acking', async () => {
    gateway.drop();
    await gateway.waitForConnections(2);
    expect(gateway.connectedTickets[1]).toBe('ticket-2');
    gateway.push({
      type: 'SYSTEM',
      headers: { topic: 'disconnect', contentType: 'application/json' },
      data: '{"reason":"connection is expired"}',
    });
    await gateway.waitForConnections(3);
    expect(gateway.connectedTickets[2]).toBe('ticket-3');
    gateway.push(streamFrame('CALLBACK', TOPIC_ROBOT, 'm-cb-after', { msgId: 'y' }));
    expect((await gateway.ack('m-cb-after')).code).toBe(200);
  });

  it('retries when the gateway refuses to open a connection', async () => {
    gateway.refuse = 2;
    const opensBefore = gateway.opens.length;
    gateway.drop();
    await gateway.waitForConnections(4);
    expect(gateway.opens.length).toBe(opensBefore + 3);
    // The gateway sees the socket open a moment before the client handles its 'open' event (slow on a loaded machine).
    await vi.waitFor(() => expect(connection.connected).toBe(true), { timeout: 20_000 });
  });

  it('never logs the client secret or a ticket', () => {
    expect(logged.some((line) => line.includes('reconnecting'))).toBe(true);
    for (const line of logged) {
      expect(line).not.toContain('stream-secret');
      expect(line).not.toContain('ticket-');
    }
  });
});
