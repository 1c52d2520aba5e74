// Events API envelopes → metadata-only core events: what counts as human activity, threads, mentions, membership,
// reactions, and that the message text never reaches the result. Payloads are modelled on the real ones in
// shared/fixtures/slack (replayed as they are in slack-fixtures.test.ts).
import { describe, expect, it } from 'vitest';
import {
  commandWords,
  deliveryKeyOf,
  installationKeyOf,
  parseBlockAction,
  parseEnvelope,
  parseSlashCommand,
  slackTsToDate,
  toSignalEvents,
  type SlackEnvelope,
} from '../../adapters/slack/index.js';

const SECRET_TEXT = 'the quarterly numbers are terrible, do not tell anyone';

const envelope = (event: Record<string, unknown>, extra: Partial<SlackEnvelope> = {}): SlackEnvelope => ({
  type: 'event_callback',
  team_id: 'T0ACME',
  event_id: 'Ev0001',
  event_time: 1764558000,
  authorizations: [{ user_id: 'U0BOT', is_bot: true, team_id: 'T0ACME' }],
  event: { type: 'message', ...event } as SlackEnvelope['event'],
  ...extra,
});

const human = {
  type: 'message',
  user: 'U0LINA',
  channel: 'C0SALES',
  channel_type: 'channel',
  ts: '1764558000.000100',
  event_ts: '1764558000.000100',
  client_msg_id: 'c1',
  text: `${SECRET_TEXT} <@U0WANG> <@U0BOT>`,
};

