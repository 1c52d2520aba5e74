// The callback crypto that WeCom (加解密方案说明, developer.work.weixin.qq.com/document/path/90968) and DingTalk
// (open-dingtalk/DingTalk-Callback-Crypto) share: signature = sha1hex(sort([token, timestamp, nonce, encrypt]).join(''));
// AES-256-CBC with key = base64(aesKey + '='), IV = key[0..16), PKCS#7 padding to 32-byte blocks;
// plaintext = random(16) ‖ length (uint32, big-endian, in BYTES) ‖ message ‖ owner id (WeCom's receiveid, our corp id;
// DingTalk's AppKey or corp id). Each platform keeps its wire details (names, which owner ids it accepts, the shape of
// its reply) in its own crypto.ts.
// Written on node:crypto rather than @wecom/crypto because that library skips checks we need: it rejects no pad byte
// outside 1..32 and trusts the length prefix (and does not compare the owner id, which the platforms do on the result).
// Node's own padding (setAutoPadding(true)) would throw on WeCom's official vector (pad 30 > 16), so the pad is
// stripped here. Every check failure is a CallbackCryptoError, never a crash: the routes answer 401/400 and store
// nothing.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type CallbackCryptoFailure =
  | 'bad_key'
  | 'bad_signature'
  | 'bad_ciphertext'
  | 'bad_padding'
  | 'bad_length'
  /** DingTalk: the payload's owner key is not one of the app's. */
  | 'wrong_owner'
  /** WeCom: the payload's receiveid is not our corp id. */
  | 'wrong_receiver';

export class CallbackCryptoError extends Error {
  constructor(
    readonly reason: CallbackCryptoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackCryptoError';
  }
}

const BLOCK = 32;

/** The 32-byte AES key from the 43-character key of the admin console (WeCom's EncodingAESKey, DingTalk's aes_key). */
export function aesKeyBytes(aesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey))
    throw new CallbackCryptoError('bad_key', 'the AES key must be 43 base64 chars');
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new CallbackCryptoError('bad_key', 'the AES key does not decode to 32 bytes');
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
  ownerId: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new CallbackCryptoError('bad_length', 'random must be 16 bytes');
  const key = aesKeyBytes(aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(ownerId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** The secrets an installation holds for its callbacks: the token that signs them and the 43-character AES key. */
export interface CallbackSecrets {
  token: string;
  aesKey: string;
}

/** A platform's wire form of a reply: its timestamp (DingTalk in ms, WeCom in s), its nonce and its envelope. */
export interface ReplyWire<Reply> {
  timestamp(now: Date): string;
  nonce(random: Buffer): string;
  envelope(sealed: { timestamp: string; nonce: string; encrypt: string; signature: string }): Reply;
}

/**
 * A reply sealed like a callback, in a platform's wire form: `message` encrypted for `ownerId` and signed over the
 * wire's timestamp and nonce. `random` is drawn twice: the nonce's bytes, then the 16 random bytes of the framing.
 */
export function sealReply<Reply>(
  wire: ReplyWire<Reply>,
  secrets: CallbackSecrets,
  ownerId: string,
  message: string,
  now: Date,
  random: () => Buffer = () => randomBytes(16),
): Reply {
  const timestamp = wire.timestamp(now);
  const nonce = wire.nonce(random());
  const encrypt = encryptCallback(secrets.aesKey, message, ownerId, random());
  const signature = callbackSignature(secrets.token, timestamp, nonce, encrypt);
  return wire.envelope({ timestamp, nonce, encrypt, signature });
}

export interface DecryptedPayload {
  message: string;
  /** The id after the message (WeCom's receiveid, DingTalk's owner key): the caller compares it with its own. */
  ownerId: string;
}

/**
 * Decrypts and checks an encrypted value: block-aligned ciphertext, a pad byte in 1..32 with every pad byte equal, a
 * length prefix that fits the plaintext (in BYTES, so multibyte UTF-8 is counted right) and valid UTF-8. The owner
 * id is returned, not checked: which ids are acceptable is a platform's wire detail.
 */
export function decryptCallback(aesKey: string, encrypt: string): DecryptedPayload {
  const key = aesKeyBytes(aesKey);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) throw new CallbackCryptoError('bad_ciphertext', 'not base64');
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
  try {
    return {
      message: decoder.decode(content.subarray(20, 20 + length)),
      ownerId: decoder.decode(content.subarray(20 + length)),
    };
  } catch {
    throw new CallbackCryptoError('bad_ciphertext', 'plaintext is not UTF-8');
  }
}
