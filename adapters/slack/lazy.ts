// The Slack runtime for a service started without any Slack configuration (no SLACK_* credentials, no OAuth
// client, no stored Slack workspace): the same adapter, POST /slack/events and identity task, but the Slack SDKs
// (@slack/bolt, web-api, oauth, socket-mode: ~35 MB of RSS) are only imported when first needed — the first
// request to /slack/events, the first DM to a Slack recipient, or the identity task of a tenant that has a Slack
// workspace. Then runtime.ts builds the real runtime once (concurrent first uses share one promise) and every call
// goes to it, so the answers are exactly the eager runtime's. This file must not import anything that imports an
// @slack/* package (test/unit/slack-lazy.test.ts checks it).
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { ChatPlatformRuntime, PlatformPorts } from '../shared/runtime.js';
import { renderSlack } from './render.js';
import { SLACK_CAPABILITIES, SLACK_IDENTITY_TASK, slackEventsRoutes } from './traits.js';
import type { SlackRuntime, SlackRuntimeOptions, SlackSettings } from './runtime.js';

export interface LazySlackRuntime extends ChatPlatformRuntime {
  /** The real runtime, imported and built on first call (then the same one). */
  load(): Promise<SlackRuntime>;
  /** Whether the Slack SDKs have been imported by this runtime. */
  loaded(): boolean;
}

export function createLazySlackRuntime(
  settings: SlackSettings,
  ports: PlatformPorts,
  options: SlackRuntimeOptions = {},
): LazySlackRuntime {
  let runtime: Promise<SlackRuntime> | undefined;
  const load = (): Promise<SlackRuntime> =>
    (runtime ??= import('./runtime.js')
      .then((m) => m.createSlackRuntime(settings, ports, options))
      .catch((error: unknown) => {
        runtime = undefined; // a failed import is retried on the next use
        throw error;
      }));

  // Rendering is pure and SDK-free (render.ts imports only Bolt's types); only sending needs the Web API.
  const adapter: PlatformAdapter<unknown> = {
    name: 'slack',
    capabilities: SLACK_CAPABILITIES,
    rateLimits: PLATFORM_RATE_LIMITS.slack,
    render: renderSlack,
    client: { send: async (...args) => (await load()).adapter.client.send(...args) },
  };

  // The receiver's route (path, raw-body parser, limits), declared at start; its handler is the real receiver's.
  // (Without Slack configuration at start the OAuth routes do not exist, as in the eager runtime.)
  const routes = slackEventsRoutes(async (request, reply) => (await load()).receiver.handle(request, reply));

  // The identity task does nothing for a tenant without a Slack workspace (the demo's): checked before importing.
  const identities: ScheduledTask = {
    ...SLACK_IDENTITY_TASK,
    run: async (ctx) => {
      if (!ctx.tenantId || !(await ports.installations.forTenant(ctx.tenantId, 'slack'))) return;
      await (await load()).identities.task().run(ctx);
    },
  };

  return {
    adapter,
    routes,
    workers: [],
    scheduledJobs: [identities],
    load,
    loaded: () => runtime !== undefined,
  };
}
