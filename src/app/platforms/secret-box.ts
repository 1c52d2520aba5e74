// Secrets at rest (platform tokens, signing secrets, AES keys): sealed with a key the operator holds
// (TEAMPULSE_ENCRYPTION_KEY), never stored in clear. AES-256-GCM by default; SM4-CTR with an HMAC-SM3 tag
// (encrypt-then-MAC, both in Node's OpenSSL) for tenants that require 国密 algorithms. Several keys may be given:
// the first seals, all of them open, so a key can be rotated (`teampulse platform rotate-key`).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export type SealAlgorithm = 'aes-256-gcm' | 'sm4';

const PREFIX = 'tp1';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface Key {
  id: string;
  master: Buffer;
}

/** Parses one key: 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return decoded;
  throw new SecretBoxError(
    'an encryption key must be 32 bytes, as 64 hex characters or base64 (openssl rand -base64 32)',
  );
}

const keyId = (master: Buffer): string =>
  createHash('sha256').update('teampulse key id\0').update(master).digest('hex').slice(0, 8);

/** Derives the per-algorithm keys, so one master key never serves two algorithms. */
function derive(master: Buffer, label: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `teampulse secret-box ${label}`, length));
}

const b64 = (buffer: Buffer): string => buffer.toString('base64url');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64url');

export class SecretBox {
  private readonly keys: Key[];

  /** `keys[0]` seals; every key opens. */
  constructor(
    keys: readonly Buffer[],
    private readonly algorithm: SealAlgorithm = 'aes-256-gcm',
  ) {
    if (keys.length === 0) throw new SecretBoxError('at least one encryption key is needed');
    this.keys = keys.map((master) => ({ id: keyId(master), master }));
  }

  /** The id of the sealing key (shown by `platform list`, so an operator sees which key each row needs). */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plain: string): string {
    const key = this.keys[0]!;
    const data = Buffer.from(plain, 'utf8');
    if (this.algorithm === 'sm4') {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', derive(key.master, 'sm4-enc', 16), iv);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      const tag = createHmac('sm3', derive(key.master, 'sm3-mac', 32))
        .update(`${PREFIX}.${key.id}.sm4.`)
        .update(iv)
        .update(body)
        .digest();
      return [PREFIX, key.id, 'sm4', b64(iv), b64(body), b64(tag)].join('.');
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', derive(key.master, 'aes-256-gcm', 32), iv);
    cipher.setAAD(Buffer.from(`${PREFIX}.${key.id}.gcm`));
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return [PREFIX, key.id, 'gcm', b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 6 || parts[0] !== PREFIX) throw new SecretBoxError('not a sealed secret');
    const [, id, alg, ivText, bodyText, tagText] = parts as [string, string, string, string, string, string];
    const key = this.keys.find((k) => k.id === id);
    if (!key) throw new SecretBoxError(`sealed with key ${id}, which is not among the configured encryption keys`);
    const iv = unb64(ivText);
    const body = unb64(bodyText);
    const tag = unb64(tagText);
    try {
      if (alg === 'sm4') {
        const expected = createHmac('sm3', derive(key.master, 'sm3-mac', 32))
          .update(`${PREFIX}.${id}.sm4.`)
          .update(iv)
          .update(body)
          .digest();
        if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('tag');
        const decipher = createDecipheriv('sm4-ctr', derive(key.master, 'sm4-enc', 16), iv);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      if (alg !== 'gcm') throw new Error('algorithm');
      const decipher = createDecipheriv('aes-256-gcm', derive(key.master, 'aes-256-gcm', 32), iv);
      decipher.setAAD(Buffer.from(`${PREFIX}.${id}.gcm`));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a sealed secret failed its integrity check (wrong key or altered data)');
    }
  }

  /** True when `sealed` was not sealed with the current key and algorithm (rotation re-seals those). */
  needsReseal(sealed: string): boolean {
    const [, id, alg] = sealed.split('.');
    return id !== this.currentKeyId || alg !== (this.algorithm === 'sm4' ? 'sm4' : 'gcm');
  }
}
