// What the Slack runtime declares before any Slack SDK is loaded (lazy.ts) and the eager runtime shares: SDK-free.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformCapabilities } from '../../src/core/platform.js';

// A bot in a channel sees every message there (metadata is all we keep); buttons call back; threads exist.
// chat.postMessage has no idempotency key: a crash between send and mark may repeat a DM.
export const SLACK_CAPABILITIES: PlatformCapabilities = {
  messageVisibility: 'all',
  interactiveButtons: true,
  threads: true,
  idempotentSend: false,
};

/**
 * The Fastify plugin serving POST /slack/events with `handle` (receiver.ts's, or lazy.ts's that loads it first).
 * The raw-body parser lives only in this plugin's context (the signature is computed over the bytes as received).
 */
export function slackEventsRoutes(
  handle: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  options: { path?: string | undefined; bodyLimitBytes?: number | undefined } = {},
): FastifyPluginAsync {
  const bodyLimit = options.bodyLimitBytes ?? 4 * 1024 * 1024;
  return async (fastify) => {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    // helmet: false — its headers are for browsers; this is a machine-to-machine webhook, and helmet's per-request
    // hooks were part of what kept the route under 2× Bolt's own receiver (issue 12, bench/RESULTS.md).
    fastify.post(options.path ?? '/slack/events', { bodyLimit, helmet: false }, handle);
  };
}

/** The daily e-mail lookup of people the bot has not met (identity-sync.ts). */
export const SLACK_IDENTITY_TASK = {
  name: 'slack-link-identities',
  cron: '40 1 * * *',
  perTenant: true,
  catchUp: true,
} as const;
