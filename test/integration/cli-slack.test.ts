// `teampulse slack install-link --tenant <slug>` in-process: prints the signed /slack/install URL for the tenant under
// TEAMPULSE_BASE_URL, which the OAuth route accepts (302 to Slack's consent page); a clear one-line error and exit 1
// when Slack OAuth is not configured or the tenant does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEncryptionKey, SecretBox } from '../../src/app/platforms/secret-box.js';
import { runCliWith } from '../helpers/cli.js';
import { SIGNING_SECRET, startSlackEnv, type SlackEnv } from '../helpers/slack-env.js';

const OAUTH = { clientId: '1111.2222', clientSecret: 'oauth-client-secret', stateSecret: 'oauth-state-secret-cli' };
const KEY = 'b'.repeat(64);
const OAUTH_ENV = {
  SLACK_CLIENT_ID: OAUTH.clientId,
  SLACK_CLIENT_SECRET: OAUTH.clientSecret,
  SLACK_STATE_SECRET: OAUTH.stateSecret,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  TEAMPULSE_ENCRYPTION_KEY: KEY,
  TEAMPULSE_BASE_URL: 'https://teampulse.example.com/',
};

let env: SlackEnv;
beforeAll(async () => {
  env = await startSlackEnv({
    slug: 'slack-link',
    envWorkspace: false,
    secretBox: new SecretBox([parseEncryptionKey(KEY)]),
    settings: { oauth: OAUTH },
  });
});
afterAll(async () => env.close());

describe('teampulse slack install-link', () => {
  it('prints the signed install link that GET /slack/install accepts for that tenant', async () => {
    const run = await runCliWith(env.database, ['slack', 'install-link', '--tenant', 'slack-link'], OAUTH_ENV);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^https:\/\/teampulse\.example\.com\/slack\/install\?tenant=slack-link&sig=[A-Za-z0-9_-]{32}\n$/,
    );
    const url = new URL(run.stdout.trim());
    const res = await env.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location)).toContain('/oauth/v2/authorize');

    const json = await runCliWith(
      env.database,
      ['slack', 'install-link', '--tenant', 'slack-link', '--json'],
      OAUTH_ENV,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ tenant: 'slack-link', url: url.toString() });
  });

  it('a link signed with another state secret is refused', async () => {
    const run = await runCliWith(env.database, ['slack', 'install-link', '--tenant', 'slack-link'], {
      ...OAUTH_ENV,
      SLACK_STATE_SECRET: 'some-other-secret',
    });
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    const res = await env.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(res.statusCode).toBe(403);
  });

  it('exits 1 with one line when Slack OAuth is not configured', async () => {
    for (const extra of [
      {} as Record<string, string>,
      { SLACK_BOT_TOKEN: 'xoxb-single', SLACK_SIGNING_SECRET: SIGNING_SECRET },
    ]) {
      const run = await runCliWith(env.database, ['slack', 'install-link', '--tenant', 'slack-link'], extra);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^teampulse: Slack OAuth is not configured: set SLACK_CLIENT_ID, [^\n]*\n$/);
    }
  });

  it('exits 1 with one line when the tenant does not exist', async () => {
    const run = await runCliWith(env.database, ['slack', 'install-link', '--tenant', 'nope'], OAUTH_ENV);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^teampulse: unknown tenant "nope"[^\n]*\n$/);
  });

  it('requires --tenant (usage error, exit 2)', async () => {
    const run = await runCliWith(env.database, ['slack', 'install-link'], OAUTH_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--tenant <slug>' not specified");
  });
});
