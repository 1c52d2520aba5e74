// Replays every real Slack payload in shared/fixtures/slack (read in place, never copied into the repository; the
// test skips when the folder is absent) through the adapter's parsing, signing check and error mapping. Every file
// must have an expectation here, so a payload added to the collection cannot go untested.
import { describe, expect, it } from 'vitest';
import {
  deliveryKeyOf,
  parseBlockAction,
  parseEnvelope,
  parseSlashCommand,
  toSignalEvents,
  verifySlackSignature,
  type SlackEnvelope,
} from '../../adapters/slack/index.js';
import { slackErrorCode } from '../../adapters/slack/errors.js';
import { SLACK_FIXTURES_DIR, slackFixtures } from '../helpers/slack-fixtures.js';

/** Expected parse outcome of each event payload: 'message' (counted), another activity kind, or `ignored:<why>`. */
const EVENTS: Record<string, string> = {
  'event_app_mention.bolt-python.json': 'ignored:event:app_mention',
  'event_app_mention.docs.json': 'ignored:event:app_mention',
  'event_member_joined_channel.bolt-python.json': 'member_joined',
  'event_member_joined_channel.docs.json': 'member_joined',
  'event_message_app_bot_no_subtype.bolt-python.json': 'ignored:bot',
  'event_message_bot_message_subtype.bolt-python.json': 'ignored:bot',
  'event_message_bot_message_subtype.docs.json': 'ignored:bot',
  'event_message_changed.bolt-python.json': 'ignored:hidden',
  'event_message_changed.docs.json': 'ignored:hidden',
  'event_message_changed_thread_parent_update.bolt-python.json': 'ignored:hidden',
  'event_message_channel.bolt-python.json': 'message',
  'event_message_channel.docs.json': 'message',
  'event_message_channel_join.docs.json': 'ignored:subtype:channel_join',
  'event_message_channel_mention.java-slack-sdk.json': 'message',
  'event_message_channel_user.bolt-python.json': 'message',
  'event_message_deleted.bolt-python.json': 'ignored:hidden',
  'event_message_deleted.docs.json': 'ignored:hidden',
  'event_message_file_share.bolt-python.json': 'message',
  'event_message_im.docs.json': 'ignored:dm_with_bot',
  'event_message_replied.docs.json': 'ignored:hidden',
  'event_message_thread_broadcast.bolt-python.json': 'message',
  'event_message_thread_reply_channel.bolt-python.json': 'message',
  'event_message_thread_reply_im.bolt-python.json': 'ignored:dm_with_bot',
  'event_reaction_added.bolt-python.json': 'reaction',
  'event_reaction_added.docs.json': 'reaction',
  'event_reaction_added_legacy_no_event_id.python-slack-events-api.json': 'reaction',
  // Inner events only: wrapped in an envelope by the test.
  'event_only_app_mention_edited.java-slack-sdk.json': 'ignored:event:app_mention',
  'event_only_app_mention_from_bot.java-slack-sdk.json': 'ignored:event:app_mention',
  'event_only_message_app_home.java-slack-sdk.json': 'ignored:dm_with_bot',
  'event_only_message_bot_message_in_thread.java-slack-sdk.json': 'ignored:bot',
  'event_only_message_bot_message_mpim.java-slack-sdk.json': 'ignored:bot',
  'event_only_message_changed_file_share_edit.java-slack-sdk.json': 'ignored:hidden',
  'event_only_message_changed_previous_message_empty_array.java-slack-sdk.json': 'ignored:hidden',
  'event_only_message_changed_thread_reply_edit.java-slack-sdk.json': 'ignored:hidden',
  'event_only_message_changed_tombstone_channel.java-slack-sdk.json': 'ignored:hidden',
  'event_only_message_changed_tombstone_im.java-slack-sdk.json': 'ignored:hidden',
  'event_only_message_channel_join.java-slack-sdk.json': 'ignored:subtype:channel_join',
  'event_only_message_deleted_bot_message.java-slack-sdk.json': 'ignored:hidden',
  'event_only_team_join_minimal.java-slack-sdk.json': 'ignored:no_user',
  'event_only_user_change.docs.json': 'user_change',
  // Blanked field unions, not real payloads (the user id is ""): they parse without throwing and count nothing.
  'schema_skeletons/team_join_envelope_skeleton.java-slack-sdk.json': 'ignored:no_user',
  'schema_skeletons/user_change_envelope_skeleton.java-slack-sdk.json': 'ignored:no_user',
};

/** Web API answers and the outbox code their error maps to ('ok' for successes). */
const WEB_API: Record<string, string> = {
  'webapi_auth.test_error.json': 'unauthorized',
  'webapi_auth.test_ok_bot_token.bolt-python.json': 'ok',
  'webapi_auth.test_ok_user_token.json': 'ok',
  'webapi_chat.postMessage_error.json': 'bad_request',
  'webapi_chat.postMessage_ok.json': 'ok',
  'webapi_conversations.open_error.json': 'invalid_recipient',
  'webapi_conversations.open_ok.json': 'ok',
  'webapi_oauth.v2.access_ok.json': 'ok',
  'webapi_ratelimited_429.python-slack-sdk.json': 'rate_limited',
  'webapi_users.info_error.json': 'invalid_recipient',
  'webapi_users.info_ok.json': 'ok',
  'webapi_users.lookupByEmail_error.json': 'invalid_recipient',
  'webapi_users.lookupByEmail_ok.json': 'ok',
};

