// What a chat adapter hands the composition root (src/main.ts): the outbound adapter for the outbox, the HTTP
// routes it serves (webhooks, OAuth) — each a Fastify plugin with its own raw-body parser in its own context —
// and background workers (stream connections, scheduled pulls of OA data).
import type { FastifyPluginAsync } from 'fastify';
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import type { InboundSink, InstallationLookup } from '../../src/core/inbound-port.js';

/** The ports every chat adapter receives. */
export interface PlatformPorts {
  installations: InstallationLookup;
  sink: InboundSink;
  logger: AdapterLogger;
  now: () => Date;
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
}
