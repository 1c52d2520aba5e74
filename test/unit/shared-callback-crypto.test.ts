// The callback crypto shared by WeCom and DingTalk (adapters/shared/callback-crypto.ts): both platforms' vectors
// decrypt through the one implementation, the owner id comes back unchecked (comparing it is the platform's
// business), and every malformed input is a coded CallbackCryptoError.
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aesKeyBytes,
  callbackSignature,
  checkCallbackSignature,
  decryptCallback,
  encryptCallback,
} from '../../adapters/shared/callback-crypto.js';
import { DINGTALK_VECTOR, RANDOM, reasonOf } from '../helpers/callback-crypto.js';

// WeCom's official vector A (doc 90968): GET echostr.
const WECOM = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
// DingTalk: computed independently with Python and the OpenSSL CLI (test/helpers/callback-crypto.ts).
const DINGTALK = DINGTALK_VECTOR;

describe('shared callback crypto', () => {
  it("opens WeCom's official vector and DingTalk's vector, returning the owner id unchecked", () => {
    expect(
      checkCallbackSignature(
        WECOM.token,
        { signature: WECOM.signature.toUpperCase(), timestamp: WECOM.timestamp, nonce: WECOM.nonce },
        WECOM.echostr,
      ),
    ).toBe(true);
    const wecom = decryptCallback(WECOM.aesKey, WECOM.echostr);
    expect(wecom.ownerId).toBe(WECOM.corpId);
    expect(wecom.message).toMatch(/^\d+$/);
    expect(decryptCallback(DINGTALK.aesKey, DINGTALK.encrypt)).toEqual({
      message: DINGTALK.message,
      ownerId: DINGTALK.ownerKey,
    });
    expect(encryptCallback(DINGTALK.aesKey, DINGTALK.message, DINGTALK.ownerKey, RANDOM)).toBe(DINGTALK.encrypt);
  });

  it('round-trips any UTF-8 message and owner id, padded to whole 32-byte blocks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 40 }), (message, owner) => {
        const encrypt = encryptCallback(DINGTALK.aesKey, message, owner, RANDOM);
        expect(Buffer.from(encrypt, 'base64').length % 32).toBe(0);
        expect(decryptCallback(DINGTALK.aesKey, encrypt)).toEqual({ message, ownerId: owner });
      }),
      { numRuns: 100 },
    );
  });

  it('signs over the sorted four values, so their order does not matter', () => {
    expect(callbackSignature('a', 'b', 'c', 'd')).toBe(callbackSignature('d', 'c', 'b', 'a'));
    expect(
      checkCallbackSignature(WECOM.token, { signature: 'deadbeef', timestamp: '1', nonce: '2' }, WECOM.echostr),
    ).toBe(false);
  });

  it('rejects a bad key, bad padding, a lying length, non-UTF-8 and non-base64 input with coded errors', () => {
    const key = aesKeyBytes(DINGTALK.aesKey);
    const raw = (plain: Buffer) => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    const frame = (length: number, rest: Buffer) => {
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(length, 0);
      const plain = Buffer.concat([RANDOM, prefix, rest]);
      const pad = 32 - (plain.length % 32);
      return Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    };
    expect(reasonOf(() => aesKeyBytes('short'))).toBe('bad_key');
    expect(reasonOf(() => decryptCallback(DINGTALK.aesKey, raw(Buffer.alloc(64, 0))))).toBe('bad_padding');
    expect(reasonOf(() => decryptCallback(DINGTALK.aesKey, raw(Buffer.alloc(64, 33))))).toBe('bad_padding');
    expect(reasonOf(() => decryptCallback(DINGTALK.aesKey, raw(frame(500, Buffer.from('hi')))))).toBe('bad_length');
    const notUtf8 = raw(frame(2, Buffer.from([0xff, 0xfe])));
    expect(reasonOf(() => decryptCallback(DINGTALK.aesKey, notUtf8))).toBe('bad_ciphertext');
    expect(reasonOf(() => decryptCallback(DINGTALK.aesKey, 'not base64!'))).toBe('bad_ciphertext');
    expect(reasonOf(() => encryptCallback(DINGTALK.aesKey, 'x', 'y', Buffer.alloc(3)))).toBe('bad_length');
  });
});