/** Requests that are not events: what the adapter makes of them. */
const REQUESTS: Record<string, string> = {
  'events_api_retry_headers.bolt-python.json': 'retry',
  'interactivity_block_actions.bolt-python.json': 'action',
  'interactivity_block_actions_attachment.java-slack-sdk.json': 'action',
  'interactivity_shortcut_raw_form.bolt-js.json': 'not_an_action',
  'interactivity_view_submission.bolt-python.json': 'not_an_action',
  'signing_vector_docs_example.json': 'signature',
  'slash_command.bolt-js.json': 'command',
  'slash_command.bolt-python.json': 'command',
  'slash_command.docs-signing-example.json': 'command',
  'ssl_check.bolt-python.json': 'ssl_check',
  'url_verification.bolt-python.json': 'url_verification',
  'url_verification.python-slack-events-api.json': 'url_verification',
};

const outcome = (activity: ReturnType<typeof parseEnvelope>) =>
  activity.kind === 'ignored' ? `ignored:${activity.reason}` : activity.kind;

const wrap = (event: Record<string, unknown>): SlackEnvelope => ({
  type: 'event_callback',
  team_id: 'T111',
  event_id: 'EvFIXTURE',
  event: event as SlackEnvelope['event'],
});

describe.skipIf(!SLACK_FIXTURES_DIR)('Slack fixtures replay (shared/fixtures/slack)', () => {
  const fixtures = slackFixtures();

  it('has an expectation for every fixture file', () => {
    const known = new Set([...Object.keys(EVENTS), ...Object.keys(WEB_API), ...Object.keys(REQUESTS)]);
    expect([...fixtures.keys()].filter((name) => !known.has(name))).toEqual([]);
    expect([...known].filter((name) => !fixtures.has(name))).toEqual([]);
  });

  it.each(Object.entries(EVENTS))('%s → %s', (name, expected) => {
    const payload = fixtures.get(name) as Record<string, unknown>;
    const envelope = name.includes('event_only_') ? wrap(payload) : (payload as unknown as SlackEnvelope);
    const activity = parseEnvelope(envelope);
    expect(outcome(activity)).toBe(expected);
    const events = toSignalEvents(activity, 'team');
    expect(events.length).toBe(['message', 'reaction', 'member_joined'].includes(expected) ? 1 : 0);
    expect(deliveryKeyOf(envelope).length).toBeGreaterThan(0);
    // Metadata only: no text of the payload survives into what would be stored.
    const text = (envelope.event as { text?: unknown }).text;
    if (typeof text === 'string' && text.length > 3) expect(JSON.stringify(events)).not.toContain(text);
    for (const event of events) {
      expect(event.occurredAt.getTime()).not.toBeNaN();
      expect(event.actor.id).toMatch(/^[UW][A-Z0-9]+$/);
    }
  });

  it('keeps the thread and mention details of the human messages', () => {
    const mention = parseEnvelope(fixtures.get('event_message_channel_mention.java-slack-sdk.json') as SlackEnvelope);
    expect(mention).toMatchObject({ kind: 'message', mentions: ['U123'] });
    const reply = parseEnvelope(fixtures.get('event_message_thread_reply_channel.bolt-python.json') as SlackEnvelope);
    // A reply in one's own thread is not a reply to someone else.
    expect(reply).toMatchObject({ kind: 'message' });
    expect(reply).not.toHaveProperty('threadParentUser');
    const legacy = fixtures.get(
      'event_reaction_added_legacy_no_event_id.python-slack-events-api.json',
    ) as SlackEnvelope;
    expect(deliveryKeyOf(legacy)).toMatch(/^legacy:/);
  });

  it.each(Object.entries(WEB_API))('%s → %s', (name, expected) => {
    const payload = fixtures.get(name) as { ok?: boolean; error?: string; status?: number; body?: { error?: string } };
    if (expected === 'ok') {
      expect(payload.ok).toBe(true);
      return;
    }
    const error = payload.status === 429 ? 'ratelimited' : (payload.error ?? payload.body?.error ?? '');
    expect(slackErrorCode(error)).toBe(expected);
  });

  it.each(Object.entries(REQUESTS))('%s → %s', (name, expected) => {
    const payload = fixtures.get(name) as Record<string, unknown>;
    const now = new Date('2026-12-01T03:00:00Z');
    switch (expected) {
      case 'action':
        expect(parseBlockAction(payload.payload as never, now)).toMatchObject({ type: 'action' });
        break;
      case 'not_an_action':
        expect((payload.payload as { type: string }).type).not.toBe('block_actions');
        break;
      case 'command': {
        const decoded = (payload.decoded ?? Object.fromEntries(new URLSearchParams(String(payload.raw)))) as never;
        expect(parseSlashCommand(decoded, now)).toMatchObject({ type: 'command' });
        break;
      }
      case 'signature': {
        const v = payload as { signing_secret: string; timestamp: string; body: string; expected_signature: string };
        const headers = { 'x-slack-signature': v.expected_signature, 'x-slack-request-timestamp': v.timestamp };
        const at = Number(v.timestamp) * 1000;
        expect(verifySlackSignature({ rawBody: v.body, headers }, [v.signing_secret], at)).toBeUndefined();
        expect(verifySlackSignature({ rawBody: `${v.body}x`, headers }, [v.signing_secret], at)).toBe('bad_signature');
        // Replayed ten minutes later, the same request is stale.
        expect(verifySlackSignature({ rawBody: v.body, headers }, [v.signing_secret], at + 600_000)).toBe('stale');
        break;
      }
      case 'retry':
        expect((payload.headers as Record<string, string>)['x-slack-retry-num']).toMatch(/^\d+$/);
        break;
      case 'ssl_check':
        expect((payload.decoded as Record<string, string>).ssl_check).toBe('1');
        break;
      case 'url_verification':
        expect(payload).toMatchObject({ type: 'url_verification', challenge: expect.any(String) });
        break;
    }
  });
});
