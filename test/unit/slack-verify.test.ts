// Request signing: good, bad, tampered, stale and future-dated requests, several candidate secrets, and headers
// that are missing or malformed. The clock is passed in.
import { describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS, verifySlackSignature } from '../../adapters/slack/index.js';
import { signSlack } from '../helpers/slack.js';

const SECRET = 'test-signing-secret-0123456789ab';
const NOW_MS = Date.parse('2026-12-01T03:00:00Z');
const nowSec = Math.floor(NOW_MS / 1000);

const body = JSON.stringify({ type: 'event_callback', event: { type: 'message', text: '你好 👋' } });

describe('Slack request signing', () => {
  it('accepts a request signed with the signing secret, over the raw bytes (UTF-8 included)', () => {
    const headers = signSlack(SECRET, nowSec, body);
    expect(verifySlackSignature({ rawBody: Buffer.from(body, 'utf8'), headers }, [SECRET], NOW_MS)).toBeUndefined();
    expect(verifySlackSignature({ rawBody: body, headers }, [SECRET], NOW_MS)).toBeUndefined();
  });

  it('refuses another secret, a tampered body and an unknown signature version', () => {
    const headers = signSlack('another-secret', nowSec, body);
    expect(verifySlackSignature({ rawBody: body, headers }, [SECRET], NOW_MS)).toBe('bad_signature');
    const good = signSlack(SECRET, nowSec, body);
    expect(verifySlackSignature({ rawBody: `${body} `, headers: good }, [SECRET], NOW_MS)).toBe('bad_signature');
    const v1 = { ...good, 'x-slack-signature': good['x-slack-signature']!.replace('v0=', 'v1=') };
    expect(verifySlackSignature({ rawBody: body, headers: v1 }, [SECRET], NOW_MS)).toBe('bad_signature');
  });

  it('refuses requests older or newer than five minutes, accepts them at the edge of the window', () => {
    for (const [offset, expected] of [
      [-MAX_SKEW_SECONDS, undefined],
      [MAX_SKEW_SECONDS, undefined],
      [-MAX_SKEW_SECONDS - 1, 'stale'],
      [MAX_SKEW_SECONDS + 1, 'stale'],
      [-86_400, 'stale'],
    ] as const) {
      const headers = signSlack(SECRET, nowSec + offset, body);
      expect(verifySlackSignature({ rawBody: body, headers }, [SECRET], NOW_MS), `offset ${offset}`).toBe(expected);
    }
  });

  it('tries each candidate secret (per-installation secrets next to the app secret)', () => {
    const headers = signSlack('workspace-secret', nowSec, body);
    expect(verifySlackSignature({ rawBody: body, headers }, ['', SECRET, 'workspace-secret'], NOW_MS)).toBeUndefined();
    expect(verifySlackSignature({ rawBody: body, headers }, [], NOW_MS)).toBe('no_secret');
  });

  it('refuses missing or malformed headers', () => {
    expect(verifySlackSignature({ rawBody: body, headers: {} }, [SECRET], NOW_MS)).toBe('missing_headers');
    const headers = signSlack(SECRET, nowSec, body);
    expect(
      verifySlackSignature(
        { rawBody: body, headers: { ...headers, 'x-slack-request-timestamp': '1e9' } },
        [SECRET],
        NOW_MS,
      ),
    ).toBe('bad_timestamp');
    expect(
      verifySlackSignature(
        { rawBody: body, headers: { 'x-slack-signature': headers['x-slack-signature'] } },
        [SECRET],
        NOW_MS,
      ),
    ).toBe('missing_headers');
  });
});
