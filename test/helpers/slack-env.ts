// One Slack tenant wired like the service does it (src/main.ts), on the shared platform-env.ts: the alert org
// (platform slack, e-mails on the people Slack knows), the single workspace from the environment (bot token +
// signing secret) or none, and the Slack runtime against a fake Slack Web API on 127.0.0.1. Request builders sign
// the way Slack does.
import type { InboundSinkDeps } from '../../src/app/inbound/sink.js';
import type { EnvInstallation } from '../../src/app/platforms/installations.js';
import type { SecretBox } from '../../src/app/platforms/secret-box.js';
import {
  createSlackRuntime,
  type SlackRuntime,
  type SlackRuntimeOptions,
  type SlackSettings,
} from '../../adapters/slack/runtime.js';
import { startPlatformEnv, type PlatformEnv } from './platform-env.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { signSlack } from './slack.js';

export const SIGNING_SECRET = 'tp-test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const TEAM_ID = 'T0TEAMPULSE';

/** Slack users of the org (alerts-fixtures people): manager E2 and rep E3. */
export const SLACK_USERS = {
  manager: { id: 'U0MGR', email: 'wang.qiang@acme.test', employee: 'E2' },
  rep: { id: 'U0REP1', email: 'li.na@acme.test', employee: 'E3' },
  rep2: { id: 'U0REP2', email: 'sun.hao@acme.test', employee: 'E4' },
} as const;

/** Links employees of the org to Slack user ids directly, as a finished lookup would have ([employee, user] pairs). */
export async function linkSlackUsers(
  env: Pick<SlackEnv, 'db' | 'org'>,
  links: ReadonlyArray<readonly [employeeId: string, slackUserId: string]>,
): Promise<void> {
  await env.db
    .insertInto('platform_identities')
    .values(
      links.map(([employee, user]) => ({
        tenant_id: env.org.tenantId,
        employee_id: employee,
        platform: 'slack',
        platform_user_id: user,
      })),
    )
    .execute();
}

export type SlackEnv = PlatformEnv<FakeSlack, SlackRuntime>;

export async function startSlackEnv(
  options: {
    slug?: string;
    locale?: 'en' | 'zh-CN';
    /** Single workspace from the environment (default) or none (OAuth installs only). */
    envWorkspace?: boolean;
    /** Settings of that environment installation (e.g. botUserId/botId, the ids Bolt's ignoreSelf drops). */
    envSettings?: Record<string, string>;
    settings?: Partial<SlackSettings>;
    secretBox?: SecretBox;
    runtime?: SlackRuntimeOptions;
    /** PostgreSQL pool size (the bench passes the service's default). */
    poolSize?: number;
    /** The inbox sink's group commit settings (tests inject a timer; the bench tries sizes). */
    groupCommit?: InboundSinkDeps['groupCommit'];
  } = {},
): Promise<SlackEnv> {
  const withWorkspace = options.envWorkspace !== false;
  const env = await startPlatformEnv({
    platform: 'slack',
    slug: options.slug ?? 'slack-co',
    locale: options.locale ?? 'en',
    startFake: async () => {
      const fake = await startFakeSlack();
      fake.users.push(...Object.values(SLACK_USERS).map((u) => ({ id: u.id, email: u.email })));
      return fake;
    },
    installations: (): EnvInstallation[] =>
      withWorkspace
        ? [
            {
              platform: 'slack',
              installationKey: '*',
              secrets: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
              settings: { ...options.envSettings },
            },
          ]
        : [],
    runtime: (fake, ports) =>
      createSlackRuntime(
        {
          signingSecret: SIGNING_SECRET,
          apiUrl: fake.apiUrl,
          ...(withWorkspace ? { botToken: BOT_TOKEN } : {}),
          ...options.settings,
        },
        ports,
        { authorizationUrl: `${fake.url}/oauth/v2/authorize`, ...options.runtime },
      ),
    // Rate-limit waits are not slept through in real time: the tests move the clock.
    outboxSleep: async () => undefined,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.groupCommit ? { groupCommit: options.groupCommit } : {}),
  });
  // The people Slack knows carry their e-mails (users.lookupByEmail links them).
  for (const user of Object.values(SLACK_USERS)) {
    await env.db
      .updateTable('employees')
      .set({ email: user.email })
      .where((eb) => eb.and({ tenant_id: env.org.tenantId, external_id: user.employee }))
      .execute();
  }
  return env;
}

/** Headers of a request signed at `at` (Slack's clock) with `secret`. */
export function slackHeaders(
  body: string,
  at: Date,
  contentType = 'application/json',
  secret = SIGNING_SECRET,
): Record<string, string> {
  return { ...signSlack(secret, Math.floor(at.getTime() / 1000), body), 'content-type': contentType };
}

/** An event_callback envelope around `event`, modelled on the real payloads (shared/fixtures/slack). */
export function envelope(event: Record<string, unknown>, eventId: string, at: Date, teamId = TEAM_ID): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0TEAMPULSE',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(at.getTime() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'U0BOT', is_bot: true }],
    is_ext_shared_channel: false,
  });
}

/** Slack's ts for an instant ("1764043200.000100"). */
export const slackTs = (at: Date, seq = 100): string =>
  `${Math.floor(at.getTime() / 1000)}.${String(seq).padStart(6, '0')}`;

/** A slash command form body as Slack posts it. */
export function slashCommandBody(input: {
  userId: string;
  text: string;
  triggerId: string;
  responseUrl: string;
  teamId?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: input.teamId ?? TEAM_ID,
    team_domain: 'acme',
    channel_id: 'C0SALES',
    channel_name: 'sales-east',
    user_id: input.userId,
    user_name: 'someone',
    command: '/teampulse',
    text: input.text,
    api_app_id: 'A0TEAMPULSE',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

/** An interactivity form body: one `payload` field holding the JSON. */
export function interactivityBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A signed-ready form body of one button click in a DM (`block_actions`), as Slack posts it. */
export function blockActionsBody(input: {
  userId: string;
  button: { action_id: string; value: string; text?: unknown };
  channel: string;
  trigger: string;
  /** Where Slack would take the reply (`response_url`). */
  responseUrl: string;
  at: Date;
  blockId: string;
  messageTs: string;
}): string {
  return interactivityBody({
    type: 'block_actions',
    user: { id: input.userId, username: 'x', name: 'x', team_id: TEAM_ID },
    api_app_id: 'A0TEAMPULSE',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false },
    trigger_id: input.trigger,
    team: { id: TEAM_ID, domain: 'acme' },
    channel: { id: input.channel, name: 'directmessage' },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.button.action_id,
        block_id: input.blockId,
        value: input.button.value,
        type: 'button',
        ...(input.button.text !== undefined ? { text: input.button.text } : {}),
        action_ts: String(input.at.getTime() / 1000),
      },
    ],
  });
}

/** Posts one signed button click in a DM to /slack/events as Slack does; its reply goes to the fake's /respond/<trigger>. */
export function postSlackClick(
  env: Pick<SlackEnv, 'app' | 'clock' | 'fake'>,
  input: {
    userId: string;
    button: { action_id: string; value: string; text?: unknown };
    channel: string;
    trigger: string;
    blockId: string;
    messageTs: string;
  },
) {
  const at = env.clock.now();
  const body = blockActionsBody({ ...input, responseUrl: `${env.fake.url}/respond/${input.trigger}`, at });
  const headers = slackHeaders(body, at, 'application/x-www-form-urlencoded');
  return env.app.inject({ method: 'POST', url: '/slack/events', headers, payload: body });
}
