// The Slack platform: Block Kit rendering and DMs through @slack/web-api for the outbox; the Events API, slash
// commands and interactivity through a Bolt App whose receiver is a Fastify route (runtime.ts).
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import { SlackClient, type SlackClientOptions } from './client.js';
import { renderSlack, type SlackPayload } from './render.js';
import { SLACK_CAPABILITIES } from './traits.js';

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
    capabilities: SLACK_CAPABILITIES,
    rateLimits: PLATFORM_RATE_LIMITS.slack,
    render: renderSlack,
    client: new SlackClient(options),
  };
}