describe('Slack event parsing', () => {
  it('turns a human channel message into a metadata-only message event (no text anywhere)', () => {
    const activity = parseEnvelope(envelope(human));
    expect(activity).toMatchObject({ kind: 'message', user: 'U0LINA', channel: 'C0SALES', channelType: 'channel' });
    const events = toSignalEvents(activity, 'team');
    expect(events).toEqual([
      {
        type: 'message',
        id: 'C0SALES:1764558000.000100',
        source: 'slack',
        actor: { kind: 'platform', id: 'U0LINA' },
        occurredAt: new Date(1764558000000),
        conversation: 'team',
        count: 1,
        // Our own bot's mention is not a person talking to a person.
        mentions: [{ kind: 'platform', id: 'U0WANG' }],
      },
    ]);
    expect(JSON.stringify({ activity, events })).not.toContain('quarterly');
  });

  it('reads mentions from rich-text blocks, without self-mentions or duplicates', () => {
    const blocks = [
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'user', user_id: 'U0WANG' },
              { type: 'text', text: SECRET_TEXT },
              { type: 'user', user_id: 'U0LINA' },
              { type: 'user', user_id: 'U0WANG' },
              { type: 'user', user_id: 'U0ZHAO' },
            ],
          },
        ],
      },
    ];
    const activity = parseEnvelope(envelope({ ...human, text: 'no tokens here', blocks }));
    expect(activity).toMatchObject({ kind: 'message', mentions: ['U0WANG', 'U0ZHAO'] });
  });

  it('counts thread replies to someone else, thread broadcasts, file shares and /me; not replies in one’s own thread', () => {
    const reply = parseEnvelope(envelope({ ...human, thread_ts: '1764550000.000001', parent_user_id: 'U0WANG' }));
    expect(toSignalEvents(reply)[0]).toMatchObject({ threadReplyTo: { kind: 'platform', id: 'U0WANG' } });
    const own = parseEnvelope(envelope({ ...human, thread_ts: '1764550000.000001', parent_user_id: 'U0LINA' }));
    expect(toSignalEvents(own)[0]).not.toHaveProperty('threadReplyTo');
    const root = parseEnvelope(envelope({ ...human, thread_ts: human.ts }));
    expect(toSignalEvents(root)[0]).not.toHaveProperty('threadReplyTo');
    const broadcast = parseEnvelope(
      envelope({ ...human, subtype: 'thread_broadcast', thread_ts: '1764550000.000001', root: { user: 'U0ZHAO' } }),
    );
    expect(toSignalEvents(broadcast)[0]).toMatchObject({ threadReplyTo: { id: 'U0ZHAO' } });
    for (const subtype of ['file_share', 'me_message']) {
      expect(parseEnvelope(envelope({ ...human, subtype })).kind).toBe('message');
    }
  });

  it.each([
    ['an edit', { subtype: 'message_changed', hidden: true, user: undefined }, 'hidden'],
    ['a deletion', { subtype: 'message_deleted', hidden: true, user: undefined }, 'hidden'],
    ['a thread-metadata update', { subtype: 'message_replied', hidden: true }, 'hidden'],
    ['a channel_join notice', { subtype: 'channel_join' }, 'subtype:channel_join'],
    ['a topic change', { subtype: 'channel_topic' }, 'subtype:channel_topic'],
    ['an app bot post without subtype', { bot_id: 'B0APP', bot_profile: { id: 'B0APP' } }, 'bot'],
    ['a classic bot_message', { subtype: 'bot_message', bot_id: 'B0OLD', user: undefined }, 'bot'],
    ['Slackbot', { user: 'USLACKBOT' }, 'no_user'],
    ['a DM with the bot', { channel: 'D0LINA', channel_type: 'im' }, 'dm_with_bot'],
    ['the App Home messages tab', { channel: 'D0LINA', channel_type: 'app_home' }, 'dm_with_bot'],
    ['a message without ts', { ts: undefined }, 'no_ts'],
  ])('does not count %s as activity', (_label, change, reason) => {
    const activity = parseEnvelope(envelope({ ...human, ...change }));
    expect(activity).toEqual({ kind: 'ignored', reason });
    expect(toSignalEvents(activity)).toEqual([]);
  });

  it('infers the channel type from the id when the payload omits it; group DMs are group conversations', () => {
    expect(parseEnvelope(envelope({ ...human, channel_type: undefined }))).toMatchObject({ channelType: 'channel' });
    expect(parseEnvelope(envelope({ ...human, channel: 'G0PRIV', channel_type: undefined }))).toMatchObject({
      channelType: 'group',
    });
    const mpim = parseEnvelope(envelope({ ...human, channel: 'G0MPIM', channel_type: 'mpim' }));
    expect(toSignalEvents(mpim, 'team')[0]).toMatchObject({ conversation: 'group' });
  });

  it('maps reactions (to the author of the message) and channel membership', () => {
    const reaction = parseEnvelope(
      envelope({
        type: 'reaction_added',
        user: 'U0LINA',
        reaction: 'tada',
        item_user: 'U0WANG',
        item: { type: 'message', channel: 'C0SALES', ts: '1764550000.000001' },
        event_ts: '1764558001.000200',
      }),
    );
    expect(toSignalEvents(reaction)).toEqual([
      {
        type: 'reaction',
        id: 'reaction:C0SALES:1764550000.000001:U0LINA:tada:1764558001.000200',
        source: 'slack',
        actor: { kind: 'platform', id: 'U0LINA' },
        occurredAt: new Date(1764558001000),
        to: { kind: 'platform', id: 'U0WANG' },
      },
    ]);
    const joined = parseEnvelope(
      envelope({
        type: 'member_joined_channel',
        user: 'U0LINA',
        channel: 'C0SALES',
        channel_type: 'C',
        event_ts: '1764558002.000300',
      }),
    );
    expect(toSignalEvents(joined, 'cross_team')).toEqual([
      expect.objectContaining({
        type: 'member_joined',
        conversation: 'cross_team',
        occurredAt: new Date(1764558002000),
      }),
    ]);
    const left = parseEnvelope(
      envelope({ type: 'member_left_channel', user: 'U0LINA', channel: 'C0SALES', event_ts: '1764558003.0' }),
    );
    expect(toSignalEvents(left)).toEqual([expect.objectContaining({ type: 'member_left', conversation: 'group' })]);
  });

  it('recognises user lifecycle, App Home and uninstall events; unknown events are ignored, never thrown', () => {
    expect(parseEnvelope(envelope({ type: 'user_change', user: { id: 'U0LINA', deleted: true } }))).toEqual({
      kind: 'user_change',
      user: { id: 'U0LINA', deleted: true },
    });
    expect(parseEnvelope(envelope({ type: 'team_join', user: {} }))).toEqual({ kind: 'ignored', reason: 'no_user' });
    expect(parseEnvelope(envelope({ type: 'app_home_opened', user: 'U0LINA', tab: 'home' }))).toEqual({
      kind: 'app_home_opened',
      user: 'U0LINA',
      tab: 'home',
    });
    expect(parseEnvelope(envelope({ type: 'tokens_revoked' }))).toEqual({ kind: 'uninstalled' });
    expect(parseEnvelope(envelope({ type: 'pin_added' }))).toEqual({ kind: 'ignored', reason: 'event:pin_added' });
    expect(parseEnvelope({ type: 'event_callback' } as SlackEnvelope)).toEqual({ kind: 'ignored', reason: 'no_event' });
  });

  it('keys deliveries by event_id, and old payloads without one by team, type, user and time', () => {
    expect(deliveryKeyOf(envelope(human))).toBe('Ev0001');
    const legacy = envelope({ type: 'reaction_added', user: 'U0LINA', event_ts: '1.5' }, { event_id: undefined });
    expect(deliveryKeyOf(legacy)).toBe('legacy:T0ACME:reaction_added:U0LINA:1.5');
  });

  it('finds the installation: the workspace, or the org for an org-wide install', () => {
    expect(installationKeyOf({ team_id: 'T1', enterprise_id: 'E1' })).toBe('T1');
    expect(installationKeyOf({ team_id: 'T1', enterprise_id: 'E1', is_enterprise_install: true })).toBe('E1');
    expect(installationKeyOf({ team: { id: 'T2' }, enterprise: null })).toBe('T2');
    expect(installationKeyOf({})).toBeUndefined();
  });

  it('converts Slack timestamps and refuses garbage', () => {
    expect(slackTsToDate('1764558000.123456')?.toISOString()).toBe('2025-12-01T03:00:00.123Z');
    expect(slackTsToDate('abc')).toBeUndefined();
    expect(slackTsToDate(undefined)).toBeUndefined();
  });
});

