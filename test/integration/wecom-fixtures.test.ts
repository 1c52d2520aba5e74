// Replays the real WeCom payloads collected in shared/fixtures/wecom (outside the repository; see its SOURCES.md)
// through the adapter's XML parser, crypto, callback route and error mapping. Skips when that folder is not there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { wecomError } from '../../adapters/wecom/api.js';
import { checkMsgSignature, decryptMessage, encryptMessage } from '../../adapters/wecom/crypto.js';
import { contactOutcome, deliveryKeyOf, parseCallback, parseEnvelope } from '../../adapters/wecom/parse.js';
import { createWeComRuntime } from '../../adapters/wecom/runtime.js';
import { parseXml, text } from '../../adapters/wecom/xml.js';
import type { InboundSink } from '../../src/core/inbound-port.js';
import { isPlatformSendError } from '../../src/core/platform.js';
import { staticWeComInstallations } from '../helpers/fake-wecom.js';

const root = join(import.meta.dirname, '..', '..');
const folder = [
  join(root, '..', 'shared', 'fixtures', 'wecom'),
  join(root, '..', '..', 'shared', 'fixtures', 'wecom'),
].find((path) => existsSync(path));
type Fixture = Record<string, unknown> & { raw?: string };
const load = (name: string): Fixture => JSON.parse(readFileSync(join(folder!, name), 'utf8')) as Fixture;
const xmlFixtures = () =>
  readdirSync(folder!).filter(
    (f) => (f.startsWith('msg_') || f.startsWith('event_')) && load(f).content_type === 'text/xml',
  );

