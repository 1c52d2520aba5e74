// The one thing done with a verified Events API envelope, whichever way it arrived: the receiver's direct lane
// (HTTP event_callback, without Bolt) and the Bolt `app.event` listener (Socket Mode) both call acceptSlackEvent.
// The direct lane exists because Bolt's App.processEvent (authorize, context, global middleware, listener matching)
// costs ~155 µs per request, which alone kept the HTTP path under 2× Bolt's own HTTPReceiver (issue 12,
// bench/RESULTS.md); all it did for an event was pick a WebClient and drop the app's own events (ignoreSelf),
// which are done here instead.
import type { WebClient } from '@slack/web-api';
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import type { SlackInbound } from './inbound.js';
import type { SlackEnvelope } from './parse.js';
import type { WebClientPool } from './web.js';

/** An installation setting that is a non-empty string (botUserId, botId). */
function setting(installation: InstallationInfo, name: string): string | undefined {
  const value = installation.settings[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Events Bolt's ignoreSelf keeps even when the app's own bot user is their `user`. */
const KEPT_WHEN_SELF: ReadonlySet<string> = new Set(['member_joined_channel', 'member_left_channel']);

/**
 * Bolt 5's ignoreSelf (middleware/builtin.js), the same tests on the same ids (authorizeResult's botUserId/botId):
 * a `bot_message` whose bot_id is the app's bot id, or any event whose `user` is the app's bot user (except
 * joining/leaving a channel).
 */
export function isOwnEvent(installation: InstallationInfo, event: Record<string, unknown>): boolean {
  const botUserId = setting(installation, 'botUserId');
  const botId = setting(installation, 'botId');
  // Bolt compares even when the app has no bot id (undefined === undefined drops a bot_message without bot_id).
  if (event.type === 'message' && event.subtype === 'bot_message' && event.bot_id === botId) return true;
  return (
    botUserId !== undefined && 'user' in event && event.user === botUserId && !KEPT_WHEN_SELF.has(String(event.type))
  );
}

/**
 * A verified event_callback envelope: dropped when Bolt would have called no listener (no event, or the app's own
 * event), else parsed, identities linked and stored through the inbox group commit (SlackInbound.event). Resolves
 * once stored; throws when it could not be (the caller answers so that Slack retries).
 */
export async function acceptSlackEvent(
  inbound: SlackInbound,
  installation: InstallationInfo,
  envelope: SlackEnvelope,
  web: WebClient,
): Promise<void> {
  const event = envelope.event as unknown;
  if (!event || typeof event !== 'object') return;
  if (isOwnEvent(installation, event as Record<string, unknown>)) return;
  await inbound.event(installation, envelope, web);
}

/** Event types Bolt delivers without authorize() (the workspace's token may already be gone). */
const WITHOUT_TOKEN: ReadonlySet<string> = new Set(['app_uninstalled', 'tokens_revoked']);

/**
 * The direct lane's WebClient for an installation, as Bolt's authorize() + client pool would give it: the bot
 * token's pooled client; none needed for app_uninstalled/tokens_revoked; no token otherwise ⇒ an error (Bolt's
 * authorize fails the same way, and the request is answered 500).
 */
export function eventClient(
  clients: WebClientPool,
  installation: InstallationInfo,
  envelope: SlackEnvelope,
  tokenless: WebClient,
): WebClient {
  const token = installation.secrets.botToken;
  if (token) return clients.get(token);
  if (WITHOUT_TOKEN.has(String((envelope.event as { type?: unknown } | undefined)?.type))) return tokenless;
  throw new Error('no Slack installation for this workspace');
}
