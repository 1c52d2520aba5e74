// The DingTalk client against a fake DingTalk on 127.0.0.1: tokens from the new-style API cached until shortly
// before expiry and refreshed once when rejected; throttling answered rate_limited (wait 1 s) and then succeeding;
// the IP whitelist, unknown staff ids and flow control coded; cards sent with cardBizId = hash(idempotency key)
// and signed buttons, falling back to markdown when the card is refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DingTalkApi } from '../../adapters/dingtalk/api.js';
import { buttonKey } from '../../adapters/dingtalk/app.js';
import { verifyButtonToken } from '../../adapters/dingtalk/buttons.js';
import { cardBizIdOf, DingTalkClient } from '../../adapters/dingtalk/client.js';
import { renderDingTalk } from '../../adapters/dingtalk/render.js';
import { isPlatformSendError, type PlatformSendError } from '../../src/core/platform.js';
import { startFakeDingTalk, staticInstallations, type FakeDingTalk } from '../helpers/fake-dingtalk.js';
import { CONTRACT_MESSAGES } from '../contract/platform-adapter.contract.js';

let fake: FakeDingTalk;
let nowMs = Date.parse('2026-11-30T02:00:00Z');
const now = () => new Date(nowMs);
const APP = { tenantId: 't1', clientId: 'dingapp1', clientSecret: 'secret-1' };
const to = { platform: 'dingtalk' as const, conversationId: 'staff001', userId: 'staff001' };

beforeAll(async () => {
  fake = await startFakeDingTalk();
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.script.clear();
});

const makeClient = () => {
  const api = new DingTalkApi({ apiUrl: fake.url, oapiUrl: fake.url, now, timeoutMs: 10_000 });
  return { api, client: new DingTalkClient(api, staticInstallations([APP])) };
};
const markdown = renderDingTalk({ blocks: [{ type: 'text', text: '你好' }], fallbackText: '你好' });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => {
      expect(isPlatformSendError(e)).toBe(true);
      return e as PlatformSendError;
    },
  );

