// Stream mode for every installation whose mode is "stream" (the default): one gateway connection each, kept in
// step with the installations (`teampulse platform add/remove` in another process is picked up on the next
// refresh). Robot messages and card clicks arrive as CALLBACKs, events as EVENTs; each is handled by the same
// DingTalkInbound as HTTP mode and acked only after that.
import type { BackgroundWorker } from '../../src/core/lifecycle.js';
import type { AdapterLogger, PlatformPorts } from '../shared/runtime.js';
import type { FetchLike } from '../shared/http.js';
import { sameCorp, type DingTalkApp } from './app.js';
import type { DingTalkInbound } from './inbound.js';
import { eventFromStream } from './parse.js';
import { dingTalkApps } from './routes.js';
import { StreamConnection, TOPIC_CARD, TOPIC_ROBOT, type StreamHandlers } from './stream.js';

export interface StreamWorkerOptions {
  apiUrl: string;
  ports: PlatformPorts;
  inbound: DingTalkInbound;
  /** How often the installations are re-read (new apps connect, removed ones disconnect). */
  refreshMs?: number;
  reconnectDelayMs?: (attempt: number) => number;
  pingIntervalMs?: number;
  fetch?: FetchLike;
}

export function streamHandlers(app: DingTalkApp, inbound: DingTalkInbound, logger: AdapterLogger): StreamHandlers {
  return {
    async callback(topic, data) {
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return null;
      }
      if (topic === TOPIC_ROBOT) {
        await inbound.robotMessage(app, payload);
        return null;
      }
      if (topic === TOPIC_CARD) {
        // The socket is authenticated, but the button token must still be ours (and this app's).
        const verified = inbound.verifyClick([app], payload);
        if (verified) await inbound.cardClick(verified, undefined);
        return null;
      }
      return null;
    },
    async event(headers, data) {
      const event = eventFromStream(headers, data);
      if (!event) return 'SUCCESS';
      // Acked (a re-push would not change the corp) but not stored.
      if (!sameCorp(app, event.corpId)) {
        logger.warn({ tenantId: app.tenantId, reason: 'wrong_corp' }, 'DingTalk Stream event ignored');
        return 'SUCCESS';
      }
      return (await inbound.event(app, event)) === 'retry' ? 'LATER' : 'SUCCESS';
    },
  };
}

export class DingTalkStreamWorker implements BackgroundWorker {
  readonly name = 'dingtalk-stream';
  private readonly connections = new Map<string, { secret: string; connection: StreamConnection }>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: StreamWorkerOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 5 * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.connections.values()].map((c) => c.connection.stop()));
    this.connections.clear();
  }

  /** Open connections for new stream-mode apps, close those of removed (or re-keyed) ones. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reconcile()
      .catch((error: unknown) => this.options.ports.logger.warn({ err: error }, 'DingTalk Stream refresh failed'))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The connection of an app (tests). */
  connection(clientId: string): StreamConnection | undefined {
    return this.connections.get(clientId)?.connection;
  }

  private async reconcile(): Promise<void> {
    const apps = (await dingTalkApps(this.options.ports.installations)).filter((a) => a.mode === 'stream');
    const wanted = new Map(apps.map((a) => [a.clientId, a]));
    for (const [clientId, entry] of this.connections) {
      const app = wanted.get(clientId);
      if (app && app.clientSecret === entry.secret) continue;
      await entry.connection.stop();
      this.connections.delete(clientId);
    }
    for (const app of apps) {
      if (this.connections.has(app.clientId)) continue;
      const connection = new StreamConnection({
        apiUrl: this.options.apiUrl,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        handlers: streamHandlers(app, this.options.inbound, this.options.ports.logger),
        logger: this.options.ports.logger,
        ...(this.options.reconnectDelayMs ? { reconnectDelayMs: this.options.reconnectDelayMs } : {}),
        ...(this.options.pingIntervalMs ? { pingIntervalMs: this.options.pingIntervalMs } : {}),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      this.connections.set(app.clientId, { secret: app.clientSecret, connection });
      connection.start();
    }
  }
}
