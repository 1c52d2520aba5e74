// What happens with a verified Slack request once Bolt has routed it: Events API envelopes become metadata-only
// signals stored in the inbox (once per event_id; retries are counted, not stored again), slash commands and
// button clicks go to the one dispatcher. Slack users are linked to employees on first sight: a stored Slack id
// first, else the e-mail of their Slack profile (users.info) — misses are remembered for an hour, so a user who
// is no employee costs one Web API call per hour, not one per message.
import type { WebClient } from '@slack/web-api';
import type { ActionEvent, CommandEvent, ConversationKind, SignalEvent } from '../../src/core/events.js';
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import type { PlatformPorts } from '../shared/runtime.js';
import { homeMessage, localeOf, publishHome } from './home.js';
import { parseBlockAction, parseSlashCommand, type BlockActionsBody, type SlashCommandBody } from './interactions.js';
import {
  channelOf,
  deliveryKeyOf,
  parseEnvelope,
  toSignalEvents,
  type SlackActivity,
  type SlackEnvelope,
} from './parse.js';

export interface SlackInboundDeps {
  ports: PlatformPorts;
  /** Time the identity lookups of one event may take before the event is stored anyway (Slack wants 3 s). */
  identityBudgetMs?: number;
  /** Called with a Slack user whose account was deactivated (a possible departure, for HR to confirm). */
  onDeactivated?: (installation: InstallationInfo, slackUserId: string) => void;
}

const MISS_TTL_MS = 60 * 60_000;

