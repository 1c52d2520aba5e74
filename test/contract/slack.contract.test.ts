// The Slack adapter passes the shared adapter contract against a fake Slack Web API on 127.0.0.1: Block Kit
// rendering, DMs through conversations.open + chat.postMessage, and every failure Slack can answer coded for the
// outbox (429 + Retry-After, ok:false error codes, HTTP 5xx, a hang, an abandoned send, a refused connection).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSlackAdapter, neutralActionId, type SlackPayload } from '../../adapters/slack/index.js';
import type { ConversationRef } from '../../src/core/platform.js';
import { platformAdapterContract, CONTRACT_MESSAGES } from './platform-adapter.contract.js';
import { startFakeSlack, type FakeSlack, type FakeSlackAnswer } from '../helpers/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => slack.close());

const to: ConversationRef = { platform: 'slack', conversationId: 'U0CONTRACT', userId: 'U0CONTRACT' };
const adapter = (timeoutMs = 10_000, apiUrl?: string) =>
  createSlackAdapter({ apiUrl: apiUrl ?? slack.apiUrl, tokenFor: async () => 'xoxb-contract', timeoutMs });

const buttonsOf = (payload: SlackPayload) =>
  payload.blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.flatMap((e) =>
          e.type === 'button' ? [{ actionId: neutralActionId(e.action_id ?? ''), value: e.value ?? '' }] : [],
        )
      : [],
  );

platformAdapterContract<SlackPayload>('slack', {
  adapter: () => adapter(),
  buttonsOf,
  fallbackOf: (payload) => payload.text,
  to,
  failures: () => {
    const send =
      (method: string, answer: FakeSlackAnswer, a = adapter(), signal?: AbortSignal) =>
      () => {
        slack.script(method, answer);
        return a.client.send(
          { ...to, conversationId: `U${method.length}X` },
          a.render(CONTRACT_MESSAGES.alert!),
          'k',
          signal ? { signal } : {},
        );
      };
    const abort = new AbortController();
    return [
      {
        label: '429 + Retry-After',
        expectCode: 'rate_limited',
        expectRetryAfterMs: 7_000,
        send: send('chat.postMessage', {
          status: 429,
          headers: { 'retry-after': '7' },
          body: { ok: false, error: 'ratelimited' },
        }),
      },
      {
        label: 'ok:false ratelimited',
        expectCode: 'rate_limited',
        send: send('chat.postMessage', { body: { ok: false, error: 'ratelimited' } }),
      },
      {
        label: 'invalid_auth',
        expectCode: 'unauthorized',
        send: send('conversations.open', { body: { ok: false, error: 'invalid_auth' } }),
      },
      {
        label: 'channel_not_found',
        expectCode: 'invalid_recipient',
        send: send('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } }),
      },
      {
        label: 'users_not_found on open',
        expectCode: 'invalid_recipient',
        send: send('conversations.open', { body: { ok: false, error: 'user_not_found' } }),
      },
      {
        label: 'invalid_blocks',
        expectCode: 'bad_request',
        send: send('chat.postMessage', { body: { ok: false, error: 'invalid_blocks' } }),
      },
      { label: 'HTTP 503', expectCode: 'server_error', send: send('chat.postMessage', { status: 503 }) },
      {
        label: 'internal_error',
        expectCode: 'server_error',
        send: send('chat.postMessage', { body: { ok: false, error: 'internal_error' } }),
      },
      { label: 'hang', expectCode: 'timeout', send: send('chat.postMessage', 'hang', adapter(150)) },
      {
        label: 'abandoned by the outbox',
        expectCode: 'timeout',
        send: () => {
          setTimeout(() => abort.abort(), 100);
          return send('chat.postMessage', 'hang', adapter(), abort.signal)();
        },
      },
      {
        label: 'refused',
        expectCode: 'network',
        send: () => {
          const a = adapter(10_000, 'http://127.0.0.1:1/api/');
          return a.client.send(to, a.render(CONTRACT_MESSAGES.alert!), 'k');
        },
      },
    ];
  },
});

it('opens the DM once per user, then posts the Block Kit message with its fallback text and the bot token', async () => {
  slack.reset();
  const a = adapter();
  const payload = a.render(CONTRACT_MESSAGES.alert!);
  const first = await a.client.send({ platform: 'slack', conversationId: 'U0DM' }, payload, 'k1');
  await a.client.send({ platform: 'slack', conversationId: 'U0DM' }, payload, 'k2');
  // Filtered by recipient: a request the contract's hang scenario abandoned may still reach the server late.
  expect(slack.callsOf('conversations.open').filter((c) => c.args.users === 'U0DM')).toHaveLength(1);
  const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0DM');
  expect(posts.map((c) => c.args.channel)).toEqual(['D0DM', 'D0DM']);
  expect(posts[0]!.token).toBe('xoxb-contract');
  expect(posts[0]!.args.text).toBe('Wang Fang may need support');
  expect(JSON.parse(posts[0]!.args.blocks!)).toEqual(payload.blocks);
  expect(first.platformMessageId).toMatch(/^D0DM:1700000000\.\d+$/);
});

it('posts straight into a stored DM channel, and refuses to send without a bot token', async () => {
  slack.reset();
  await adapter().client.send({ platform: 'slack', conversationId: 'D0STORED' }, { text: 'x', blocks: [] }, 'k');
  expect(slack.callsOf('conversations.open').filter((c) => c.args.users === 'D0STORED')).toHaveLength(0);
  expect(slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0STORED')).toHaveLength(1);
  const noToken = createSlackAdapter({ apiUrl: slack.apiUrl, tokenFor: async () => undefined });
  await expect(noToken.client.send(to, { text: 'x', blocks: [] }, 'k')).rejects.toMatchObject({
    code: 'unauthorized',
  });
});
