// Sends a rendered Block Kit message as a DM: conversations.open (user → its D… channel, remembered) then
// chat.postMessage. The tenant's installation gives the bot token; the outbox's AbortSignal abandons the request.
// chat.postMessage has no idempotency parameter: delivery is at-least-once (docs/platform-adapters.md).
import { PlatformSendError, type PlatformClient } from '../../src/core/platform.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { toPlatformSendError } from './errors.js';
import type { SlackPayload } from './render.js';
import { slackWebClient } from './web.js';

export interface SlackClientOptions {
  apiUrl: string;
  /** The bot token for a tenant (its installation); no tenant ⇒ the single workspace from the environment. */
  tokenFor(tenantId: string | undefined): Promise<string | undefined>;
  timeoutMs?: number;
  logger?: AdapterLogger;
}

/** Slack ids: D… is a DM channel, C…/G… a channel; U…/W… is a user (needs conversations.open first). */
const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

export class SlackClient implements PlatformClient<SlackPayload> {
  /** (token, user) → DM channel: conversations.open is Tier 3, chat.postMessage needs the channel. */
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly options: SlackClientOptions) {}

  /** The outbox's send (no idempotency key: chat.postMessage has none). */
  readonly send: PlatformClient<SlackPayload>['send'] = async (to, payload, _idempotencyKey, context = {}) => {
    const token = await this.options.tokenFor(context.tenantId);
    if (!token) throw new PlatformSendError('unauthorized', 'no Slack installation (bot token) for this tenant');
    const web = slackWebClient(
      token,
      { apiUrl: this.options.apiUrl, timeoutMs: this.options.timeoutMs ?? 10_000, ...this.logger() },
      context.signal,
    );
    const aborted = () => context.signal?.aborted === true;

    let channel = to.conversationId;
    const cacheKey = `${token.slice(-12)}|${channel}`;
    if (isUserId(channel)) {
      const known = this.dmChannels.get(cacheKey);
      if (known) channel = known;
      else {
        try {
          const opened = await web.conversations.open({ users: channel, return_im: false });
          const id = opened.channel?.id;
          if (!id) throw new PlatformSendError('server_error', 'conversations.open returned no channel');
          if (this.dmChannels.size >= 10_000) this.dmChannels.clear();
          this.dmChannels.set(cacheKey, id);
          channel = id;
        } catch (error) {
          throw toPlatformSendError(error, 'conversations.open', aborted());
        }
      }
    }
    try {
      const posted = await web.chat.postMessage({ channel, text: payload.text, blocks: payload.blocks });
      if (!posted.ts) throw new PlatformSendError('server_error', 'chat.postMessage returned no ts');
      return { platformMessageId: `${posted.channel ?? channel}:${posted.ts}` };
    } catch (error) {
      const coded = toPlatformSendError(error, 'chat.postMessage', aborted());
      // A remembered DM channel that stopped working is opened afresh next time.
      if (coded.code === 'invalid_recipient') this.dmChannels.delete(cacheKey);
      throw coded;
    }
  };

  private logger(): { logger?: AdapterLogger } {
    return this.options.logger ? { logger: this.options.logger } : {};
  }
}