describe('DingTalk client', () => {
  it('fetches one token with the key and secret in the body (never the URL), caches it, refreshes it before expiry', async () => {
    const { api, client } = makeClient();
    await Promise.all([1, 2, 3].map((i) => client.send(to, markdown, `k${i}`, { tenantId: 't1' })));
    expect(api.tokens.fetches).toBe(1);
    const tokenCall = fake.callsTo('/v1.0/oauth2/accessToken')[0]!;
    expect(tokenCall.body).toEqual({ appKey: 'dingapp1', appSecret: 'secret-1' });
    for (const call of fake.calls) expect(JSON.stringify(call.query)).not.toContain('secret-1');
    const send = fake.callsTo('/v1.0/robot/oToMessages/batchSend')[0]!;
    expect(send.headers['x-acs-dingtalk-access-token']).toBe('tok-' + fake.tokensIssued);
    expect(send.body).toEqual({
      robotCode: 'dingapp1',
      userIds: ['staff001'],
      msgKey: 'sampleMarkdown',
      msgParam: JSON.stringify({ title: '你好', text: '你好' }),
    });
    // 7200 s lifetime, refreshed 5 minutes early.
    nowMs += 7200_000 - 6 * 60_000;
    await client.send(to, markdown, 'k4', { tenantId: 't1' });
    expect(api.tokens.fetches).toBe(1);
    nowMs += 2 * 60_000;
    await client.send(to, markdown, 'k5', { tenantId: 't1' });
    expect(api.tokens.fetches).toBe(2);
  });

  it('refreshes a rejected token once and succeeds; a token that keeps failing is unauthorized', async () => {
    const { api, client } = makeClient();
    await client.send(to, markdown, 'a', { tenantId: 't1' });
    fake.revokeTokens();
    await client.send(to, markdown, 'b', { tenantId: 't1' });
    expect(api.tokens.fetches).toBe(2);
    fake.script.set('/v1.0/robot/oToMessages/batchSend', [
      { status: 401, body: { code: 'InvalidAuthentication' } },
      { status: 401, body: { code: 'InvalidAuthentication' } },
    ]);
    const error = await failure(client.send(to, markdown, 'c', { tenantId: 't1' }));
    expect(error.code).toBe('unauthorized');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('tok-');
  });

  it('answers throttling as rate_limited after 1 s, then succeeds on the retry', async () => {
    const { client } = makeClient();
    fake.script.set('/v1.0/robot/oToMessages/batchSend', [
      { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '限流' } },
    ]);
    const error = await failure(client.send(to, markdown, 'q', { tenantId: 't1' }));
    expect([error.code, error.retryAfterMs, error.retryable]).toEqual(['rate_limited', 1000, true]);
    const ok = await client.send(to, markdown, 'q', { tenantId: 't1' });
    expect(ok.platformMessageId).toMatch(/^pqk-/);
  });

  it('codes the legacy errcodes: 90018 throttled, 60020 IP whitelist (permanent, with a hint), token errors refreshed', async () => {
    const { api } = makeClient();
    const app = { clientId: 'dingapp1', clientSecret: 'secret-1' };
    fake.script.set('/topapi/x', [{ status: 200, body: { errcode: 90018, errmsg: 'qps' } }]);
    expect((await failure(api.legacy(app, '/topapi/x', {}))).retryAfterMs).toBe(1000);
    fake.script.set('/topapi/x', [{ status: 200, body: { errcode: 60020, errmsg: '访问ip不在白名单之中' } }]);
    const ip = await failure(api.legacy(app, '/topapi/x', {}));
    expect([ip.code, ip.retryable]).toEqual(['unauthorized', false]);
    expect(ip.message).toMatch(/whitelist/);
    fake.script.set('/topapi/x', [{ status: 200, body: { errcode: 40014, errmsg: 'invalid token' } }]);
    const before = api.tokens.fetches;
    expect(await api.legacy(app, '/topapi/x', {})).toMatchObject({ errcode: 0 });
    expect(api.tokens.fetches).toBe(before + 1);
  });

  it('codes an unknown staff id and a flow-controlled one', async () => {
    const { client } = makeClient();
    fake.script.set('/v1.0/robot/oToMessages/batchSend', [
      { status: 200, body: { processQueryKey: 'p', invalidStaffIdList: ['staff001'] } },
      { status: 200, body: { processQueryKey: 'p', flowControlledStaffIdList: ['staff001'] } },
    ]);
    expect((await failure(client.send(to, markdown, 'i', { tenantId: 't1' }))).code).toBe('invalid_recipient');
    const flow = await failure(client.send(to, markdown, 'f', { tenantId: 't1' }));
    expect([flow.code, flow.retryable]).toEqual(['rate_limited', true]);
  });

  it('sends a card with cardBizId = hash of the key (same on a resend) and signed buttons; markdown when refused', async () => {
    const { client } = makeClient();
    const card = renderDingTalk(CONTRACT_MESSAGES.alert!);
    await client.send(to, card, 'alert:a1:m1', { tenantId: 't1' });
    await client.send(to, card, 'alert:a1:m1', { tenantId: 't1' });
    const [first, second] = fake
      .callsTo('/v1.0/im/v1.0/robot/interactiveCards/send')
      .map((c) => c.body as Record<string, string>);
    expect(first!.cardBizId).toBe(cardBizIdOf(APP, 'alert:a1:m1'));
    expect(second!.cardBizId).toBe(first!.cardBizId);
    expect(first!.cardTemplateId).toBe('StandardCard');
    expect(JSON.parse(first!.singleChatReceiver!)).toEqual({ userId: 'staff001' });
    const sent = JSON.parse(first!.cardData!) as {
      contents: Array<{ type: string; actions?: Array<{ id: string; actionType: string }> }>;
    };
    const ids = sent.contents.flatMap((c) =>
      (c.actions ?? []).filter((a) => a.actionType === 'request').map((a) => a.id),
    );
    expect(ids.map((id) => verifyButtonToken(id, buttonKey(APP))?.value)).toEqual([
      'a1:done',
      'a1:one_on_one',
      'a1:snooze',
      'a1:not_accurate',
    ]);

    fake.script.set('/v1.0/im/v1.0/robot/interactiveCards/send', [{ status: 400, body: { code: 'param.invalid' } }]);
    const fallback = await client.send(to, card, 'alert:a2:m1', { tenantId: 't1' });
    expect(fallback.platformMessageId).toMatch(/^pqk-/);
    const md = fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as { msgKey: string };
    expect(md.msgKey).toBe('sampleMarkdown');
  });

  it('refuses a tenant without an installation', async () => {
    const { client } = makeClient();
    expect((await failure(client.send(to, markdown, 'x', { tenantId: 'other' }))).code).toBe('unauthorized');
  });
});
