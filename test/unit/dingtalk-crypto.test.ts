// DingTalk event-subscription crypto: a vector computed independently (Python + the OpenSSL CLI, not this code),
// round trips with random keys and messages, and every tampering rejected with a coded error — never a crash.
import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as wecom from '@wecom/crypto';
import {
  callbackSignature,
  checkCallbackSignature,
  decryptCallback,
  encryptCallback,
  encryptedSuccess,
} from '../../adapters/dingtalk/crypto.js';
import { DINGTALK_VECTOR, RANDOM, reasonOf } from '../helpers/callback-crypto.js';

// DINGTALK_VECTOR (computed with Python and the OpenSSL CLI) with a signature computed the same way.
const VECTOR = {
  ...DINGTALK_VECTOR,
  token: 'tptoken',
  timestamp: '1764460800000',
  nonce: 'nonce123',
  signature: '0e5219a4141f53ac66341d93320ae039120c4ddb',
};

// The official vector of shared/design/platforms.md §2.7: the check_url push in the __main__ of
// open-dingtalk/DingTalk-Callback-Crypto DingCallbackCrypto3.py (token, aes_key, corp id and the four values of
// getDecryptMsg, as published there).
const OFFICIAL = {
  token: 'mryue',
  aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  ownerKey: 'ding6ccabc44d2c8d38b',
  signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  timestamp: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt:
    '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
  message: '{"EventType":"check_url"}',
};

describe('DingTalk callback crypto', () => {
  it('matches the independently computed vector: signature, decryption (multi-byte UTF-8), encryption', () => {
    expect(callbackSignature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.signature);
    expect(
      checkCallbackSignature(
        VECTOR.token,
        { signature: VECTOR.signature, timestamp: VECTOR.timestamp, nonce: VECTOR.nonce },
        VECTOR.encrypt,
      ),
    ).toBe(true);
    expect(decryptCallback(VECTOR.aesKey, VECTOR.encrypt, [VECTOR.ownerKey])).toEqual({
      message: VECTOR.message,
      ownerKey: VECTOR.ownerKey,
    });
    expect(encryptCallback(VECTOR.aesKey, VECTOR.message, VECTOR.ownerKey, RANDOM)).toBe(VECTOR.encrypt);
  });

  it('verifies and opens the official check_url vector of DingTalk-Callback-Crypto (platforms.md §2.7)', () => {
    const { token, signature, timestamp, nonce, encrypt } = OFFICIAL;
    expect(callbackSignature(token, timestamp, nonce, encrypt)).toBe(signature);
    expect(checkCallbackSignature(token, { signature, timestamp, nonce }, encrypt)).toBe(true);
    expect(checkCallbackSignature('another token', { signature, timestamp, nonce }, encrypt)).toBe(false);
    expect(decryptCallback(OFFICIAL.aesKey, encrypt, [OFFICIAL.ownerKey])).toEqual({
      message: OFFICIAL.message,
      ownerKey: OFFICIAL.ownerKey,
    });
    expect(reasonOf(() => decryptCallback(OFFICIAL.aesKey, encrypt, ['dingotherapp']))).toBe('wrong_owner');
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, encrypt, [OFFICIAL.ownerKey]))).toBeDefined();
  });

  it('round-trips random messages and keys, and agrees with @wecom/crypto (the same scheme, another implementation)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (keyBytes, message) => {
          const aesKey = Buffer.from(keyBytes).toString('base64').slice(0, 43);
          const owner = 'dingowner';
          const random = randomBytes(16);
          const encrypted = encryptCallback(aesKey, message, owner, random);
          expect(decryptCallback(aesKey, encrypted, [owner])).toEqual({ message, ownerKey: owner });
          expect(wecom.encrypt(aesKey, message, owner, random)).toBe(encrypted);
          expect(wecom.decrypt(aesKey, encrypted).message).toBe(message);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects the wrong owner key (another app or corp), the wrong AES key, and a bad signature', () => {
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, VECTOR.encrypt, ['dingotherapp']))).toBe('wrong_owner');
    const otherKey = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg';
    // A wrong key garbles the plaintext: the padding or the length prefix gives it away.
    expect(['bad_padding', 'bad_length', 'bad_ciphertext']).toContain(
      reasonOf(() => decryptCallback(otherKey, VECTOR.encrypt, [VECTOR.ownerKey])),
    );
    expect(
      checkCallbackSignature(
        VECTOR.token,
        { signature: VECTOR.signature.replace(/^0/, '1'), timestamp: VECTOR.timestamp, nonce: VECTOR.nonce },
        VECTOR.encrypt,
      ),
    ).toBe(false);
    expect(
      checkCallbackSignature(
        'other',
        { signature: VECTOR.signature, timestamp: VECTOR.timestamp, nonce: VECTOR.nonce },
        VECTOR.encrypt,
      ),
    ).toBe(false);
    expect(reasonOf(() => decryptCallback('short', VECTOR.encrypt))).toBe('bad_key');
  });

  it('rejects bad padding, a lying length prefix, truncated and non-base64 input', () => {
    const key = Buffer.from(`${VECTOR.aesKey}=`, 'base64');
    const encryptRaw = (plain: Buffer) => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    const body = Buffer.concat([RANDOM, Buffer.from([0, 0, 0, 2]), Buffer.from('{}owner')]);
    const padTo = (buf: Buffer, last: number[]) =>
      Buffer.concat([buf, Buffer.alloc(32 - buf.length - last.length, 0), Buffer.from(last)]);
    // Pad byte 0 and 33 are out of 1..32; 3 with inconsistent pad bytes.
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, encryptRaw(padTo(body, [0]))))).toBe('bad_padding');
    expect(
      reasonOf(() =>
        decryptCallback(
          VECTOR.aesKey,
          encryptRaw(Buffer.concat([padTo(body, [1]), Buffer.alloc(31, 0), Buffer.from([33])])),
        ),
      ),
    ).toBe('bad_padding');
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, encryptRaw(padTo(body, [9, 3, 3]))))).toBe('bad_padding');
    // Length prefix larger than the plaintext.
    const lying = Buffer.concat([RANDOM, Buffer.from([0, 0, 1, 0]), Buffer.from('{}')]);
    const lyingPadded = Buffer.concat([lying, Buffer.alloc(32 - lying.length, 32 - lying.length)]);
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, encryptRaw(lyingPadded)))).toBe('bad_length');
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, VECTOR.encrypt.slice(0, 20)))).toBe('bad_ciphertext');
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, '%%%not base64%%%'))).toBe('bad_ciphertext');
    expect(reasonOf(() => decryptCallback(VECTOR.aesKey, ''))).toBe('bad_ciphertext');
  });

  it('answers with an encrypted, signed "success" that decrypts with our owner key', () => {
    const reply = encryptedSuccess(VECTOR, VECTOR.ownerKey, new Date(1_764_460_800_000));
    expect(reply.timeStamp).toBe('1764460800000');
    expect(reply.nonce).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(callbackSignature(VECTOR.token, reply.timeStamp, reply.nonce, reply.encrypt)).toBe(reply.msg_signature);
    expect(decryptCallback(VECTOR.aesKey, reply.encrypt, [VECTOR.ownerKey]).message).toBe('success');
  });
});
