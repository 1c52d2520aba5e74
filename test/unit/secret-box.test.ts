// Secrets at rest: sealed values open only with a configured key, tampering is detected, and rotation keeps old
// rows readable until they are re-sealed.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEncryptionKey, SecretBox, SecretBoxError } from '../../src/app/platforms/secret-box.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('SecretBox', () => {
  for (const algorithm of ['aes-256-gcm', 'sm4'] as const) {
    it(`seals and opens with ${algorithm}, never showing the plain text`, () => {
      const box = new SecretBox([keyA], algorithm);
      const plain = JSON.stringify({ botToken: 'xoxb-1234-secret', note: '企业微信 🔐' });
      const sealed = box.seal(plain);
      expect(sealed).not.toContain('xoxb');
      expect(sealed).not.toBe(box.seal(plain)); // fresh IV each time
      expect(box.open(sealed)).toBe(plain);
    });

    it(`detects a tampered ${algorithm} value`, () => {
      const box = new SecretBox([keyA], algorithm);
      const parts = box.seal('secret value').split('.');
      const body = Buffer.from(parts[4]!, 'base64url');
      body[0] = body[0]! ^ 1;
      parts[4] = body.toString('base64url');
      expect(() => box.open(parts.join('.'))).toThrow(SecretBoxError);
    });
  }

  it('refuses a value sealed with a key it does not hold, and opens it once the key is listed second', () => {
    const sealed = new SecretBox([keyA]).seal('old');
    expect(() => new SecretBox([keyB]).open(sealed)).toThrow(/not among the configured encryption keys/);
    const rotated = new SecretBox([keyB, keyA]);
    expect(rotated.open(sealed)).toBe('old');
    expect(rotated.needsReseal(sealed)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('new'))).toBe(false);
    expect(new SecretBox([keyB, keyA], 'sm4').needsReseal(rotated.seal('new'))).toBe(true);
  });

  it('parses keys as 64 hex characters or base64 of 32 bytes, and says what is wrong otherwise', () => {
    expect(parseEncryptionKey(keyA.toString('hex'))).toEqual(keyA);
    expect(parseEncryptionKey(keyA.toString('base64'))).toEqual(keyA);
    expect(() => parseEncryptionKey('too-short')).toThrow(/32 bytes/);
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
    expect(() => new SecretBox([keyA]).open('not.sealed')).toThrow(/not a sealed secret/);
  });
});
