// The ports a chat adapter is given by the composition root (src/main.ts). Adapters import only src/core, so the
// app-side implementations (src/app/platforms, src/app/inbound) reach them through these interfaces: where a
// request's installation and tenant come from, where inbound events go (persisted first, processed after), and
// how an interaction (a command, a button) is answered.
import type { ActionEvent, CommandEvent, ConversationKind, InboundEvent, SignalEvent } from './events.js';
import type { OutboundMessage } from './messages/types.js';

export type ChatPlatform = 'slack' | 'dingtalk' | 'wecom';

/** One connected app/workspace: its tenant, secrets (opened) and non-secret settings. */
export interface InstallationInfo {
  tenantId: string;
  platform: ChatPlatform;
  /** Slack team/enterprise id, DingTalk client id, WeCom "<corp id>:<agent id>". */
  installationKey: string;
  secrets: Readonly<Record<string, string>>;
  settings: Readonly<Record<string, unknown>>;
  /** 'env' ⇒ from the service's environment (the default tenant); 'db' ⇒ `platform add` or an OAuth install. */
  origin: 'env' | 'db';
}

export interface InstallationLookup {
  /** The installation a request belongs to, by its platform key; undefined ⇒ unknown (answer 401/404, store nothing). */
  find(platform: ChatPlatform, installationKey: string): Promise<InstallationInfo | undefined>;
  /** The tenant's installation on a platform (outbound sends pick credentials with it). */
  forTenant(tenantId: string, platform: ChatPlatform): Promise<InstallationInfo | undefined>;
  /** Every installation of a platform (Stream connections, scheduled pulls). */
  list(platform: ChatPlatform): Promise<InstallationInfo[]>;
}

/** One platform installation of a tenant, as given to be stored (secrets in clear; the store seals them). */
export interface InstallationInput {
  tenantId: string;
  platform: ChatPlatform;
  installationKey: string;
  secrets: Record<string, string>;
  settings: Record<string, unknown>;
  /** Who did it, for the audit log (e.g. "cli", "slack-oauth:U123"). */
  actor: string;
}

/** Writes installations (Slack OAuth installs and uninstalls); secrets are sealed by the implementation. */
export interface InstallationRegistry {
  /** The tenant an install is for: the one with this slug, or the default tenant when none is named. */
  tenantFor(slug?: string): Promise<string | undefined>;
  save(input: InstallationInput): Promise<void>;
  /** Forgets an installation (the app was uninstalled); false when there was none stored. */
  remove(platform: ChatPlatform, installationKey: string, actor: string): Promise<boolean>;
}

/** One delivery from a platform, as received: its key de-duplicates the platform's retries. */
export interface InboundDelivery {
  tenantId: string;
  platform: ChatPlatform;
  /** Slack event_id, WeCom MsgId (or FromUserName+CreateTime), DingTalk msgId / eventId … */
  deliveryKey: string;
  /** Normalised events (metadata only); may be empty (a delivery that only needs its retries counted). */
  events: readonly SignalEvent[];
}

export interface InteractionInput {
  tenantId: string;
  platform: ChatPlatform;
  /** The platform's user id of the person who acted. */
  platformUserId: string;
  /** A text/slash command, or a button press (survey answers are button presses too). */
  event: CommandEvent | ActionEvent;
  /** When given, a redelivery with the same key is answered `duplicate` and not dispatched again. */
  deliveryKey?: string;
}

export interface InteractionResult {
  /** A handler took it (false ⇒ unknown command/action, unknown person, or a duplicate). */
  handled: boolean;
  duplicate?: boolean;
  /** The answer for the person who acted, in their locale. */
  reply?: OutboundMessage;
}

export interface IdentityHint {
  tenantId: string;
  platform: ChatPlatform;
  platformUserId: string;
  /** E-mail from the platform's profile: links the platform user to the employee with that e-mail. */
  email?: string;
  /** The HR system's id when the platform carries it (DingTalk/WeCom userid often equals the HR id). */
  externalId?: string;
  /** A DM conversation for proactive messages (Slack 'D…'). */
  dmConversationId?: string;
}

export interface InboundSink {
  /** Persists a delivery durably (answer the platform after this resolves); a redelivery is `duplicate`. */
  accept(delivery: InboundDelivery): Promise<{ duplicate: boolean }>;
  /** Dispatches a command or button press now and returns the reply for the actor. */
  interact(input: InteractionInput): Promise<InteractionResult>;
  /** Which of these platform user ids already map to an employee of the tenant. */
  knownUsers(tenantId: string, platform: ChatPlatform, platformUserIds: readonly string[]): Promise<Set<string>>;
  /** Links a platform user to an employee (by e-mail or external id); returns the employee id, or undefined. */
  linkIdentity(hint: IdentityHint): Promise<string | undefined>;
  /** Every platform user id linked to an active employee of the tenant (scheduled pulls ask per person). */
  platformUsers?(tenantId: string, platform: ChatPlatform): Promise<string[]>;
  /** E-mails of the tenant's active employees without an identity on the platform (to look them up there). */
  unlinkedEmails?(tenantId: string, platform: ChatPlatform): Promise<string[]>;
  /**
   * A platform account was deactivated: a possible departure for HR to confirm (a DM with Confirm / Dismiss);
   * nothing about the person changes until HR decides. Idempotent; true when a new review was opened.
   */
  possibleDeparture?(input: {
    tenantId: string;
    platform: ChatPlatform;
    platformUserId: string;
    detectedAt: Date;
  }): Promise<boolean>;
  /**
   * How a channel counts for each author, from the tenant's channel links: linked to the author's team ⇒ 'team',
   * to another team ⇒ 'cross_team', not linked (or the author unknown) ⇒ 'group'. Keys: `${channelId}|${userId}`.
   */
  conversationKinds?(
    tenantId: string,
    platform: ChatPlatform,
    pairs: readonly ChannelAuthor[],
  ): Promise<Map<string, ConversationKind>>;
}

export interface ChannelAuthor {
  channelId: string;
  platformUserId: string;
}

/** Every inbound event an adapter may emit, for adapters that route by type. */
export type { InboundEvent };