/** The envelope's event_time (seconds), if Slack sent one. */
function eventTime(envelope: SlackEnvelope): Date | undefined {
  const seconds = Number(envelope.event_time);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/** Every Slack user an activity names (the author, and the people it points at). */
function usersOf(activity: SlackActivity): string[] {
  switch (activity.kind) {
    case 'message':
      return [activity.user, ...(activity.threadParentUser ? [activity.threadParentUser] : []), ...activity.mentions];
    case 'reaction':
      return [activity.user, ...(activity.itemUser ? [activity.itemUser] : [])];
    case 'member_joined':
    case 'member_left':
      return [activity.user];
    default:
      return [];
  }
}

/** The answer for the person who typed or clicked; undefined when there is none (nothing parsed, a duplicate). */
type Reply = OutboundMessage | undefined;

export class SlackInbound {
  /** `${tenant}|${user}` → until when a failed lookup is not repeated. */
  private readonly misses = new Map<string, number>();
  /** Lookups under way, so a burst of messages from one new user costs one users.info call. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: SlackInboundDeps) {}

  private get ports(): PlatformPorts {
    return this.deps.ports;
  }

  /** An Events API envelope: parsed to metadata, identities linked, stored once. Throws when it could not be stored. */
  async event(
    installation: InstallationInfo,
    envelope: SlackEnvelope,
    web: WebClient,
  ): Promise<{ duplicate: boolean }> {
    const activity = parseEnvelope(envelope);
    const { tenantId } = installation;
    let events: SignalEvent[] = [];
    switch (activity.kind) {
      case 'message':
      case 'reaction':
      case 'member_joined':
      case 'member_left': {
        await this.ensureIdentities(installation, web, usersOf(activity));
        events = toSignalEvents(activity, await this.kindOf(tenantId, activity));
        break;
      }
      case 'team_join':
      case 'user_change': {
        const { user } = activity;
        if (user.deleted === true) {
          // Before the delivery is stored: if this fails Slack retries, and a retry opens no second review.
          await this.ports.sink.possibleDeparture?.({
            tenantId,
            platform: 'slack',
            platformUserId: user.id,
            detectedAt: eventTime(envelope) ?? this.ports.now(),
          });
          this.deps.onDeactivated?.(installation, user.id);
        } else if (!user.is_bot && !user.is_app_user && user.profile?.email) {
          const linked = await this.ports.sink.linkIdentity({
            tenantId,
            platform: 'slack',
            platformUserId: user.id,
            email: user.profile.email,
          });
          if (linked) this.misses.delete(`${tenantId}|${user.id}`);
        }
        break;
      }
      case 'uninstalled':
        await this.uninstalled(installation, envelope);
        break;
      default:
        break;
    }
    // Ignored events are stored too (without events, as done): their retries are then recognised and counted.
    const accepted = await this.ports.sink.accept({
      tenantId,
      platform: 'slack',
      deliveryKey: `event:${deliveryKeyOf(envelope)}`,
      events,
    });
    // The Home tab is drawn after Slack is answered (views.publish may take longer than Slack waits).
    if (activity.kind === 'app_home_opened' && activity.tab === 'home' && !accepted.duplicate)
      this.background(this.home(installation, web, activity.user));
    return accepted;
  }

  /** Work that outlives the request (Home tab); `settle()` waits for it (shutdown, tests). */
  private background(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.ports.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Slack Home tab failed'),
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async home(installation: InstallationInfo, web: WebClient, userId: string): Promise<void> {
    await this.ensureIdentities(installation, web, [userId]);
    const linked = (await this.ports.sink.knownUsers(installation.tenantId, 'slack', [userId])).has(userId);
    const info = await web.users.info({ user: userId, include_locale: true });
    await publishHome(web, userId, homeMessage(localeOf(info.user?.locale), linked));
  }

  /** app_uninstalled, or tokens_revoked naming bot tokens: a stored (OAuth) installation is forgotten. */
  private async uninstalled(installation: InstallationInfo, envelope: SlackEnvelope): Promise<void> {
    if (installation.origin !== 'db' || !this.ports.registry) return;
    const event = envelope.event;
    if (event.type === 'tokens_revoked') {
      const tokens = (event.tokens ?? {}) as { bot?: unknown };
      if (!Array.isArray(tokens.bot) || tokens.bot.length === 0) return;
    }
    await this.ports.registry.remove('slack', installation.installationKey, `slack:${event.type}`);
    this.ports.logger.info({ tenantId: installation.tenantId, platform: 'slack' }, 'Slack app uninstalled');
  }

  /** A slash command → the dispatcher; the reply for the person who typed it (undefined for a duplicate). */
  async command(installation: InstallationInfo, body: SlashCommandBody, web: WebClient): Promise<Reply> {
    return this.interact(installation, web, parseSlashCommand(body, this.ports.now()));
  }

  /** A button click → an action through the dispatcher (once per click); the reply for the person who clicked. */
  async action(installation: InstallationInfo, body: BlockActionsBody, web: WebClient): Promise<Reply> {
    return this.interact(installation, web, parseBlockAction(body, this.ports.now()));
  }

  /** A parsed command or click, once per event id: the person is linked first, the dispatcher answers. */
  private async interact(
    installation: InstallationInfo,
    web: WebClient,
    event: CommandEvent | ActionEvent | undefined,
  ): Promise<Reply> {
    if (!event) return undefined;
    await this.ensureIdentities(installation, web, [event.actor.id]);
    const result = await this.ports.sink.interact({
      tenantId: installation.tenantId,
      platform: 'slack',
      platformUserId: event.actor.id,
      event,
      deliveryKey: event.id,
    });
    return result.duplicate ? undefined : result.reply;
  }

  /** Team channel, another team's channel or a plain channel, from the tenant's channel links. */
  private async kindOf(tenantId: string, activity: SlackActivity): Promise<ConversationKind> {
    const pair = channelOf(activity);
    if (!pair || !this.ports.sink.conversationKinds) return 'group';
    const kinds = await this.ports.sink.conversationKinds(tenantId, 'slack', [
      { channelId: pair.channel, platformUserId: pair.user },
    ]);
    return kinds.get(`${pair.channel}|${pair.user}`) ?? 'group';
  }

  /**
   * Links the Slack users not linked yet, within the identity budget: lookups still running after it go on in the
   * background (the event is stored meanwhile; the person's next message counts).
   */
  async ensureIdentities(installation: InstallationInfo, web: WebClient, userIds: readonly string[]): Promise<void> {
    const { tenantId } = installation;
    const nowMs = this.ports.now().getTime();
    const unique = [...new Set(userIds)].filter((id) => (this.misses.get(`${tenantId}|${id}`) ?? 0) <= nowMs);
    if (unique.length === 0) return;
    const known = await this.ports.sink.knownUsers(tenantId, 'slack', unique);
    const lookups = unique.filter((id) => !known.has(id)).map((id) => this.linkOne(installation, web, id));
    if (lookups.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.identityBudgetMs ?? 1_500);
    });
    await Promise.race([Promise.all(lookups), budget]);
    clearTimeout(timer);
  }

  private linkOne(installation: InstallationInfo, web: WebClient, userId: string): Promise<void> {
    const key = `${installation.tenantId}|${userId}`;
    const running = this.pending.get(key);
    if (running) return running;
    const work = this.lookUp(installation, web, userId)
      .then((linked) => {
        if (!linked) this.misses.set(key, this.ports.now().getTime() + MISS_TTL_MS);
      })
      .catch((error: unknown) => {
        this.misses.set(key, this.ports.now().getTime() + MISS_TTL_MS / 12);
        this.ports.logger.warn(
          { err: error instanceof Error ? error.message : String(error), tenantId: installation.tenantId },
          'Slack user lookup failed',
        );
      })
      .finally(() => this.pending.delete(key));
    if (this.misses.size >= 50_000) this.misses.clear();
    this.pending.set(key, work);
    return work;
  }

  /** users.info → the profile's e-mail → the employee with that e-mail. Bots and deactivated users are no one. */
  private async lookUp(installation: InstallationInfo, web: WebClient, userId: string): Promise<boolean> {
    const answer = await web.users.info({ user: userId });
    const user = answer.user;
    if (!user || user.is_bot || user.is_app_user || user.deleted) return false;
    const email = user.profile?.email;
    if (!email) return false;
    const linked = await this.ports.sink.linkIdentity({
      tenantId: installation.tenantId,
      platform: 'slack',
      platformUserId: userId,
      email,
    });
    return linked !== undefined;
  }
}
