// Request signing (shared/design/platforms.md §1.1): v0=HMAC-SHA256(secret, "v0:<ts>:<raw body>"), compared in
// constant time, with Bolt's own verifySlackRequest. Bolt only refuses timestamps older than 5 minutes; a
// timestamp more than 5 minutes in the future is refused here too, so a captured request cannot be replayed later
// by pre-dating it. The clock is passed in (tests pin it).
import { verifySlackRequest } from '@slack/bolt';

export const MAX_SKEW_SECONDS = 300;

export type VerifyFailure = 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_signature' | 'no_secret';

export interface SignedRequest {
  rawBody: Buffer | string;
  /** Lower-case header names (Node and Fastify give them so). */
  headers: Record<string, string | string[] | undefined>;
}

const header = (headers: SignedRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Checks a request against each candidate signing secret (an app's secret, or a per-installation one).
 * Returns the failure, or undefined when one secret verifies it.
 */
export function verifySlackSignature(
  request: SignedRequest,
  secrets: readonly string[],
  nowMs: number,
): VerifyFailure | undefined {
  const signature = header(request.headers, 'x-slack-signature');
  const timestampText = header(request.headers, 'x-slack-request-timestamp');
  if (!signature || !timestampText) return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestampText)) return 'bad_timestamp';
  const timestamp = Number(timestampText);
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > MAX_SKEW_SECONDS) return 'stale';
  const usable = secrets.filter((s) => s.length > 0);
  if (usable.length === 0) return 'no_secret';
  const body = typeof request.rawBody === 'string' ? request.rawBody : request.rawBody.toString('utf8');
  for (const signingSecret of usable) {
    try {
      verifySlackRequest({
        signingSecret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
      return undefined;
    } catch {
      // Try the next secret; the reason is the same for all (mismatch), staleness was checked above.
    }
  }
  return 'bad_signature';
}
