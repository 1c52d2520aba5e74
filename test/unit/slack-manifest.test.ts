// The app manifest (adapters/slack/manifest.json) agrees with the code: the OAuth install asks for exactly its bot
// scopes, every event it subscribes to is one the adapter reads (the 30,000 events/hour/workspace cap counts every
// subscription), and one request URL carries events, the slash command and interactivity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../adapters/slack/oauth.js';
import { parseEnvelope, type SlackEnvelope } from '../../adapters/slack/parse.js';

const manifest = JSON.parse(readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url: string; should_escape: boolean }> };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

describe('Slack app manifest', () => {
  it('asks for the scopes the OAuth install requests, no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://teampulse.example.com/slack/oauth_redirect']);
  });

  it('subscribes only to events the adapter reads', () => {
    for (const name of manifest.settings.event_subscriptions.bot_events) {
      const type = name.startsWith('message.') ? 'message' : name;
      const parsed = parseEnvelope({
        type: 'event_callback',
        event: { type, user: 'U1', channel: 'C1', event_ts: '1700000000.000100', ts: '1700000000.000100' },
      } as unknown as SlackEnvelope);
      expect(parsed.kind === 'ignored' && parsed.reason.startsWith('event:'), name).toBe(false);
    }
  });

  it('sends events, the slash command and button clicks to POST /slack/events', () => {
    const url = 'https://teampulse.example.com/slack/events';
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/teampulse', url, should_escape: true }),
    ]);
  });
});
