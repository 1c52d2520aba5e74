// Socket Mode against a local WebSocket server (SLACK_APP_TOKEN set): the worker opens the connection through
// apps.connections.open with the app-level token, an events_api envelope is stored (metadata only) before it is
// acknowledged and a redelivery is counted once, and a slash command is acknowledged with the ephemeral reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackSocket, type FakeSlackSocket } from '../helpers/fake-slack-socket.js';
import { startSlackEnv, envelope, slackTs, SLACK_USERS, TEAM_ID, type SlackEnv } from '../helpers/slack-env.js';

const APP_TOKEN = 'xapp-1-A0TEAMPULSE-0000-test';

let env: SlackEnv;
let socket: FakeSlackSocket;
beforeAll(async () => {
  socket = await startFakeSlackSocket();
  env = await startSlackEnv({
    slug: 'slack-socket',
    settings: { appToken: APP_TOKEN },
    runtime: { socketAutoReconnect: false },
  });
  env.fake.socketUrl = socket.url;
  await env.runtime.socket!.start();
  await socket.connected();
});
afterAll(async () => {
  await env.close();
  await socket.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app-level token', () => {
    expect(env.fake.callsOf('apps.connections.open').at(-1)!.token).toBe(APP_TOKEN);
  });

  it('stores an event before acknowledging it; a redelivery is counted, not stored again', async () => {
    const at = env.clock.now();
    const event = {
      type: 'message',
      user: SLACK_USERS.rep.id,
      text: 'socket secret words TANGERINE-42',
      ts: slackTs(at, 9),
      channel: 'C0GENERAL',
      channel_type: 'channel',
      event_ts: slackTs(at, 9),
    };
    const payload = JSON.parse(envelope(event, 'Ev0SOCKET001', at)) as Record<string, unknown>;
    const ack = await socket.push('events_api', payload, { envelopeId: 'env-event-1' });
    expect(ack).toMatchObject({ envelope_id: 'env-event-1' });
    const again = await socket.push('events_api', payload, { envelopeId: 'env-event-1b', retryAttempt: 1 });
    expect(again).toMatchObject({ envelope_id: 'env-event-1b' });
    const delivery = await env.db
      .selectFrom('inbound_deliveries')
      .select(['redeliveries', 'events'])
      .where('delivery_key', '=', 'event:Ev0SOCKET001')
      .executeTakeFirstOrThrow();
    expect(delivery.redeliveries).toBe(1);
    expect(JSON.stringify(delivery.events)).not.toContain('TANGERINE');
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 1, failed: 0 });
    const stored = await env.db
      .selectFrom('signal_events')
      .select('employee_id')
      .where('kind', '=', 'message')
      .execute();
    expect(stored).toEqual([{ employee_id: env.org.people.rep1 }]);
  });

  it('acknowledges a slash command with the ephemeral reply', async () => {
    const ack = await socket.push('slash_commands', {
      token: 'legacy',
      team_id: TEAM_ID,
      team_domain: 'acme',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: SLACK_USERS.manager.id,
      user_name: 'wang',
      command: '/teampulse',
      text: 'help',
      api_app_id: 'A0TEAMPULSE',
      response_url: `${env.fake.url}/respond/socket-help`,
      trigger_id: '5555.6666.socket',
    });
    expect(ack?.envelope_id).toBeDefined();
    expect(ack?.payload).toMatchObject({ response_type: 'ephemeral' });
    expect((ack?.payload as { blocks: unknown[] }).blocks.length).toBeGreaterThan(0);
  });
});
