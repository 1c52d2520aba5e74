// WeCom callback crypto: the official vector A of the WeCom docs (GET echostr and POST Encrypt, platforms.md §3.1),
// self-made multibyte vectors (msg_len counts BYTES), and every tampering rejected with a coded error, never a crash.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aesKeyBytes,
  checkMsgSignature,
  decryptMessage,
  encryptMessage,
  encryptedReply,
  msgSignature,
  WeComCryptoError,
} from '../../adapters/wecom/crypto.js';
import { parseXml, text } from '../../adapters/wecom/xml.js';
import { reasonOf } from '../helpers/callback-crypto.js';

// Vector A (WeCom doc 90968 / official samples): token, EncodingAESKey, CorpID.
const TOKEN = 'QDG6eK';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const CORP = 'wx5823bf96d3bd56c7';
const GET = {
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const POST = {
  signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const POST_MSG =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>';

describe('WeCom crypto, official vector A', () => {
  it('verifies and decrypts the URL-verification echostr', () => {
    expect(msgSignature(TOKEN, GET.timestamp, GET.nonce, GET.echostr)).toBe(GET.signature);
    expect(checkMsgSignature(TOKEN, GET, GET.echostr)).toBe(true);
    expect(decryptMessage(AES, GET.echostr, CORP)).toEqual({ message: '1616140317555161061', receiveId: CORP });
  });

  it('verifies and decrypts the POST text message; MsgId stays a string', () => {
    expect(checkMsgSignature(TOKEN, POST, POST.encrypt)).toBe(true);
    const { message, receiveId } = decryptMessage(AES, POST.encrypt, CORP);
    expect(message).toBe(POST_MSG);
    expect(receiveId).toBe(CORP);
    const root = parseXml(message);
    expect(text(root, 'MsgId')).toBe('4561255354251345929');
    expect(text(root, 'Content')).toBe('hello');
  });

  it('re-encrypting with the same random reproduces the official ciphertext byte for byte', () => {
    expect(encryptMessage(AES, POST_MSG, CORP, Buffer.from('0960688932c47ef1', 'ascii'))).toBe(POST.encrypt);
    expect(encryptMessage(AES, '1616140317555161061', CORP, Buffer.from('c41b64491c2468d0', 'ascii'))).toBe(
      GET.echostr,
    );
  });
});

describe('WeCom crypto, multibyte and round trips', () => {
  it('counts msg_len in bytes: Chinese, emoji and a 4-byte character survive', () => {
    const message = '<xml><Content><![CDATA[风险 销售一组 😀 𠀀]]></Content></xml>';
    const encrypt = encryptMessage(AES, message, CORP, Buffer.alloc(16, 7));
    const plain = rawDecrypt(aesKeyBytes(AES), encrypt);
    expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(message, 'utf8'));
    expect(plain.readUInt32BE(16)).toBeGreaterThan(message.length);
    expect(decryptMessage(AES, encrypt, CORP)).toEqual({ message, receiveId: CORP });
  });

  it('round-trips any text and receive id (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-z0-9]{1,20}$/), (message, receiveId) => {
        const encrypt = encryptMessage(AES, message, receiveId);
        expect(decryptMessage(AES, encrypt, receiveId)).toEqual({ message, receiveId });
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('builds a signed passive reply that decrypts to the inner XML', () => {
    const reply = encryptedReply(
      { token: TOKEN, aesKey: AES },
      CORP,
      '<xml><MsgType><![CDATA[update_button]]></MsgType></xml>',
      new Date(1_700_000_000_000),
    );
    const root = parseXml(reply)!;
    const encrypt = text(root, 'Encrypt')!;
    expect(
      checkMsgSignature(
        TOKEN,
        { signature: text(root, 'MsgSignature')!, timestamp: text(root, 'TimeStamp')!, nonce: text(root, 'Nonce')! },
        encrypt,
      ),
    ).toBe(true);
    expect(text(root, 'TimeStamp')).toBe('1700000000');
    expect(decryptMessage(AES, encrypt, CORP).message).toContain('update_button');
  });
});

function rawDecrypt(key: Buffer, encrypt: string): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(Buffer.from(encrypt, 'base64')), d.final()]);
}

describe('WeCom crypto, tampering is rejected without a crash', () => {
  it('a tampered signature, timestamp, nonce or Encrypt fails the signature check', () => {
    expect(checkMsgSignature(TOKEN, { ...POST, signature: POST.signature.replace(/^4/, '5') }, POST.encrypt)).toBe(
      false,
    );
    expect(checkMsgSignature(TOKEN, { ...POST, timestamp: '1409659814' }, POST.encrypt)).toBe(false);
    expect(checkMsgSignature(TOKEN, { ...POST, nonce: '1' }, POST.encrypt)).toBe(false);
    expect(checkMsgSignature(TOKEN, POST, `${POST.encrypt.slice(0, -3)}A==`)).toBe(false);
    expect(checkMsgSignature('other-token', POST, POST.encrypt)).toBe(false);
    expect(checkMsgSignature(TOKEN, { ...POST, signature: 'short' }, POST.encrypt)).toBe(false);
  });

  it('a payload for another corp is refused (receive id check)', () => {
    expect(reasonOf(() => decryptMessage(AES, POST.encrypt, 'wwsomeothercorp'))).toBe('wrong_receiver');
  });

  it('a wrong key gives bad padding/length/UTF-8, never a result', () => {
    const other = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(['bad_padding', 'bad_length', 'bad_ciphertext', 'wrong_receiver']).toContain(
      reasonOf(() => decryptMessage(other, POST.encrypt, CORP)),
    );
    expect(reasonOf(() => decryptMessage('too-short', POST.encrypt, CORP))).toBe('bad_key');
  });

  it('a pad byte outside 1..32, inconsistent padding or a lying length prefix is refused', () => {
    const key = aesKeyBytes(AES);
    const raw = (plain: Buffer) => {
      const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]).toString('base64');
    };
    const body = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from('hi'), Buffer.from(CORP)]);
    const fill = (n: number, pad: number) => Buffer.concat([body, Buffer.alloc(n - body.length, pad)]);
    expect(reasonOf(() => decryptMessage(AES, raw(fill(64, 0)), CORP))).toBe('bad_padding'); // pad 0
    expect(reasonOf(() => decryptMessage(AES, raw(fill(64, 33)), CORP))).toBe('bad_padding'); // pad 33
    const mixed = fill(64, 22);
    mixed[mixed.length - 5] = 21;
    expect(reasonOf(() => decryptMessage(AES, raw(mixed), CORP))).toBe('bad_padding');
    const lying = fill(64, 22);
    lying.writeUInt32BE(500, 16);
    expect(reasonOf(() => decryptMessage(AES, raw(lying), CORP))).toBe('bad_length');
  });

  it('non-base64, empty or unaligned ciphertext is refused', () => {
    expect(reasonOf(() => decryptMessage(AES, 'not base64!', CORP))).toBe('bad_ciphertext');
    expect(reasonOf(() => decryptMessage(AES, '', CORP))).toBe('bad_ciphertext');
    expect(reasonOf(() => decryptMessage(AES, Buffer.alloc(20).toString('base64'), CORP))).toBe('bad_ciphertext');
  });

  it('random ciphertexts never crash (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
        const encrypt = Buffer.from(bytes).toString('base64');
        try {
          decryptMessage(AES, encrypt, CORP);
        } catch (error) {
          expect(error).toBeInstanceOf(WeComCryptoError);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