describe('Slack interactions', () => {
  const now = new Date('2026-12-01T03:00:00Z');

  it('reads a slash command into a neutral command with Slack references reduced to ids', () => {
    expect(commandWords('team link <#C0SALES|sales> sales-east')).toEqual(['team', 'link', 'C0SALES', 'sales-east']);
    expect(commandWords(' risk <@U0LINA|li.na>  <https://x.example|x> ')).toEqual([
      'risk',
      '@U0LINA',
      'https://x.example',
    ]);
    const command = parseSlashCommand(
      {
        command: '/teampulse',
        text: 'Team link <#C0SALES|sales> sales-east',
        user_id: 'U0LINA',
        trigger_id: 't1',
        channel_id: 'C0SALES',
      },
      now,
    );
    expect(command).toEqual({
      type: 'command',
      id: 'command:t1',
      source: 'slack',
      actor: { kind: 'platform', id: 'U0LINA' },
      occurredAt: now,
      command: 'team',
      args: ['link', 'C0SALES', 'sales-east'],
      replyTo: 'C0SALES',
    });
    expect(parseSlashCommand({ command: '/teampulse', text: '', user_id: 'U0LINA' }, now)).toMatchObject({
      command: 'help',
      args: [],
    });
    expect(parseSlashCommand({ command: '/teampulse', text: 'help' }, now)).toBeUndefined();
  });

  it('reads a button click into an action with the neutral action id and the message it belonged to', () => {
    const action = parseBlockAction(
      {
        type: 'block_actions',
        user: { id: 'U0WANG' },
        trigger_id: 'trig-9',
        container: { channel_id: 'D0WANG', message_ts: '1764558000.000100' },
        actions: [{ action_id: 'alert.feedback#2', value: 'a1:snooze', action_ts: '1764558005.5' }],
      },
      now,
    );
    expect(action).toEqual({
      type: 'action',
      id: 'action:trig-9',
      source: 'slack',
      actor: { kind: 'platform', id: 'U0WANG' },
      occurredAt: new Date(1764558005500),
      actionId: 'alert.feedback',
      value: 'a1:snooze',
      messageRef: 'D0WANG:1764558000.000100',
    });
    expect(parseBlockAction({ type: 'block_actions', user: { id: 'U1' }, actions: [] }, now)).toBeUndefined();
  });
});
