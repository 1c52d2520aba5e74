// The WeCom runtime the composition root (src/compose/platforms.ts) builds: the outbound adapter, the callback
// routes, the daily pull of approved leave, the address-book re-sync and the address book. It exists whether the
// credentials come from WECOM_* or from `teampulse platform add wecom`; without an installation the callback
// answers 401 and nothing is sent.
import type { ChatPlatformRuntime, PlatformPorts } from '../shared/runtime.js';
import { WeComApi } from './api.js';
import { WeComClient } from './client.js';
import { createWeComAdapter } from './index.js';
import { WeComInbound } from './inbound.js';
import { weComOaPullTask } from './oa-pull.js';
import { weComDirectorySource } from './reads.js';
import { DirectoryResync } from '../shared/directory-resync.js';
import { weComRoutes } from './routes.js';

export interface WeComRuntimeOptions {
  /** config.wecomApiUrl (WECOM_API_URL; default the public host), for every WeCom app, env or stored. */
  apiUrl: string;
  timeoutMs?: number;
  /** Delay before a contact change triggers a re-sync (changes come in bursts). */
  resyncDelayMs?: number;
  /** Cron of the daily pull of approved leave (in each tenant's time zone; default 01:40). */
  oaPullCron?: string;
}

export interface WeComRuntime extends ChatPlatformRuntime {
  inbound: WeComInbound;
  api: WeComApi;
  client: WeComClient;
  resync: DirectoryResync;
}

export function createWeComRuntime(options: WeComRuntimeOptions, ports: PlatformPorts): WeComRuntime {
  const api = new WeComApi({
    apiUrl: options.apiUrl,
    now: ports.now,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const client = new WeComClient(api, ports.installations, {
    now: ports.now,
    ...(ports.sendLedger ? { ledger: ports.sendLedger } : {}),
  });
  const directory = weComDirectorySource(api, ports.installations);
  const resync = new DirectoryResync({ platform: 'wecom', ports, source: directory, delayMs: options.resyncDelayMs });
  const inbound = new WeComInbound({ ports, api, client, onDirectoryChanged: (tenantId) => resync.request(tenantId) });
  return {
    adapter: createWeComAdapter(client),
    routes: weComRoutes({ inbound, installations: ports.installations, logger: ports.logger }),
    // On shutdown, the answers and lookups started by callbacks already acknowledged are finished first.
    workers: [resync, { name: 'wecom-callback-work', start: () => undefined, stop: () => inbound.idle() }],
    scheduledJobs: [weComOaPullTask({ api, ports, ...(options.oaPullCron ? { cron: options.oaPullCron } : {}) })],
    directory,
    inbound,
    api,
    client,
    resync,
  };
}
