// What the callback-crypto unit tests share (the shared implementation and DingTalk's wrapper of it): DingTalk's
// independently computed vector, the fixed "random" prefix it was computed with, and the reason of a coded error.
import { expect } from 'vitest';
import { CallbackCryptoError } from '../../adapters/shared/callback-crypto.js';

// Computed with: python3 (random = bytes 0..15, struct.pack('>I', len), PKCS#7 to 32) | openssl enc -aes-256-cbc
// -nopad -K <key> -iv <key[:16]>, not with this code.
export const DINGTALK_VECTOR = {
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  ownerKey: 'dingtestappkey01',
  message: '{"EventType":"check_url","备注":"请假"}',
  encrypt:
    'IG+0eOkLdhYW9kHtuT3HYw9tWQYZ2w46dz5SMADwEAqxQ5bIfZYcLXVCP92HWw8HrAUAdYkjKE5qdShrOUAlDLGw7KPCdMC8KHMo8y/VbYtrshXQYQpchitIhm6+dfUQ',
};

/** The 16 "random" bytes the vector was encrypted with (0..15). */
export const RANDOM = Buffer.from([...Array(16).keys()]);

/** The reason of the CallbackCryptoError `fn` throws (undefined when it throws nothing; any other error fails). */
export function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CallbackCryptoError);
    return (error as CallbackCryptoError).reason;
  }
}
