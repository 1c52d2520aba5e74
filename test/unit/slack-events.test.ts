// The direct lane's ignoreSelf (adapters/slack/events.ts) decides like Bolt 5's own middleware, case by case.
import { ignoreSelf } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import { isOwnEvent } from '../../adapters/slack/events.js';

const installation = (settings: Record<string, string>): InstallationInfo =>
  ({
    tenantId: 't',
    platform: 'slack',
    installationKey: 'T1',
    origin: 'env',
    secrets: {},
    settings,
  }) as InstallationInfo;

/** Does Bolt's ignoreSelf let the event through to the listeners? */
async function boltKeeps(settings: Record<string, string>, event: Record<string, unknown>): Promise<boolean> {
  let kept = false;
  const args = {
    context: { botUserId: settings.botUserId, botId: settings.botId },
    event,
    ...(event.type === 'message' ? { message: event } : {}),
    next: async () => {
      kept = true;
    },
  };
  await (ignoreSelf as unknown as (a: typeof args) => Promise<void>)(args);
  return kept;
}

const ids = { botUserId: 'U0BOT', botId: 'B0BOT' };
const cases: Array<[string, Record<string, string>, Record<string, unknown>]> = [
  ['a person’s message', ids, { type: 'message', user: 'U1' }],
  ['the bot user’s message', ids, { type: 'message', user: 'U0BOT' }],
  ['the app’s bot_message', ids, { type: 'message', subtype: 'bot_message', bot_id: 'B0BOT' }],
  ['another bot’s bot_message', ids, { type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER' }],
  ['the bot user’s reaction', ids, { type: 'reaction_added', user: 'U0BOT' }],
  ['the bot user joining a channel', ids, { type: 'member_joined_channel', user: 'U0BOT' }],
  ['the bot user leaving a channel', ids, { type: 'member_left_channel', user: 'U0BOT' }],
  ['a team_join (user is an object)', ids, { type: 'team_join', user: { id: 'U0BOT' } }],
  ['no bot ids configured: a person’s message', {}, { type: 'message', user: 'U0BOT' }],
  ['no bot ids configured: a bot_message without bot_id', {}, { type: 'message', subtype: 'bot_message' }],
  ['no bot ids configured: a bot_message with bot_id', {}, { type: 'message', subtype: 'bot_message', bot_id: 'B1' }],
];

describe('isOwnEvent', () => {
  it.each(cases)('%s: decided as Bolt ignoreSelf decides', async (_name, settings, event) => {
    expect(isOwnEvent(installation(settings), event)).toBe(!(await boltKeeps(settings, event)));
  });

  it('drops the app’s own messages and keeps people’s', () => {
    expect(isOwnEvent(installation(ids), { type: 'message', user: 'U0BOT' })).toBe(true);
    expect(isOwnEvent(installation(ids), { type: 'message', user: 'U1' })).toBe(false);
  });
});
