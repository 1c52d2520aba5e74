// WeCom (企业微信) callback crypto, the scheme of 加解密方案说明 (developer.work.weixin.qq.com/document/path/90968;
// shared/design/platforms.md §3.1), on the callback crypto WeCom shares with DingTalk
// (adapters/shared/callback-crypto.ts). WeCom's wire details: its names (msg_signature, receiveid), the receive id
// must be our CorpID for a self-built app, timestamps in seconds, and the passive reply (被动回复) as signed XML.
import {
  CallbackCryptoError,
  callbackSignature,
  checkCallbackSignature,
  decryptCallback,
  encryptCallback,
  sealReply,
  type CallbackSecrets,
  type ReplyWire,
} from '../shared/callback-crypto.js';

export { aesKeyBytes, CallbackCryptoError as WeComCryptoError } from '../shared/callback-crypto.js';

/** WeCom's msg_signature: the shared SHA1 over the sorted token, timestamp, nonce and Encrypt. */
export const msgSignature = callbackSignature;
export const checkMsgSignature = checkCallbackSignature;
/** Encrypts `message` for `receiveId` (our corp id): the shared framing and padding. */
export const encryptMessage = encryptCallback;

export interface DecryptedMessage {
  message: string;
  receiveId: string;
}

/**
 * Decrypts and checks an `Encrypt` / `echostr` value (the shared checks), and that the receive id equals
 * `expectedReceiveId` (our corp id) when given.
 */
export function decryptMessage(encodingAesKey: string, encrypt: string, expectedReceiveId?: string): DecryptedMessage {
  const { message, ownerId } = decryptCallback(encodingAesKey, encrypt);
  if (expectedReceiveId !== undefined && ownerId !== expectedReceiveId)
    throw new CallbackCryptoError('wrong_receiver', 'the payload is addressed to another corp');
  return { message, receiveId: ownerId };
}

/** WeCom's passive reply: timestamps in seconds, a decimal nonce, the signed XML envelope. */
const REPLY_WIRE: ReplyWire<string> = {
  timestamp: (now) => String(Math.floor(now.getTime() / 1000)),
  nonce: (random) => String(random.readUInt32BE(0)),
  envelope: ({ timestamp, nonce, encrypt, signature }) =>
    `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`,
};

/** A passive encrypted reply (被动回复): the inner XML encrypted for our corp id and signed like a callback. */
export function encryptedReply(
  secrets: CallbackSecrets,
  corpId: string,
  innerXml: string,
  now: Date,
  random?: () => Buffer,
): string {
  return sealReply(REPLY_WIRE, secrets, corpId, innerXml, now, random);
}
