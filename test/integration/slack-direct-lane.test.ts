// The direct lane for Events API envelopes over HTTP (issue 12, adapters/slack/events.ts): an event_callback is
// stored without going through Bolt's App.processEvent while slash commands and button clicks still do; the app's
// own events are dropped as Bolt's ignoreSelf would; a failure to store answers 500; POST /slack/events carries no
// helmet headers while the rest of the service keeps them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  blockActionsBody,
  envelope,
  slackHeaders,
  slackTs,
  slashCommandBody,
  SLACK_USERS,
  startSlackEnv,
  TEAM_ID,
  type SlackEnv,
} from '../helpers/slack-env.js';

const BOT_USER = 'U0TPBOT';
const BOT_ID = 'B0TPBOT';

let env: SlackEnv;
beforeAll(async () => {
  env = await startSlackEnv({ slug: 'slack-lane', envSettings: { botUserId: BOT_USER, botId: BOT_ID } });
});
afterAll(async () => env.close());

const post = (body: string, headers: Record<string, string>) =>
  env.app.inject({ method: 'POST', url: '/slack/events', headers, payload: body });

const stored = async (eventId: string) =>
  (
    await env.db
      .selectFrom('inbound_deliveries')
      .select('delivery_key')
      .where('delivery_key', '=', `event:${eventId}`)
      .execute()
  ).length;

function message(at: Date, seq: number, fields: Record<string, unknown>) {
  return {
    type: 'message',
    text: 'hello',
    ts: slackTs(at, seq),
    team: TEAM_ID,
    channel: 'C0SALES',
    event_ts: slackTs(at, seq),
    channel_type: 'channel',
    ...fields,
  };
}

describe('Slack event_callback over HTTP: the direct lane', () => {
  it('stores an event without App.processEvent; a slash command and a button click still go through Bolt', async () => {
    const spy = vi.spyOn(env.runtime.bolt, 'processEvent');
    try {
      const at = env.clock.now();
      const body = envelope(message(at, 1, { user: SLACK_USERS.rep.id }), 'Ev0LANE0001', at);
      expect((await post(body, slackHeaders(body, at))).statusCode).toBe(200);
      expect(await stored('Ev0LANE0001')).toBe(1);
      expect(spy).not.toHaveBeenCalled();

      const command = slashCommandBody({
        userId: SLACK_USERS.manager.id,
        text: 'help',
        triggerId: '1111.2222.lane',
        responseUrl: `${env.fake.url}/respond/lane-help`,
      });
      const answered = await post(command, slackHeaders(command, at, 'application/x-www-form-urlencoded'));
      expect(answered.statusCode).toBe(200);
      expect((answered.json() as { response_type: string }).response_type).toBe('ephemeral');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0].body).toMatchObject({ command: '/teampulse' });

      const click = blockActionsBody({
        userId: SLACK_USERS.manager.id,
        button: { action_id: 'tp_unknown_action', value: 'x' },
        channel: 'D0MGR',
        trigger: '3333.4444.lane',
        responseUrl: `${env.fake.url}/respond/lane-click`,
        at,
        blockId: 'b',
        messageTs: '1700000000.000009',
      });
      expect((await post(click, slackHeaders(click, at, 'application/x-www-form-urlencoded'))).statusCode).toBe(200);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(spy.mock.calls[1]![0].body).toMatchObject({ type: 'block_actions' });
    } finally {
      spy.mockRestore();
    }
  });

  it("drops the app's own events as Bolt's ignoreSelf does (answered 200, nothing stored), keeps everyone else's", async () => {
    const at = env.clock.now();
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['Ev0SELF0001', message(at, 2, { user: BOT_USER }), 0],
      ['Ev0SELF0002', message(at, 3, { subtype: 'bot_message', bot_id: BOT_ID }), 0],
      [
        'Ev0SELF0003',
        {
          type: 'reaction_added',
          user: BOT_USER,
          reaction: 'eyes',
          item: { type: 'message' },
          event_ts: slackTs(at, 4),
        },
        0,
      ],
      // Bolt keeps the bot's own channel joins; another bot's messages are stored (as ignored signals).
      [
        'Ev0SELF0004',
        { type: 'member_joined_channel', user: BOT_USER, channel: 'C0SALES', event_ts: slackTs(at, 5) },
        1,
      ],
      ['Ev0SELF0005', message(at, 6, { subtype: 'bot_message', bot_id: 'B0OTHER' }), 1],
    ];
    for (const [eventId, event, expected] of cases) {
      const body = envelope(event, eventId, at);
      expect((await post(body, slackHeaders(body, at))).statusCode, eventId).toBe(200);
      expect(await stored(eventId), eventId).toBe(expected);
    }
  });

  it('answers 500 when the event could not be stored, so Slack retries', async () => {
    const at = env.clock.now();
    const accept = vi.spyOn(env.ports.sink, 'accept').mockRejectedValueOnce(new Error('database is gone'));
    try {
      const body = envelope(message(at, 7, { user: SLACK_USERS.rep.id }), 'Ev0FAIL0001', at);
      expect((await post(body, slackHeaders(body, at))).statusCode).toBe(500);
      expect(await stored('Ev0FAIL0001')).toBe(0);
      // Slack's retry is stored.
      expect((await post(body, { ...slackHeaders(body, at), 'x-slack-retry-num': '1' })).statusCode).toBe(200);
      expect(await stored('Ev0FAIL0001')).toBe(1);
    } finally {
      accept.mockRestore();
    }
  });

  it('sends no helmet headers on POST /slack/events; other routes keep them', async () => {
    const at = env.clock.now();
    const body = envelope(message(at, 8, { user: SLACK_USERS.rep.id }), 'Ev0HELMET01', at);
    const event = await post(body, slackHeaders(body, at));
    const refused = await post(body, { 'content-type': 'application/json' });
    expect([event.statusCode, refused.statusCode]).toEqual([200, 401]);
    for (const res of [event, refused]) {
      for (const name of [
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'strict-transport-security',
      ])
        expect(res.headers[name], name).toBeUndefined();
    }
    const health = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(String(health.headers['content-security-policy'])).toMatch(/default-src 'self'/);
  });
});
