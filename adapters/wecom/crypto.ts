// WeCom (企业微信) callback crypto, the scheme of 加解密方案说明 (developer.work.weixin.qq.com/document/path/90968;
// shared/design/platforms.md §3.1): msg_signature = sha1hex(sort([token, timestamp, nonce, encrypt]).join(''));
// AES-256-CBC with key = base64(EncodingAESKey + '='), IV = key[0..16), PKCS#7 padding to 32-byte blocks;
// plaintext = random(16) ‖ msg_len (uint32, big-endian, in BYTES) ‖ msg ‖ receiveid (our CorpID for a self-built app).
// Written on node:crypto rather than @wecom/crypto because that library skips checks we need: it neither compares the
// receive id with our corp id nor rejects a pad byte outside 1..32, and trusts the length prefix. Node's own padding
// (setAutoPadding(true)) would throw on the official vector (pad 30 > 16), so the pad is stripped here. Every check
// failure is a WeComCryptoError, never a crash: the route answers 401 and stores nothing.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type WeComCryptoFailure =
  'bad_key' | 'bad_signature' | 'bad_ciphertext' | 'bad_padding' | 'bad_length' | 'wrong_receiver';

export class WeComCryptoError extends Error {
  constructor(
    readonly reason: WeComCryptoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WeComCryptoError';
  }
}

const BLOCK = 32;

/** The 32-byte AES key from the 43-character EncodingAESKey of the admin console. */
export function aesKeyBytes(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    throw new WeComCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WeComCryptoError('bad_key', 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  // Array#sort compares UTF-16 code units like the official samples' sort (all four values are ASCII in practice).
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join(''), 'utf8').digest('hex');
}

/** Constant-time comparison of the request's msg_signature with ours. */
export function checkMsgSignature(
  token: string,
  query: { signature: string; timestamp: string; nonce: string },
  encrypt: string,
): boolean {
  const expected = Buffer.from(msgSignature(token, query.timestamp, query.nonce, encrypt), 'utf8');
  const given = Buffer.from(query.signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function encryptMessage(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new WeComCryptoError('bad_length', 'random must be 16 bytes');
  const key = aesKeyBytes(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface DecryptedMessage {
  message: string;
  receiveId: string;
}

/**
 * Decrypts and checks an `Encrypt` / `echostr` value: block-aligned ciphertext, a pad byte in 1..32 with every pad
 * byte equal, a length prefix that fits the plaintext (in BYTES, so multibyte UTF-8 is counted right), valid UTF-8,
 * and a receive id equal to `expectedReceiveId` (our corp id) when given.
 */
export function decryptMessage(encodingAesKey: string, encrypt: string, expectedReceiveId?: string): DecryptedMessage {
  const key = aesKeyBytes(encodingAesKey);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) throw new WeComCryptoError('bad_ciphertext', 'not base64');
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0)
    throw new WeComCryptoError('bad_ciphertext', 'ciphertext is not a whole number of AES blocks');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new WeComCryptoError('bad_ciphertext', 'cannot decrypt');
  }
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new WeComCryptoError('bad_padding', 'pad out of range');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WeComCryptoError('bad_padding', 'inconsistent padding');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new WeComCryptoError('bad_length', 'plaintext too short');
  const length = content.readUInt32BE(16);
  if (length > content.length - 20) throw new WeComCryptoError('bad_length', 'msg_len exceeds the plaintext');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let message: string;
  let receiveId: string;
  try {
    message = decoder.decode(content.subarray(20, 20 + length));
    receiveId = decoder.decode(content.subarray(20 + length));
  } catch {
    throw new WeComCryptoError('bad_ciphertext', 'plaintext is not UTF-8');
  }
  if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId)
    throw new WeComCryptoError('wrong_receiver', 'the payload is addressed to another corp');
  return { message, receiveId };
}

/** A passive encrypted reply (被动回复): the inner XML encrypted for our corp id and signed like a callback. */
export function encryptedReply(
  token: string,
  encodingAesKey: string,
  corpId: string,
  innerXml: string,
  now: Date,
  random: () => Buffer = () => randomBytes(16) as Buffer,
): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = String(random().readUInt32BE(0));
  const encrypt = encryptMessage(encodingAesKey, innerXml, corpId, random());
  const signature = msgSignature(token, timestamp, nonce, encrypt);
  return (
    `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
  );
}
