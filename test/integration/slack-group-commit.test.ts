// POST /slack/events with the inbox's group commit, end to end through buildApp().inject() (PGlite, or PostgreSQL
// with TEST_DATABASE_URL): signed events that arrive together are stored by one INSERT and each is answered 200
// only after that commit; Slack's retries in the same burst or later are stored once and counted; when the
// database refuses a batch its requests get 500 (Slack retries them) and nothing of it is stored; a channel
// linked to a team counts as team channel from the next event on, though the lookups are cached.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { linkTeamChannel } from '../../src/app/platforms/index.js';
import type { AppInboundSink } from '../../src/app/inbound/sink.js';
import { manualTimer } from '../helpers/manual-timer.js';
import {
  envelope,
  slackHeaders,
  slackTs,
  SLACK_USERS,
  startSlackEnv,
  TEAM_ID,
  type SlackEnv,
} from '../helpers/slack-env.js';

/** Writes the batch only when the test fires it (the service's timer waits a few milliseconds). */
const { timer, fire: fireTimer } = manualTimer();

let env: SlackEnv;
let inbox: AppInboundSink['inbox'];
beforeAll(async () => {
  env = await startSlackEnv({ slug: 'slack-batch', groupCommit: { maxItems: 100, timer } });
  inbox = (env.ports.sink as AppInboundSink).inbox;
});
afterAll(async () => env.close());

const event = (seq: number, user: string = SLACK_USERS.rep.id, channel = 'C0BATCH') => {
  const at = env.clock.now();
  return envelope(
    {
      client_msg_id: `ba7c0000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      type: 'message',
      text: 'never stored',
      user,
      ts: slackTs(at, seq),
      team: TEAM_ID,
      channel,
      event_ts: slackTs(at, seq),
      channel_type: 'channel',
    },
    `Ev0BATCH${String(seq).padStart(6, '0')}`,
    at,
  );
};

const post = (body: string, retry?: number) =>
  env.app.inject({
    method: 'POST',
    url: '/slack/events',
    headers: {
      ...slackHeaders(body, env.clock.now()),
      ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    payload: body,
  });

/** Posts every body at once, waits until all wait for their batch, writes it, returns the status codes. */
async function burst(requests: { body: string; retry?: number }[]): Promise<number[]> {
  const batchesBefore = inbox.stats.batches;
  const answered: number[] = [];
  const calls = requests.map((r) =>
    post(r.body, r.retry).then((res) => {
      answered.push(res.statusCode);
      return res.statusCode;
    }),
  );
  await vi.waitFor(() => expect(inbox.pending).toBe(requests.length), { timeout: 10_000, interval: 5 });
  expect(answered).toEqual([]); // nobody is answered before the commit
  fireTimer();
  const codes = await Promise.all(calls);
  expect(inbox.stats.batches - batchesBefore).toBe(1);
  return codes;
}

const deliveries = (prefix = 'event:Ev0BATCH') =>
  env.db
    .selectFrom('inbound_deliveries')
    .select(['delivery_key', 'redeliveries', 'events'])
    .where('delivery_key', 'like', `${prefix}%`)
    .orderBy('delivery_key')
    .execute();

describe('Slack events with the inbox group commit', () => {
  it('stores a burst with one INSERT, answers each after the commit, counts retries once', async () => {
    // Link the users first (users.info through the fake), so the burst's requests only wait for their batch.
    expect(await burst([{ body: event(0) }])).toEqual([200]);
    const bodies = Array.from({ length: 20 }, (_, i) => event(i + 1));
    const requests = [
      ...bodies.map((body) => ({ body })),
      // Slack retried three of them while the first tries were still in flight; one of event 0 from earlier.
      { body: bodies[0]!, retry: 1 },
      { body: bodies[0]!, retry: 2 },
      { body: bodies[7]!, retry: 1 },
      { body: event(0), retry: 1 },
    ];
    expect(await burst(requests)).toEqual(requests.map(() => 200));
    const stored = await deliveries();
    expect(stored).toHaveLength(21);
    const redeliveries = Object.fromEntries(stored.map((d) => [d.delivery_key, d.redeliveries]));
    expect(redeliveries['event:Ev0BATCH000001']).toBe(2);
    expect(redeliveries['event:Ev0BATCH000008']).toBe(1);
    expect(redeliveries['event:Ev0BATCH000000']).toBe(1);
    expect(stored.reduce((sum, d) => sum + d.redeliveries, 0)).toBe(4);
    // Processed once each.
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 21, failed: 0 });
  });

  it('a batch the database refuses: its requests get 500 and nothing is stored; Slack retries are stored once', async () => {
    const bodies = [event(100), event(101), event(102)];
    await sql`alter table inbound_deliveries rename to inbound_deliveries_away`.execute(env.db);
    let codes: number[];
    try {
      codes = await burst(bodies.map((body) => ({ body })));
    } finally {
      await sql`alter table inbound_deliveries_away rename to inbound_deliveries`.execute(env.db);
    }
    expect(codes).toEqual([500, 500, 500]);
    expect(await deliveries('event:Ev0BATCH0001')).toEqual([]);

    expect(await burst(bodies.map((body) => ({ body, retry: 1 })))).toEqual([200, 200, 200]);
    expect(await burst([{ body: bodies[1]!, retry: 2 }])).toEqual([200]);
    expect((await deliveries('event:Ev0BATCH0001')).map((d) => d.redeliveries)).toEqual([0, 1, 0]);
  });

  it('a channel linked to a team counts as team channel from the next event on (cached lookups invalidated)', async () => {
    const kindOf = async (seq: number) => {
      const [row] = await deliveries(`event:Ev0BATCH${String(seq).padStart(6, '0')}`);
      return (row!.events as { conversation: string }[])[0]!.conversation;
    };
    expect(await burst([{ body: event(200, SLACK_USERS.rep.id, 'C0LINKED') }])).toEqual([200]);
    expect(await kindOf(200)).toBe('group');
    await linkTeamChannel(env.db, {
      tenantId: env.org.tenantId,
      platform: 'slack',
      channelId: 'C0LINKED',
      team: 'sales-east',
      actor: 'test',
    });
    expect(await burst([{ body: event(201, SLACK_USERS.rep.id, 'C0LINKED') }])).toEqual([200]);
    expect(await kindOf(201)).toBe('team');
  });
});
