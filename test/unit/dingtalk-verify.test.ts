// The HTTP-mode robot signature: base64(HMAC-SHA256(appSecret, timestamp + "\n" + appSecret)) within one hour.
import { describe, expect, it } from 'vitest';
import { checkRobotSignature, robotSign } from '../../adapters/dingtalk/verify.js';

// The self-made vector of shared/design/platforms.md §2.4 (checked there with Node and Python).
const SECRET = 'this is secret';
const TIMESTAMP = '1577262236757';
const SIGN = 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=';

describe('DingTalk robot signature', () => {
  const at = (offsetMs: number) => new Date(Number(TIMESTAMP) + offsetMs);

  it('computes the known vector and accepts it inside the window, on both sides of our clock', () => {
    expect(robotSign(TIMESTAMP, SECRET)).toBe(SIGN);
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, SECRET, at(0))).toBe('ok');
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, SECRET, at(59 * 60_000))).toBe('ok');
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, SECRET, at(-59 * 60_000))).toBe('ok');
  });

  it('rejects a wrong signature or secret, an expired or future timestamp, and missing headers', () => {
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN.replace('h', 'H') }, SECRET, at(0))).toBe('mismatch');
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, 'another secret', at(0))).toBe('mismatch');
    expect(checkRobotSignature({ timestamp: String(Number(TIMESTAMP) + 1), sign: SIGN }, SECRET, at(0))).toBe(
      'mismatch',
    );
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, SECRET, at(61 * 60_000))).toBe('expired');
    expect(checkRobotSignature({ timestamp: TIMESTAMP, sign: SIGN }, SECRET, at(-61 * 60_000))).toBe('expired');
    expect(checkRobotSignature({ sign: SIGN }, SECRET, at(0))).toBe('missing');
    expect(checkRobotSignature({ timestamp: TIMESTAMP }, SECRET, at(0))).toBe('missing');
    expect(checkRobotSignature({ timestamp: 'yesterday', sign: SIGN }, SECRET, at(0))).toBe('missing');
  });
});
