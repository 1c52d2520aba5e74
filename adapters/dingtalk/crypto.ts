// DingTalk event-subscription crypto (HTTP mode), the scheme of open-dingtalk/DingTalk-Callback-Crypto, on the
// callback crypto DingTalk shares with WeCom (adapters/shared/callback-crypto.ts). DingTalk's wire details: the id
// after the message is the "owner key" (the AppKey for an internal app's subscription, the corp id for the legacy
// registration), an app may accept several, and an event push is answered with an encrypted, signed "success".
import {
  CallbackCryptoError,
  decryptCallback as decryptPayload,
  sealReply,
  type CallbackSecrets,
  type ReplyWire,
} from '../shared/callback-crypto.js';

export {
  CallbackCryptoError,
  callbackSignature,
  checkCallbackSignature,
  encryptCallback,
} from '../shared/callback-crypto.js';

export interface DecryptedCallback {
  message: string;
  ownerKey: string;
}

/** Decrypts and checks an `encrypt` value (shared checks), and — when `ownerKeys` is given — that its owner key is one of them. */
export function decryptCallback(aesKey: string, encrypt: string, ownerKeys?: readonly string[]): DecryptedCallback {
  const { message, ownerId } = decryptPayload(aesKey, encrypt);
  if (ownerKeys && !ownerKeys.includes(ownerId)) {
    throw new CallbackCryptoError('wrong_owner', 'the payload belongs to another app or corp');
  }
  return { message, ownerKey: ownerId };
}

export interface EncryptedSuccess {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

/** DingTalk's reply: timestamps in milliseconds, a 16-character nonce (the Java library insists), JSON names. */
const SUCCESS_WIRE: ReplyWire<EncryptedSuccess> = {
  timestamp: (now) => String(now.getTime()),
  nonce: (random) =>
    random
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 16),
  envelope: ({ timestamp, nonce, encrypt, signature }) => ({
    msg_signature: signature,
    timeStamp: timestamp,
    nonce,
    encrypt,
  }),
};

/** The answer to an event push: the encrypted "success" for `ownerKey`, signed. */
export function encryptedSuccess(
  secrets: CallbackSecrets,
  ownerKey: string,
  now: Date,
  random?: () => Buffer,
): EncryptedSuccess {
  return sealReply(SUCCESS_WIRE, secrets, ownerKey, 'success', now, random);
}
