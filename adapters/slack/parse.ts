// Events API envelopes → what teampulse keeps: metadata only. The message text is read for nothing but the user
// mentions inside it and is never copied into anything returned here (so it cannot be stored or logged later).
// Only human activity counts (shared/fixtures/slack/SOURCES.md): edits, deletions, thread-metadata updates,
// channel_join notices, hidden messages and bot posts (a bot_id with or without the bot_message subtype) are not
// activity; thread_broadcast, file_share and me_message are. DMs with the bot are conversations with teampulse,
// not with colleagues, so they are not activity either.
import type { ActorRef, ConversationKind, SignalEvent } from '../../src/core/events.js';

/** A Slack user object as team_join / user_change / users.info carry it (only what we read). */
export interface SlackUser {
  id: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  profile?: { email?: string };
}

/** One parsed event, before channels are classified (that needs the tenant's channel links). */
export type SlackActivity =
  | {
      kind: 'message';
      id: string;
      user: string;
      channel: string;
      /** 'mpim' is a group DM; 'channel'/'group' are public/private channels (team or not, by channel links). */
      channelType: 'channel' | 'group' | 'mpim';
      at: Date;
      threadParentUser?: string;
      mentions: string[];
    }
  | { kind: 'reaction'; id: string; user: string; at: Date; itemUser?: string }
  | { kind: 'member_joined' | 'member_left'; id: string; user: string; channel: string; at: Date }
  | { kind: 'team_join' | 'user_change'; user: SlackUser }
  | { kind: 'app_home_opened'; user: string; tab: string }
  | { kind: 'uninstalled' }
  | { kind: 'ignored'; reason: string };

/** The fields of the event_callback envelope we use. */
export interface SlackEnvelope {
  type: 'event_callback';
  team_id?: string;
  enterprise_id?: string;
  event_id?: string;
  event_time?: number;
  authorizations?: Array<{ user_id?: string; is_bot?: boolean; team_id?: string | null }>;
  is_enterprise_install?: boolean;
  event: Record<string, unknown> & { type: string };
}

/** Subtypes written by a person (everything else with a subtype is a notice, an edit or a bot). */
const HUMAN_SUBTYPES: ReadonlySet<string> = new Set(['thread_broadcast', 'file_share', 'me_message']);

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Slack's "1633670813.007500" → a Date; undefined when it is not one. */
export function slackTsToDate(ts: unknown): Date | undefined {
  const text = typeof ts === 'number' ? String(ts) : str(ts);
  if (!text || !/^\d{1,12}(\.\d{1,9})?$/.test(text)) return undefined;
  const ms = Math.round(Number(text) * 1000);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** The key retries share: event_id, or for old payloads without one, the team, type and event time. */
export function deliveryKeyOf(envelope: SlackEnvelope): string {
  if (envelope.event_id) return envelope.event_id;
  const e = envelope.event;
  const when = str(e.event_ts) ?? str(e.ts) ?? String(envelope.event_time ?? '');
  return `legacy:${envelope.team_id ?? ''}:${e.type}:${str(e.user) ?? ''}:${when}`;
}

/** The workspace (or org, for an org-wide install) whose installation a request belongs to. */
export function installationKeyOf(body: {
  team_id?: unknown;
  enterprise_id?: unknown;
  is_enterprise_install?: unknown;
  team?: { id?: unknown } | null;
  enterprise?: { id?: unknown } | null;
}): string | undefined {
  const enterprise = str(body.enterprise_id) ?? str(body.enterprise?.id);
  if (body.is_enterprise_install === true && enterprise) return enterprise;
  return str(body.team_id) ?? str(body.team?.id) ?? enterprise;
}

/** Bot users the envelope names (our own bot): their mentions are not people talking to people. */
function botUsers(envelope: SlackEnvelope): Set<string> {
  return new Set((envelope.authorizations ?? []).filter((a) => a.is_bot && a.user_id).map((a) => a.user_id as string));
}

/** User ids mentioned in a message: rich-text `user` elements, else `<@U…>` tokens in the text. */
export function mentionsOf(event: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 12 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    if (obj.type === 'user' && typeof obj.user_id === 'string') found.add(obj.user_id);
    if (Array.isArray(obj.elements)) walk(obj.elements, depth + 1);
  };
  walk(event.blocks, 0);
  if (found.size === 0 && typeof event.text === 'string') {
    for (const match of event.text.matchAll(/<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g)) found.add(match[1]!);
  }
  return [...found];
}

function channelTypeOf(event: Record<string, unknown>): string | undefined {
  const declared = str(event.channel_type);
  if (declared) return declared;
  const channel = str(event.channel) ?? '';
  return channel.startsWith('C') ? 'channel' : channel.startsWith('G') ? 'group' : channel.startsWith('D') ? 'im' : '';
}

