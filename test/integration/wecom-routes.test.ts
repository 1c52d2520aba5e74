// The WeCom callback route with several installations: each callback goes to the tenant whose Token verifies and
// whose key opens it for its corp (two agents of one corp may share a Token); a '+' of echostr that arrives
// unencoded still verifies; rejections are logged with a reason only — never a Token, key or plaintext.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { encryptMessage, msgSignature } from '../../adapters/wecom/crypto.js';
import { createWeComRuntime } from '../../adapters/wecom/runtime.js';
import type { InboundSink, InteractionInput } from '../../src/core/inbound-port.js';
import { staticWeComInstallations } from '../helpers/fake-wecom.js';

const A = {
  tenantId: 'tA',
  corpId: 'wwcorpA',
  agentId: 1,
  secret: 'secret-A',
  token: 'tokenShared',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const B = {
  tenantId: 'tB',
  corpId: 'wwcorpB',
  agentId: 2,
  secret: 'secret-B',
  token: 'tokenShared',
  aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
};
const C = {
  tenantId: 'tC',
  corpId: 'wwcorpC',
  agentId: 3,
  secret: 'secret-C',
  token: 'tokenC',
  aesKey: 'C'.repeat(43),
};

async function setup() {
  const interactions: InteractionInput[] = [];
  const logs: unknown[] = [];
  const sink: InboundSink = {
    accept: async () => ({ duplicate: false }),
    interact: async (input) => (interactions.push(input), { handled: false }),
    knownUsers: async (_t, _p, ids) => new Set(ids),
    linkIdentity: async () => undefined,
  };
  const record = (obj: object, msg?: string) => void logs.push({ obj, msg });
  const logger = { debug: record, info: record, warn: record, error: record };
  const runtime = createWeComRuntime(
    { apiUrl: 'http://127.0.0.1:1' },
    { installations: staticWeComInstallations([A, B, C]), sink, logger, now: () => new Date() },
  );
  const app = Fastify();
  await app.register(runtime.routes!);
  return { app, interactions, logs, runtime };
}

const callback = (to: typeof A, inner: string) => {
  const encrypt = encryptMessage(to.aesKey, inner, to.corpId);
  const [timestamp, nonce] = ['1764043200', '42'];
  const q = new URLSearchParams({ msg_signature: msgSignature(to.token, timestamp, nonce, encrypt), timestamp, nonce });
  return {
    url: `/wecom/callback?${q.toString()}`,
    payload: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    headers: { 'content-type': 'text/xml' },
  };
};
const text = (from: string, msgId: string) =>
  `<xml><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1764043200</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[help]]></Content><MsgId>${msgId}</MsgId></xml>`;

describe('WeCom callback routing', () => {
  it('routes each callback to the installation that opens it, even with a shared Token', async () => {
    const { app, interactions, runtime } = await setup();
    expect((await app.inject({ method: 'POST', ...callback(A, text('alice', '1')) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', ...callback(B, text('bob', '2')) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', ...callback(C, text('carol', '3')) })).statusCode).toBe(200);
    expect(interactions.map((i) => [i.tenantId, i.platformUserId])).toEqual([
      ['tA', 'alice'],
      ['tB', 'bob'],
      ['tC', 'carol'],
    ]);
    await runtime.inbound.idle();
    await app.close();
  });

  it('accepts an echostr whose "+" arrived unencoded (read as a space)', async () => {
    const { app } = await setup();
    let plain = 0;
    let echostr = '';
    // Find a plaintext whose ciphertext contains '+'.
    do echostr = encryptMessage(C.aesKey, String(++plain), C.corpId);
    while (!echostr.includes('+'));
    const [timestamp, nonce] = ['1764043200', '7'];
    const signature = msgSignature(C.token, timestamp, nonce, echostr);
    const raw = `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${echostr.replace(/=/g, '%3D')}`;
    const res = await app.inject({ method: 'GET', url: raw });
    expect([res.statusCode, res.body]).toEqual([200, String(plain)]);
    await app.close();
  });

  it('logs a rejection with its reason only, never a secret or the plaintext', async () => {
    const { app, logs } = await setup();
    // Signed with A's (shared) Token but encrypted with C's key for A's corp: the signature passes, decryption fails.
    const forged = callback({ ...A, aesKey: C.aesKey }, text('mallory', '9'));
    expect((await app.inject({ method: 'POST', ...forged })).statusCode).toBe(401);
    const logged = JSON.stringify(logs);
    expect(logged).toContain('WeCom callback rejected');
    for (const secret of [A.token, A.aesKey, B.aesKey, C.aesKey, A.secret, 'mallory'])
      expect(logged).not.toContain(secret);
    await app.close();
  });
});
