// DingTalk event-subscription crypto (HTTP mode), the scheme of open-dingtalk/DingTalk-Callback-Crypto:
// signature = sha1hex(sort([token, timestamp, nonce, encrypt]).join('')); AES-256-CBC with key =
// base64(aes_key + '='), IV = key[0..16), PKCS#7 padding to 32-byte blocks; plaintext = random(16) ‖ len(4, BE) ‖
// message ‖ ownerKey (the AppKey for an internal app's subscription, the corp id for the legacy registration).
// Written on node:crypto rather than @wecom/crypto because that library skips checks we need: it neither compares
// the owner key nor rejects a pad byte outside 1..32, and trusts the length prefix. Every check failure is a
// CallbackCryptoError (never a crash): the route answers 401/400 and stores nothing.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export class CallbackCryptoError extends Error {
  constructor(
    readonly reason: 'bad_key' | 'bad_signature' | 'bad_ciphertext' | 'bad_padding' | 'bad_length' | 'wrong_owner',
    message: string,
  ) {
    super(message);
    this.name = 'CallbackCryptoError';
  }
}

const BLOCK = 32;

/** The 32-byte AES key from the 43-character aes_key of the developer console. */
export function aesKeyBytes(aesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey)) throw new CallbackCryptoError('bad_key', 'aes_key must be 43 base64 chars');
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new CallbackCryptoError('bad_key', 'aes_key does not decode to 32 bytes');
  return key;
}

export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  // Array#sort compares UTF-16 code units, like the official Java (Arrays.sort) and Python (sorted) samples.
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join(''), 'utf8').digest('hex');
}

/** Constant-time comparison of the request's signature with ours. */
export function checkCallbackSignature(
  token: string,
  query: { signature: string; timestamp: string; nonce: string },
  encrypt: string,
): boolean {
  const expected = Buffer.from(callbackSignature(token, query.timestamp, query.nonce, encrypt), 'utf8');
  const given = Buffer.from(query.signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function encryptCallback(
  aesKey: string,
  message: string,
  ownerKey: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new CallbackCryptoError('bad_length', 'random must be 16 bytes');
  const key = aesKeyBytes(aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(ownerKey, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface DecryptedCallback {
  message: string;
  ownerKey: string;
}

/**
 * Decrypts and checks an `encrypt` value: block-aligned ciphertext, a pad byte in 1..32 with every pad byte equal,
 * a length prefix that fits the plaintext (in BYTES, so multi-byte UTF-8 is counted right), valid UTF-8, and — when
 * `ownerKeys` is given — an owner key that is one of them.
 */
export function decryptCallback(aesKey: string, encrypt: string, ownerKeys?: readonly string[]): DecryptedCallback {
  const key = aesKeyBytes(aesKey);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) throw new CallbackCryptoError('bad_ciphertext', 'encrypt is not base64');
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new CallbackCryptoError('bad_ciphertext', 'ciphertext is not a whole number of AES blocks');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new CallbackCryptoError('bad_ciphertext', 'cannot decrypt');
  }
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new CallbackCryptoError('bad_padding', 'pad out of range');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new CallbackCryptoError('bad_padding', 'inconsistent padding');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new CallbackCryptoError('bad_length', 'plaintext too short');
  const length = content.readUInt32BE(16);
  if (length > content.length - 20) throw new CallbackCryptoError('bad_length', 'length prefix exceeds plaintext');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let message: string;
  let ownerKey: string;
  try {
    message = decoder.decode(content.subarray(20, 20 + length));
    ownerKey = decoder.decode(content.subarray(20 + length));
  } catch {
    throw new CallbackCryptoError('bad_ciphertext', 'plaintext is not UTF-8');
  }
  if (ownerKeys && !ownerKeys.includes(ownerKey)) {
    throw new CallbackCryptoError('wrong_owner', 'the payload belongs to another app or corp');
  }
  return { message, ownerKey };
}

/** The answer to an event push: the encrypted "success", signed (the Java library insists on a 16-char nonce). */
export function encryptedSuccess(
  token: string,
  aesKey: string,
  ownerKey: string,
  now: Date,
  random: () => Buffer = () => randomBytes(16) as Buffer,
): { msg_signature: string; timeStamp: string; nonce: string; encrypt: string } {
  const timeStamp = String(now.getTime());
  const nonce = random()
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 16);
  const encrypt = encryptCallback(aesKey, 'success', ownerKey, random());
  return { msg_signature: callbackSignature(token, timeStamp, nonce, encrypt), timeStamp, nonce, encrypt };
}