function parseMessage(envelope: SlackEnvelope): SlackActivity {
  const e = envelope.event;
  const subtype = str(e.subtype);
  if (e.hidden === true) return { kind: 'ignored', reason: 'hidden' };
  if (str(e.bot_id) || e.bot_profile) return { kind: 'ignored', reason: 'bot' };
  if (subtype && !HUMAN_SUBTYPES.has(subtype)) return { kind: 'ignored', reason: `subtype:${subtype}` };
  const user = str(e.user);
  const channel = str(e.channel);
  if (!user || user === 'USLACKBOT') return { kind: 'ignored', reason: 'no_user' };
  if (!channel) return { kind: 'ignored', reason: 'no_channel' };
  const channelType = channelTypeOf(e);
  if (channelType === 'im' || channelType === 'app_home') return { kind: 'ignored', reason: 'dm_with_bot' };
  if (channelType !== 'channel' && channelType !== 'group' && channelType !== 'mpim')
    return { kind: 'ignored', reason: `channel_type:${channelType ?? ''}` };
  const ts = str(e.ts);
  const at = slackTsToDate(ts);
  if (!ts || !at) return { kind: 'ignored', reason: 'no_ts' };
  const threadTs = str(e.thread_ts);
  const root = e.root as { user?: unknown } | undefined;
  const parent = threadTs && threadTs !== ts ? (str(e.parent_user_id) ?? str(root?.user)) : undefined;
  const bots = botUsers(envelope);
  return {
    kind: 'message',
    id: `${channel}:${ts}`,
    user,
    channel,
    channelType,
    at,
    ...(parent && parent !== user ? { threadParentUser: parent } : {}),
    mentions: mentionsOf(e).filter((id) => id !== user && !bots.has(id)),
  };
}

/** Reads one event_callback envelope. Never throws on unexpected shapes: they are `ignored`. */
export function parseEnvelope(envelope: SlackEnvelope): SlackActivity {
  const e = envelope.event;
  if (!e || typeof e !== 'object') return { kind: 'ignored', reason: 'no_event' };
  switch (e.type) {
    case 'message':
      return parseMessage(envelope);
    case 'reaction_added': {
      const user = str(e.user);
      const item = (e.item ?? {}) as Record<string, unknown>;
      const at = slackTsToDate(e.event_ts);
      if (!user || !at) return { kind: 'ignored', reason: 'no_user' };
      const itemUser = str(e.item_user);
      return {
        kind: 'reaction',
        id: `reaction:${str(item.channel) ?? ''}:${str(item.ts) ?? ''}:${user}:${str(e.reaction) ?? ''}:${str(e.event_ts)}`,
        user,
        at,
        ...(itemUser && itemUser !== user ? { itemUser } : {}),
      };
    }
    case 'member_joined_channel':
    case 'member_left_channel': {
      const user = str(e.user);
      const channel = str(e.channel);
      const at = slackTsToDate(e.event_ts) ?? (envelope.event_time ? new Date(envelope.event_time * 1000) : undefined);
      if (!user || !channel || !at) return { kind: 'ignored', reason: 'no_user' };
      const joined = e.type === 'member_joined_channel';
      return {
        kind: joined ? 'member_joined' : 'member_left',
        id: `${joined ? 'join' : 'leave'}:${channel}:${user}:${at.getTime()}`,
        user,
        channel,
        at,
      };
    }
    case 'team_join':
    case 'user_change': {
      const user = e.user as SlackUser | undefined;
      if (!user || typeof user.id !== 'string' || user.id === '') return { kind: 'ignored', reason: 'no_user' };
      return { kind: e.type, user };
    }
    case 'app_home_opened': {
      const user = str(e.user);
      return user
        ? { kind: 'app_home_opened', user, tab: str(e.tab) ?? 'home' }
        : { kind: 'ignored', reason: 'no_user' };
    }
    case 'app_uninstalled':
    case 'tokens_revoked':
      return { kind: 'uninstalled' };
    default:
      return { kind: 'ignored', reason: `event:${e.type}` };
  }
}

/** The channel and user a message or membership event needs classified, or undefined. */
export function channelOf(activity: SlackActivity): { channel: string; user: string } | undefined {
  if (activity.kind === 'message' && activity.channelType !== 'mpim')
    return { channel: activity.channel, user: activity.user };
  if (activity.kind === 'member_joined' || activity.kind === 'member_left')
    return { channel: activity.channel, user: activity.user };
  return undefined;
}

const person = (id: string): ActorRef => ({ kind: 'platform', id });

/**
 * The core events for an activity. `kind` is the channel's classification for its author (team, cross_team or
 * group: from the tenant's channel links); group DMs are always 'group'.
 */
export function toSignalEvents(activity: SlackActivity, kind: ConversationKind = 'group'): SignalEvent[] {
  switch (activity.kind) {
    case 'message':
      return [
        {
          type: 'message',
          id: activity.id,
          source: 'slack',
          actor: person(activity.user),
          occurredAt: activity.at,
          conversation: activity.channelType === 'mpim' ? 'group' : kind,
          count: 1,
          ...(activity.threadParentUser ? { threadReplyTo: person(activity.threadParentUser) } : {}),
          ...(activity.mentions.length ? { mentions: activity.mentions.map(person) } : {}),
        },
      ];
    case 'reaction':
      return [
        {
          type: 'reaction',
          id: activity.id,
          source: 'slack',
          actor: person(activity.user),
          occurredAt: activity.at,
          ...(activity.itemUser ? { to: person(activity.itemUser) } : {}),
        },
      ];
    case 'member_joined':
    case 'member_left':
      return [
        {
          type: activity.kind,
          id: activity.id,
          source: 'slack',
          actor: person(activity.user),
          occurredAt: activity.at,
          conversation: kind,
        },
      ];
    default:
      return [];
  }
}
