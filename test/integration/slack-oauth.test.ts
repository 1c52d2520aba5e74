// Multi-workspace OAuth against the fake Slack: GET /slack/install redirects to the consent page with the bot
// scopes and a signed state bound to the browser; GET /slack/oauth_redirect exchanges the code and stores the
// installation sealed (no token in clear anywhere in the database) for the tenant; events from that workspace are
// then accepted with its bot token; a forged state or a tampered tenant link installs nothing; app_uninstalled
// forgets the installation.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEncryptionKey, SecretBox } from '../../src/app/platforms/secret-box.js';
import { installLinkPath } from '../../adapters/slack/oauth.js';
import { envelope, slackHeaders, slackTs, SLACK_USERS, startSlackEnv, type SlackEnv } from '../helpers/slack-env.js';

const OAUTH = { clientId: '1111.2222', clientSecret: 'oauth-client-secret', stateSecret: 'oauth-state-secret-xyz' };
const BOT_TOKEN = 'xoxb-oauth-installed-0001';
const NEW_TEAM = 'T0NEWTEAM';

let env: SlackEnv;
beforeAll(async () => {
  env = await startSlackEnv({
    slug: 'slack-oauth',
    envWorkspace: false,
    secretBox: new SecretBox([parseEncryptionKey('a'.repeat(64))]),
    settings: { oauth: OAUTH },
  });
  env.fake.oauthAccess = {
    ok: true,
    access_token: BOT_TOKEN,
    app_id: 'A0TEAMPULSE',
    authed_user: { id: SLACK_USERS.manager.id, access_token: 'xoxp-user-token-never-kept', scope: 'chat:write' },
    bot_user_id: 'U0NEWBOT',
    team: { id: NEW_TEAM, name: 'Acme Newco' },
    enterprise: null,
    is_enterprise_install: false,
    scope: 'channels:history,chat:write,commands',
    token_type: 'bot',
  };
});
afterAll(async () => env.close());

async function databaseText(): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${env.database.schema} and table_type = 'BASE TABLE'`.execute(env.db);
  let dump = '';
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`select t::text as row from ${sql.table(`${env.database.schema}.${table_name}`)} t`.execute(env.db);
    dump += rows.rows.map((r) => r.row).join('\n');
  }
  return dump;
}

const installations = () =>
  env.db.selectFrom('platform_installations').selectAll().where('platform', '=', 'slack').execute();

async function startInstall(url = '/slack/install') {
  const res = await env.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(302);
  const location = new URL(String(res.headers.location));
  const cookie = String(res.headers['set-cookie'] ?? '')
    .split(';')[0]!
    .trim();
  return { location, state: location.searchParams.get('state') ?? '', cookie };
}

describe('Slack OAuth install', () => {
  it('refuses a tenant link without a valid signature, and installs nothing from a forged state', async () => {
    const forgedLink = await env.app.inject({ method: 'GET', url: '/slack/install?tenant=slack-oauth&sig=nope' });
    expect(forgedLink.statusCode).toBe(403);
    const { state } = await startInstall();
    // The right state from another browser (no cookie), or a state Slack never saw: the code is never exchanged.
    for (const attempt of [
      { url: `/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`, headers: {} },
      { url: '/slack/oauth_redirect?code=abc&state=forged', headers: {} },
    ]) {
      const res = await env.app.inject({ method: 'GET', ...attempt });
      expect(res.statusCode).toBe(400);
    }
    expect(env.fake.callsOf('oauth.v2.access')).toHaveLength(0);
    expect(await installations()).toHaveLength(0);
  });

  it('installs a workspace for the tenant with its token sealed, then accepts its events', async () => {
    const { location, state, cookie } = await startInstall(installLinkPath(OAUTH.stateSecret, 'slack-oauth'));
    expect(location.origin + location.pathname).toBe(`${env.fake.url}/oauth/v2/authorize`);
    expect(location.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(location.searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining(['channels:history', 'chat:write', 'commands', 'users:read.email']),
    );
    expect(cookie).toMatch(/^slack-app-oauth-state=/);

    const callback = await env.app.inject({
      method: 'GET',
      url: `/slack/oauth_redirect?code=code-123&state=${encodeURIComponent(state)}`,
      headers: { cookie },
    });
    expect(callback.statusCode).toBe(200);
    expect(callback.body).toContain('Acme Newco');
    expect(env.fake.callsOf('oauth.v2.access').at(-1)!.args.code).toBe('code-123');

    const [stored] = await installations();
    expect(stored).toMatchObject({ tenant_id: env.org.tenantId, installation_key: NEW_TEAM });
    expect(stored!.settings).toMatchObject({ teamName: 'Acme Newco', botUserId: 'U0NEWBOT' });
    const dump = await databaseText();
    expect(dump).not.toContain(BOT_TOKEN);
    expect(dump).not.toContain('xoxp-user-token-never-kept');
    const tenant = await env.db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', env.org.tenantId)
      .executeTakeFirstOrThrow();
    expect(tenant.settings).toMatchObject({ platform: 'slack' });

    // A signed event from the new workspace is accepted for the tenant, with the installed bot token.
    const at = env.clock.now();
    const event = {
      type: 'message',
      user: SLACK_USERS.rep.id,
      text: 'hello',
      ts: slackTs(at, 7),
      channel: 'C0GENERAL',
      channel_type: 'channel',
      event_ts: slackTs(at, 7),
    };
    const body = envelope(event, 'Ev0NEWTEAM01', at, NEW_TEAM);
    const res = await env.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: slackHeaders(body, at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(env.fake.callsOf('users.info').at(-1)!.token).toBe(BOT_TOKEN);
    const delivery = await env.db
      .selectFrom('inbound_deliveries')
      .select('tenant_id')
      .where('delivery_key', '=', 'event:Ev0NEWTEAM01')
      .executeTakeFirstOrThrow();
    expect(delivery.tenant_id).toBe(env.org.tenantId);

    // A workspace that never installed is unknown.
    const other = envelope(event, 'Ev0OTHER0001', at, 'T0STRANGER');
    const unknown = await env.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: slackHeaders(other, at),
      payload: other,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('forgets the installation when the app is uninstalled', async () => {
    const at = env.clock.now();
    const body = envelope({ type: 'app_uninstalled' }, 'Ev0UNINSTALL', at, NEW_TEAM);
    const res = await env.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: slackHeaders(body, at),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(await installations()).toHaveLength(0);
  });
});
