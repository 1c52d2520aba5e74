// The DingTalk runtime the composition root (src/compose/platforms.ts) builds: the outbound adapter, the HTTP
// routes, the Stream connections, the daily pull of leave and attendance, the address-book re-sync and the address book. It exists whether the
// credentials come from DINGTALK_* or from `teampulse platform add dingtalk`; without an installation the routes
// answer 401 and no connection is opened.
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { ChatPlatformRuntime, PlatformPorts } from '../shared/runtime.js';
import { DingTalkApi } from './api.js';
import { DingTalkClient } from './client.js';
import { DirectoryResync } from '../shared/directory-resync.js';
import { DingTalkInbound } from './inbound.js';
import { createDingTalkAdapter } from './index.js';
import { dingTalkDirectorySource } from './reads.js';
import { dingTalkRoutes } from './routes.js';
import { oaPullTask } from './oa-pull.js';
import { DingTalkStreamWorker, type StreamWorkerOptions } from './stream-worker.js';

export interface DingTalkRuntimeOptions {
  /** config.dingtalkHosts (defaults: the public hosts), for every DingTalk app, env or stored. */
  apiUrl: string;
  oapiUrl: string;
  timeoutMs?: number;
  /** Delay before an address-book change triggers a re-sync (changes come in bursts). */
  resyncDelayMs?: number;
  /** Cron of the daily pull of leave and attendance (in each tenant's time zone; default 01:30). */
  oaPullCron?: string;
  /** Stream-mode tuning (tests shorten the reconnect delay). */
  stream?: Pick<StreamWorkerOptions, 'refreshMs' | 'reconnectDelayMs' | 'pingIntervalMs'>;
}

export interface DingTalkRuntime extends ChatPlatformRuntime {
  inbound: DingTalkInbound;
  api: DingTalkApi;
  stream: DingTalkStreamWorker;
  resync: DirectoryResync;
}

export function createDingTalkRuntime(options: DingTalkRuntimeOptions, ports: PlatformPorts): DingTalkRuntime {
  const api = new DingTalkApi({
    apiUrl: options.apiUrl,
    oapiUrl: options.oapiUrl,
    now: ports.now,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const client = new DingTalkClient(api, ports.installations);
  const directory = dingTalkDirectorySource(api, ports.installations);
  const resync = new DirectoryResync({
    platform: 'dingtalk',
    ports,
    source: directory,
    delayMs: options.resyncDelayMs,
  });
  const inbound = new DingTalkInbound({
    ports,
    api,
    client,
    oapiUrl: options.oapiUrl,
    onDirectoryChanged: (tenantId) => resync.request(tenantId),
  });
  const stream = new DingTalkStreamWorker({ ...options.stream, apiUrl: options.apiUrl, ports, inbound });
  const workers: BackgroundWorker[] = [stream, resync];
  return {
    adapter: createDingTalkAdapter(client),
    routes: dingTalkRoutes({ inbound, installations: ports.installations, logger: ports.logger, now: ports.now }),
    workers,
    scheduledJobs: [oaPullTask({ api, ports, ...(options.oaPullCron ? { cron: options.oaPullCron } : {}) })],
    directory,
    inbound,
    api,
    stream,
    resync,
  };
}
