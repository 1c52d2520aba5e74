// The Bolt App: authorize() reads the workspace's installation (environment or database), listeners hand every
// event, slash command and button click to SlackInbound. Bolt's own WebClients (the `client` listeners get) run
// with the adapter's options: SLACK_API_URL, no SDK retries, rate-limited calls rejected, no debug logging of bodies.
import { App, type AuthorizeResult, type Receiver } from '@slack/bolt';
import type { InstallationInfo, InstallationLookup } from '../../src/core/inbound-port.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import type { AdapterLogger } from '../shared/runtime.js';
import { acceptSlackEvent } from './events.js';
import type { SlackInbound } from './inbound.js';
import type { BlockActionsBody, SlashCommandBody } from './interactions.js';
import type { SlackEnvelope } from './parse.js';
import { INSTALLATION_KEY } from './receiver.js';
import { renderSlack } from './render.js';
import { sdkLogger, webClientOptions } from './web.js';

export interface SlackBoltOptions {
  receiver: Receiver;
  installations: InstallationLookup;
  inbound: SlackInbound;
  apiUrl: string;
  logger: AdapterLogger;
  /**
   * Time a command or click may take before Slack gets an empty ack and the reply follows via response_url
   * (default 2 s, inside Slack's 3 s). 0: always ack at once and answer via response_url.
   */
  replyWithinMs?: number;
}

/** Installation → what Bolt needs to act for the workspace (bot token; the bot's ids to ignore its own events). */
export function authorizeResult(
  installation: InstallationInfo,
  teamId?: string,
  enterpriseId?: string,
): AuthorizeResult {
  const setting = (name: string) => {
    const value = installation.settings[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const botUserId = setting('botUserId');
  const botId = setting('botId');
  return {
    ...(installation.secrets.botToken ? { botToken: installation.secrets.botToken } : {}),
    ...(botUserId ? { botUserId } : {}),
    ...(botId ? { botId } : {}),
    ...(teamId ? { teamId } : {}),
    ...(enterpriseId ? { enterpriseId } : {}),
  };
}

const TIMEOUT = Symbol('timeout');

function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A reply as Slack wants it in an ack or on response_url: only the person who acted sees it. */
export function ephemeral(reply: OutboundMessage): Record<string, unknown> {
  const { text, blocks } = renderSlack(reply);
  return { response_type: 'ephemeral', replace_original: false, text, blocks };
}

/** response_url is only ever Slack's (or the configured API host, for tests and proxies): no request forgery. */
export function trustedResponseUrl(url: unknown, apiUrl: string): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    const api = new URL(apiUrl);
    if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com') return parsed.href;
    return parsed.origin === api.origin ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function createSlackBoltApp(options: SlackBoltOptions): App {
  const { inbound, installations, logger } = options;
  const app = new App({
    receiver: options.receiver,
    logger: sdkLogger(logger, 'bolt'),
    clientOptions: webClientOptions({ apiUrl: options.apiUrl, logger }),
    convoStore: false,
    ignoreSelf: true,
    authorize: async (source) => {
      const key = source.isEnterpriseInstall ? source.enterpriseId : (source.teamId ?? source.enterpriseId);
      const installation = key ? await installations.find('slack', key) : undefined;
      if (!installation?.secrets.botToken) throw new Error('no Slack installation for this workspace');
      return authorizeResult(installation, source.teamId, source.enterpriseId);
    },
  });
  const replyWithinMs = options.replyWithinMs ?? 2_000;
  const installationOf = (context: Record<string, unknown>) => context[INSTALLATION_KEY] as InstallationInfo;

  const respond = async (url: unknown, reply: OutboundMessage) => {
    const target = trustedResponseUrl(url, options.apiUrl);
    if (!target) return;
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ephemeral(reply)),
      signal: AbortSignal.timeout(10_000),
    });
    if (!answer.ok) logger.warn({ status: answer.status }, 'Slack response_url refused the reply');
  };

  // Events API: one listener for every event type; what is kept is decided in parse.ts. Over HTTP the receiver
  // calls the same function directly (events.ts: Bolt's per-event cost); this listener serves Socket Mode.
  app.event(/.+/, async ({ body, context, client }) => {
    await acceptSlackEvent(inbound, installationOf(context), body as unknown as SlackEnvelope, client);
  });

  // `/teampulse <verb> …`: answered in the ack when the dispatcher is quick, else via response_url.
  app.command(/.+/, async ({ command, ack, context, client }) => {
    const body = command as unknown as SlashCommandBody;
    const work = inbound.command(installationOf(context), body, client);
    const reply = replyWithinMs > 0 ? await within(work, replyWithinMs) : TIMEOUT;
    if (reply !== TIMEOUT) {
      await ack(reply ? ephemeral(reply) : undefined);
      return;
    }
    await ack();
    const late = await work;
    if (late) await respond(body.response_url, late);
  });

  // Button clicks (alert feedback, survey answers): recorded first, then acknowledged; the thanks via response_url.
  app.action(/.+/, async ({ body, ack, context, client }) => {
    const work = inbound.action(installationOf(context), body as unknown as BlockActionsBody, client);
    const reply = replyWithinMs > 0 ? await within(work, replyWithinMs) : TIMEOUT;
    await ack();
    const answer = reply === TIMEOUT ? await work : reply;
    if (answer) await respond((body as { response_url?: unknown }).response_url, answer);
  });

  app.error(async (error) => {
    throw error;
  });
  return app;
}
