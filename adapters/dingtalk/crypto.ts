// DingTalk event-subscription crypto (HTTP mode), the scheme of open-dingtalk/DingTalk-Callback-Crypto, on the
// callback crypto DingTalk shares with WeCom (adapters/shared/callback-crypto.ts). DingTalk's wire details: the id
// after the message is the "owner key" (the AppKey for an internal app's subscription, the corp id for the legacy
// registration), an app may accept several, and an event push is answered with an encrypted, signed "success".
import { randomBytes } from 'node:crypto';
import {
  CallbackCryptoError,
  callbackSignature,
  decryptCallback as decryptPayload,
  encryptCallback,
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
