// The Slack platform: Block Kit rendering and DMs through @slack/web-api for the outbox; the Events API, slash
// commands and interactivity through a Bolt App whose receiver is a Fastify route (runtime.ts).
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import { SlackClient, type SlackClientOptions } from './client.js';
import { renderSlack, type SlackPayload } from './render.js';

export { SlackClient } from './client.js';
export {
  renderSlack,
  neutralActionId,
  slackActionId,
  escapeMrkdwn,
  SLACK_LIMITS,
  type SlackPayload,
} from './render.js';
export { verifySlackSignature, MAX_SKEW_SECONDS, type VerifyFailure } from './verify.js';
export * from './parse.js';
export * from './interactions.js';

export function createSlackAdapter(options: SlackClientOptions): PlatformAdapter<SlackPayload> {
  return {
    name: 'slack',
    // A bot in a channel sees every message there (metadata is all we keep); buttons call back; threads exist.
    // chat.postMessage has no idempotency key: a crash between send and mark may repeat a DM.
    capabilities: { messageVisibility: 'all', interactiveButtons: true, threads: true, idempotentSend: false },
    rateLimits: PLATFORM_RATE_LIMITS.slack,
    render: renderSlack,
    client: new SlackClient(options),
  };
}
