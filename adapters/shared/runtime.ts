// What a chat adapter hands the composition root (src/main.ts): the outbound adapter for the outbox, the HTTP
// routes it serves (webhooks, OAuth) — each a Fastify plugin with its own raw-body parser in its own context —
// background workers (stream connections), scheduled tasks (pulls of OA data) and its address book.
import type { FastifyPluginAsync } from 'fastify';
import type { BackgroundWorker, ScheduledTask } from '../../src/core/lifecycle.js';
import type { DirectorySource } from '../../src/core/directory-port.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import type { SendLedger } from '../../src/core/send-ledger.js';
import type { InboundSink, InstallationLookup, InstallationRegistry } from '../../src/core/inbound-port.js';

/** The ports every chat adapter receives. */
export interface PlatformPorts {
  installations: InstallationLookup;
  /** Writes installations (OAuth installs, uninstalls); absent ⇒ installations come only from the CLI/env. */
  registry?: InstallationRegistry;
  sink: InboundSink;
  logger: AdapterLogger;
  now: () => Date;
  /**
   * Re-reads a tenant's address book through the directory sync use case (src/app/platforms/sync.ts): adapters call
   * it when their address book changes (DingTalk/WeCom contact events). Absent ⇒ such events only update what
   * they carry themselves.
   */
  syncDirectory?: (tenantId: string, source: DirectorySource) => Promise<unknown>;
  /**
   * Per-recipient send counts shared by every replica (src/app/platforms/send-ledger.ts): platforms that drop
   * messages silently above a per-member rate (WeCom) check it before each send. Absent ⇒ only the outbox's
   * in-process limiter counts.
   */
  sendLedger?: SendLedger;
}

export interface AdapterLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ChatPlatformRuntime {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter has its own payload type
  adapter: PlatformAdapter<any>;
  routes?: FastifyPluginAsync;
  workers?: BackgroundWorker[];
  /** Cron tasks (scheduled pulls of OA data), run by the scheduler once per slot across replicas. */
  scheduledJobs?: ScheduledTask[];
  /** The platform's address book, for `teampulse sync <platform>` and event-triggered re-syncs. */
  directory?: DirectorySource;
}