describe.skipIf(!folder)('WeCom fixtures (shared/fixtures/wecom)', () => {
  it('parses every decrypted message and event; MsgId stays the exact string', () => {
    const files = xmlFixtures();
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const raw = load(file).raw!;
      const callback = parseCallback(raw);
      expect(callback, file).toBeDefined();
      expect(deliveryKeyOf(callback!).length, file).toBeGreaterThan(4);
      const msgId = text(parseXml(raw), 'MsgId');
      if (msgId) expect(deliveryKeyOf(callback!), file).toBe(`msg:${msgId}`);
    }
    expect(parseCallback(load('msg_text_string_msgid.wxjava.json').raw!)).toMatchObject({
      kind: 'text',
      msgId: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==',
    });
    expect(parseCallback(load('msg_text_captured.go-workwx.json').raw!)).toMatchObject({
      kind: 'text',
      msgId: '2018405441',
      content: 'x123',
    });
    expect(parseCallback(load('event_template_card_event.docs.json').raw!)).toMatchObject({
      kind: 'card_click',
      taskId: 'taskid111',
    });
    expect(parseCallback(load('event_sys_approval_change.docs.json').raw!)).toMatchObject({
      kind: 'approval',
      spNo: '202506110001',
      applicant: 'WuJunJie',
      spStatus: 1,
    });
    const deleted = parseCallback(load('event_change_contact_delete_user.docs.json').raw!);
    if (deleted?.kind !== 'contact') throw new Error('not a contact event');
    expect(contactOutcome(deleted).signals.map((s) => s.type)).toEqual(['departure']);
    const created = parseCallback(load('event_change_contact_create_user.docs.json').raw!);
    if (created?.kind !== 'contact') throw new Error('not a contact event');
    expect(contactOutcome(created)).toEqual({ signals: [], directoryChanged: true });
  });

  it('verifies and decrypts the published encrypted envelopes (GET echostr, POST, passive reply)', () => {
    const get = load('callback_url_verification_get.wechatpy.json') as Fixture & {
      query: Record<string, string>;
      token: string;
      encoding_aes_key: string;
      corp_id: string;
    };
    expect(
      checkMsgSignature(
        get.token,
        { signature: get.query.msg_signature!, timestamp: get.query.timestamp!, nonce: get.query.nonce! },
        get.query.echostr!,
      ),
    ).toBe(true);
    expect(decryptMessage(get.encoding_aes_key, get.query.echostr!, get.corp_id).message).toBe(
      get.echostr_decrypted_computed,
    );
    const post = load('callback_encrypted_post_text.wechatpy.json') as Fixture & {
      query: Record<string, string>;
      token: string;
      encoding_aes_key: string;
      corp_id: string;
    };
    const envelope = parseEnvelope(post.raw!)!;
    expect(
      checkMsgSignature(
        post.token,
        { signature: post.query.msg_signature!, timestamp: post.query.timestamp!, nonce: post.query.nonce! },
        envelope.encrypt,
      ),
    ).toBe(true);
    expect(decryptMessage(post.encoding_aes_key, envelope.encrypt, post.corp_id).message).toBe(post.decrypted_computed);
    const reply = load('passive_reply_encrypted_text.wechatpy.json') as Fixture & {
      token: string;
      encoding_aes_key: string;
      corp_id: string;
      random: string;
      plaintext_reply: string;
    };
    const encrypt = text(parseXml(reply.raw!), 'Encrypt')!;
    expect(decryptMessage(reply.encoding_aes_key, encrypt, reply.corp_id).message).toBe(reply.plaintext_reply);
    expect(
      encryptMessage(reply.encoding_aes_key, reply.plaintext_reply, reply.corp_id, Buffer.from(reply.random, 'ascii')),
    ).toBe(encrypt);
  });

  it('replays the published GET and POST through the callback route', async () => {
    const get = load('callback_url_verification_get.wechatpy.json') as Fixture & {
      query: Record<string, string>;
      token: string;
      encoding_aes_key: string;
      corp_id: string;
    };
    const installations = staticWeComInstallations([
      { tenantId: 't1', corpId: get.corp_id, agentId: 1, secret: 's', token: get.token, aesKey: get.encoding_aes_key },
    ]);
    const interactions: unknown[] = [];
    const sink: InboundSink = {
      accept: async () => ({ duplicate: false }),
      interact: async (input) => (interactions.push(input), { handled: false }),
      knownUsers: async (_t, _p, ids) => new Set(ids),
      linkIdentity: async () => undefined,
    };
    const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const runtime = createWeComRuntime(
      { apiUrl: 'http://127.0.0.1:1' },
      { installations, sink, logger, now: () => new Date() },
    );
    const app = Fastify();
    await app.register(runtime.routes!);
    const res = await app.inject({
      method: 'GET',
      url: `/wecom/callback?${new URLSearchParams(get.query).toString()}`,
    });
    expect([res.statusCode, res.body]).toEqual([200, get.echostr_decrypted_computed]);
    const post = load('callback_encrypted_post_text.wechatpy.json') as Fixture & { query: Record<string, string> };
    const answer = await app.inject({
      method: 'POST',
      url: `/wecom/callback?${new URLSearchParams(post.query).toString()}`,
      headers: { 'content-type': 'text/xml' },
      payload: post.raw!,
    });
    expect(answer.statusCode).toBe(200);
    expect(interactions).toEqual([
      expect.objectContaining({ platformUserId: 'messense', deliveryKey: 'msg:4363689963896700987' }),
    ]);
    await runtime.inbound.idle();
    await app.close();
  });

  it('maps the published error bodies to coded errors', () => {
    const expected: Record<string, string> = {
      'api_error_60020_ip_not_allowed.wechatpush-issue.json': 'unauthorized',
      'api_error_81013_all_invalid.moviepilot-pr.json': 'invalid_recipient',
      'webhook_error_45009_freq_limit.lazysdk.json': 'rate_limited',
    };
    for (const [file, code] of Object.entries(expected)) {
      const fixture = load(file);
      const error = wecomError(fixture.body ?? fixture, 'qyapi.weixin.qq.com');
      expect(isPlatformSendError(error) && error.code, file).toBe(code);
    }
    // Token errors are not coded: the caller refreshes the token and repeats the call.
    for (const file of [
      'api_error_40014_invalid_access_token.wxjava-issue.json',
      'api_error_42001_access_token_expired.docs.json',
    ]) {
      const fixture = load(file);
      const error = wecomError(fixture.body ?? fixture, 'qyapi.weixin.qq.com');
      expect(error, file).toBeInstanceOf(Error);
      expect(isPlatformSendError(error), file).toBe(false);
    }
    expect(wecomError(load('api_gettoken_ok.docs.json'), 'h')).toBeUndefined();
    expect(wecomError(load('api_message_send_response.docs.json'), 'h')).toBeUndefined();
  });
});
