// HTTP-mode robot callbacks carry headers `timestamp` (ms) and `sign` = base64(HMAC-SHA256(key = appSecret,
// msg = timestamp + "\n" + appSecret)) (shared/design/platforms.md §2.4). The signature covers only the timestamp,
// not the body: within the window a captured request can be replayed with another body — a limit of DingTalk's
// scheme that de-duplication by msgId narrows but cannot close. The clock is passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the request's timestamp may be from our clock (the documented window). */
export const ROBOT_SIGNATURE_WINDOW_MS = 60 * 60 * 1000;

export type RobotSignatureCheck = 'ok' | 'missing' | 'expired' | 'mismatch';

export function robotSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export function checkRobotSignature(
  headers: { timestamp?: string | undefined; sign?: string | undefined },
  appSecret: string,
  now: Date,
): RobotSignatureCheck {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d{1,15}$/.test(timestamp)) return 'missing';
  if (Math.abs(now.getTime() - Number(timestamp)) > ROBOT_SIGNATURE_WINDOW_MS) return 'expired';
  const expected = Buffer.from(robotSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}
