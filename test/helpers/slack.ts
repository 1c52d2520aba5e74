// Helpers for the Slack adapter's tests: signing a request the way Slack does (v0 HMAC-SHA256 over
// "v0:<timestamp>:<raw body>"), and envelopes modelled on the real payloads in shared/fixtures/slack.
import { createHmac } from 'node:crypto';

export function signSlack(secret: string, timestamp: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp) };
}
