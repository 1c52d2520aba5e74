// The Slack runtime the composition root registers: the outbound adapter (Block Kit DMs through the outbox) and
// POST /slack/events (a Bolt App whose receiver is a Fastify route). Credentials: a tenant's installation (OAuth
// install or `teampulse platform add slack`) or, for the default tenant, the single workspace configured in the
// environment. Without any, the route answers 401/404 and nothing is sent.
import type { App } from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import type { ChatPlatformRuntime, PlatformPorts } from '../shared/runtime.js';
import { createSlackBoltApp } from './bolt.js';
import { acceptSlackEvent, eventClient } from './events.js';
import { SlackInbound } from './inbound.js';
import { createSlackAdapter } from './index.js';
import { slackOAuthRoutes } from './oauth.js';
import { FastifyReceiver } from './receiver.js';
import { SlackSocketWorker } from './socket.js';
import { SlackIdentitySync } from './identity-sync.js';
import { slackWebClient, WebClientPool } from './web.js';

/**
 * What the runtime needs from the service configuration: config.slack's credentials (none when no SLACK_* is set)
 * and config.slackApiUrl, which every workspace uses, also those installed through OAuth or `platform add`.
 */
export interface SlackSettings {
  botToken?: string | undefined;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  apiUrl: string;
}

export interface SlackRuntime extends ChatPlatformRuntime {
  inbound: SlackInbound;
  bolt: App;
  receiver: FastifyReceiver;
  socket?: SlackSocketWorker;
  identities: SlackIdentitySync;
}

export interface SlackRuntimeOptions {
  /** Slack's OAuth consent page (tests point it at the fake). */
  authorizationUrl?: string;
  /** Socket Mode reconnects after a drop (tests turn it off). */
  socketAutoReconnect?: boolean;
  /** The e-mail lookups' pause (tests make it instant). */
  identitySleep?: (ms: number) => Promise<void>;
  /** How long a command or click may take before its reply goes via response_url (0: always; see bolt.ts). */
  replyWithinMs?: number;
}

export function createSlackRuntime(
  settings: SlackSettings,
  ports: PlatformPorts,
  options: SlackRuntimeOptions = {},
): SlackRuntime {
  const adapter = createSlackAdapter({
    apiUrl: settings.apiUrl,
    logger: ports.logger,
    tokenFor: async (tenantId) => {
      if (tenantId === undefined) return settings.botToken;
      return (await ports.installations.forTenant(tenantId, 'slack'))?.secrets.botToken;
    },
  });
  const inbound = new SlackInbound({
    ports,
    onDeactivated: (installation, slackUserId) =>
      // A deactivated account may be a departure, or a renamed/merged account: HR gets a DM to confirm or dismiss
      // (sink.possibleDeparture, called by SlackInbound); nothing about the person changes until they decide.
      ports.logger.info(
        { tenantId: installation.tenantId, platform: 'slack', slackUserId },
        'Slack account deactivated: possible departure for HR to confirm',
      ),
  });
  const { clients, receiver, bolt } = receivingLane(settings, ports, inbound, options);
  const routes = slackRoutes(settings, ports, receiver, options);
  const socket = socketWorker(settings, ports, bolt, options);
  // People who never speak where the bot listens (managers who only get alerts) are found by their e-mail daily.
  const identities = new SlackIdentitySync({
    ports,
    pool: clients,
    ...(options.identitySleep ? { sleep: options.identitySleep } : {}),
  });
  return {
    adapter,
    routes,
    workers: socket ? [socket] : [],
    scheduledJobs: [identities.task()],
    inbound,
    bolt,
    receiver,
    identities,
    ...(socket ? { socket } : {}),
  };
}

/** POST /slack/events: the receiver (a Fastify route) and the Bolt App it feeds, with the Web API clients they use. */
function receivingLane(
  settings: SlackSettings,
  ports: PlatformPorts,
  inbound: SlackInbound,
  options: SlackRuntimeOptions,
): { clients: WebClientPool; receiver: FastifyReceiver; bolt: App } {
  const apiUrl = settings.apiUrl;
  const clients = new WebClientPool({ apiUrl, logger: ports.logger });
  const tokenless = slackWebClient(undefined, { apiUrl, logger: ports.logger });
  const receiver = new FastifyReceiver({
    installations: ports.installations,
    signingSecret: settings.signingSecret,
    logger: ports.logger,
    now: ports.now,
    // Events API envelopes over HTTP skip Bolt's App.processEvent (see events.ts); commands and clicks do not.
    events: async (installation, envelope) =>
      acceptSlackEvent(inbound, installation, envelope, eventClient(clients, installation, envelope, tokenless)),
  });
  const bolt = createSlackBoltApp({
    receiver,
    installations: ports.installations,
    inbound,
    apiUrl,
    logger: ports.logger,
    ...(options.replyWithinMs !== undefined ? { replyWithinMs: options.replyWithinMs } : {}),
  });
  return { clients, receiver, bolt };
}

/** The receiver's route, and the OAuth install routes when an OAuth client is configured and installs can be stored. */
function slackRoutes(
  settings: SlackSettings,
  ports: PlatformPorts,
  receiver: FastifyReceiver,
  options: SlackRuntimeOptions,
): FastifyPluginAsync {
  const events = receiver.routes();
  const oauth =
    settings.oauth && ports.registry
      ? slackOAuthRoutes({
          settings: settings.oauth,
          installations: ports.installations,
          registry: ports.registry,
          apiUrl: settings.apiUrl,
          logger: ports.logger,
          ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
        })
      : undefined;
  return async (app) => {
    await app.register(events);
    if (oauth) await app.register(oauth);
  };
}

/**
 * Socket Mode when an app-level token is configured: the same Bolt App, fed from the WebSocket (events included:
 * its listener calls the same acceptSlackEvent as the HTTP lane).
 */
function socketWorker(
  settings: SlackSettings,
  ports: PlatformPorts,
  bolt: App,
  options: SlackRuntimeOptions,
): SlackSocketWorker | undefined {
  if (!settings.appToken) return undefined;
  return new SlackSocketWorker({
    appToken: settings.appToken,
    apiUrl: settings.apiUrl,
    installations: ports.installations,
    logger: ports.logger,
    app: bolt,
    ...(options.socketAutoReconnect !== undefined ? { autoReconnect: options.socketAutoReconnect } : {}),
  });
}
