// The WeCom client against a fake WeCom: the access token is cached per secret and refreshed once on 42001/40014;
// 45009 is a retry-later error and the next send succeeds; a refused card goes out as markdown; a resent card
// (same idempotency key ⇒ same task_id, refused with 42014) counts as sent; touser is batched by 1,000; invalid
// users are coded; the clicked button is updated with the ResponseCode; tokens and secrets never appear in errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeComApi } from '../../adapters/wecom/api.js';
import { appOf, contacts } from '../../adapters/wecom/app.js';
import { WeComClient } from '../../adapters/wecom/client.js';
import { renderWeCom } from '../../adapters/wecom/render.js';
import { isPlatformSendError } from '../../src/core/platform.js';
import { CONTRACT_MESSAGES } from '../contract/platform-adapter.contract.js';
import { startFakeWeCom, staticWeComInstallations, type FakeWeCom } from '../helpers/fake-wecom.js';

const SECRET = 'app-secret-never-logged';
const installations = staticWeComInstallations([
  {
    tenantId: 't1',
    corpId: 'wwcorp1',
    agentId: 1000002,
    secret: SECRET,
    token: 't',
    aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  },
]);
const to = { platform: 'wecom' as const, conversationId: 'zhangsan', userId: 'zhangsan' };
const SEND = '/cgi-bin/message/send';

let fake: FakeWeCom;
let client: WeComClient;
beforeAll(async () => {
  fake = await startFakeWeCom();
});
afterAll(async () => fake.close());
beforeEach(() => {
  client = new WeComClient(new WeComApi({ apiUrl: fake.url, timeoutMs: 5_000 }), installations);
  fake.calls.length = 0;
  fake.script.clear();
});

const alertCard = () => renderWeCom(CONTRACT_MESSAGES.alert!);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('WeCom client', () => {
  it('sends a template card with agentid, touser and a task_id, and reuses the cached token', async () => {
    const before = fake.tokensIssued;
    const first = await client.send(to, alertCard(), 'key-a', { tenantId: 't1' });
    await client.send(to, alertCard(), 'key-b', { tenantId: 't1' });
    expect(first.platformMessageId).toMatch(/^msg-/);
    expect(fake.tokensIssued - before).toBe(1);
    const body = fake.callsTo(SEND)[0]!.body as Record<string, unknown> & { template_card: Record<string, unknown> };
    expect(body).toMatchObject({ touser: 'zhangsan', agentid: 1000002, msgtype: 'template_card' });
    expect(body.template_card.task_id).toMatch(/^tp_[0-9a-f]{40}$/);
    expect(fake.callsTo('/cgi-bin/gettoken')[0]!.query).toEqual({ corpid: 'wwcorp1', corpsecret: SECRET });
  });

  it('refreshes the token once on 42001 (expired) and repeats the call', async () => {
    await client.send(to, alertCard(), 'warm', { tenantId: 't1' });
    const before = fake.tokensIssued;
    fake.revokeTokens();
    fake.script.set(SEND, [{ body: { errcode: 42001, errmsg: 'access_token expired' } }]);
    const result = await client.send(to, alertCard(), 'after-expiry', { tenantId: 't1' });
    expect(result.platformMessageId).toMatch(/^msg-/);
    expect(fake.tokensIssued - before).toBe(1);
    expect(fake.callsTo(SEND)).toHaveLength(3);
  });

  it('45009 is a retry-later error; the next attempt goes through', async () => {
    fake.script.set(SEND, [{ body: { errcode: 45009, errmsg: 'api freq out of limit' } }]);
    const error = await failure(client.send(to, alertCard(), 'limited', { tenantId: 't1' }));
    expect(isPlatformSendError(error) && [error.code, error.retryable, error.retryAfterMs]).toEqual([
      'rate_limited',
      true,
      60_000,
    ]);
    expect((await client.send(to, alertCard(), 'limited', { tenantId: 't1' })).platformMessageId).toMatch(/^msg-/);
  });

  it('-1 is retryable; 81013 and 60020 are permanent (60020 names the trusted IPs)', async () => {
    fake.script.set(SEND, [{ body: { errcode: -1, errmsg: 'system busy' } }]);
    const busy = await failure(client.send(to, alertCard(), 'busy', { tenantId: 't1' }));
    expect(isPlatformSendError(busy) && [busy.code, busy.retryable]).toEqual(['server_error', true]);
    fake.script.set(SEND, [{ body: { errcode: 81013, errmsg: 'user & party & tag all invalid' } }]);
    const nobody = await failure(client.send(to, alertCard(), 'nobody', { tenantId: 't1' }));
    expect(isPlatformSendError(nobody) && [nobody.code, nobody.retryable]).toEqual(['invalid_recipient', false]);
    fake.script.set(SEND, [{ body: { errcode: 60020, errmsg: 'not allow to access from your ip' } }]);
    const ip = await failure(client.send(to, alertCard(), 'ip', { tenantId: 't1' }));
    expect(isPlatformSendError(ip) && [ip.code, ip.retryable]).toEqual(['unauthorized', false]);
    expect((ip as Error).message).toMatch(/trusted IP|可信IP/);
  });

  it('a card WeCom refuses goes out as the markdown twin', async () => {
    fake.script.set(SEND, [{ body: { errcode: 40058, errmsg: 'template_card invalid' } }]);
    await client.send(to, alertCard(), 'refused', { tenantId: 't1' });
    const calls = fake.callsTo(SEND);
    expect((calls[1]!.body as { msgtype: string; markdown: { content: string } }).msgtype).toBe('markdown');
    expect((calls[1]!.body as { markdown: { content: string } }).markdown.content).toContain(
      'Wang Fang may need support',
    );
  });

  it('a resend with the same idempotency key (same task_id, 42014) counts as sent, not as a second card', async () => {
    await client.send(to, alertCard(), 'once', { tenantId: 't1' });
    const again = await client.send(to, alertCard(), 'once', { tenantId: 't1' });
    expect(again.platformMessageId).toMatch(/^task:tp_/);
    expect(fake.callsTo(SEND)).toHaveLength(2);
  });

  it('an invalid userid is coded invalid_recipient', async () => {
    fake.script.set(SEND, [{ body: { errcode: 0, errmsg: 'ok', invaliduser: 'zhangsan', msgid: 'm' } }]);
    const error = await failure(client.send(to, alertCard(), 'invalid', { tenantId: 't1' }));
    expect(isPlatformSendError(error) && error.code).toBe('invalid_recipient');
  });

  it('batches touser by 1,000 (one task_id per batch)', async () => {
    const app = appOf((await installations.forTenant('t1'))!)!;
    const users = Array.from({ length: 2500 }, (_, i) => `u${i}`);
    await client.sendToMany(app, users, alertCard(), 'digest-1');
    const sizes = fake.callsTo(SEND).map((c) => (c.body as { touser: string }).touser.split('|').length);
    expect(sizes).toEqual([1000, 1000, 500]);
    const tasks = fake
      .callsTo(SEND)
      .map((c) => (c.body as { template_card: { task_id: string } }).template_card.task_id);
    expect(new Set(tasks).size).toBe(3);
  });

  it('updates the clicked button with the ResponseCode', async () => {
    const app = appOf((await installations.forTenant('t1'))!)!;
    await client.updateButton(app, 'zhangsan', 'rc-1', '已记录');
    expect(fake.callsTo('/cgi-bin/message/update_template_card')[0]!.body).toEqual({
      userids: ['zhangsan'],
      agentid: 1000002,
      response_code: 'rc-1',
      button: { replace_name: '已记录' },
    });
  });

  it('keeps one token per secret and never puts a token or secret in an error', async () => {
    const api = new WeComApi({ apiUrl: fake.url });
    const app = appOf((await installations.forTenant('t1'))!)!;
    const before = fake.tokensIssued;
    await api.call({ corpId: 'wwcorp1', secret: SECRET }, 'GET', 'department/list');
    await api.call(contacts({ ...app, contactSecret: 'contact-secret' }), 'GET', 'department/list');
    expect(fake.tokensIssued - before).toBe(2);
    fake.script.set('/cgi-bin/gettoken', [{ body: { errcode: 40001, errmsg: 'invalid credential' } }]);
    const error = await failure(
      new WeComApi({ apiUrl: fake.url }).call({ corpId: 'wwcorp1', secret: SECRET }, 'GET', 'user/get'),
    );
    expect(isPlatformSendError(error) && error.code).toBe('unauthorized');
    expect(String((error as Error).message)).not.toContain(SECRET);
    fake.script.set(SEND, [{ body: { errcode: 40014, errmsg: 'x' } }, { body: { errcode: 40014, errmsg: 'x' } }]);
    const rejected = await failure(client.send(to, alertCard(), 'rejected', { tenantId: 't1' }));
    expect((rejected as Error).message).not.toMatch(/tok-\d/);
  });
});
