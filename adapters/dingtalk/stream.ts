// One DingTalk Stream-mode connection, speaking the documented protocol (open-dingtalk/developerpedia
// docs/learn/stream/protocol.md; shared/design/platforms.md §2.2) over `ws` instead of wrapping dingtalk-stream,
// whose pitfalls we avoid: every CALLBACK and EVENT is acked explicitly once our handler has finished (an event we
// could not store is acked LATER, so it is pushed again); the client secret travels in the POST body of
// connections/open, never in a URL; the gateway URL comes from configuration (tests point it at a fake); each
// connection has its own subscriptions. A dropped socket, a missed pong or a SYSTEM disconnect ⇒ a new ticket and
// a new socket, with backoff while the gateway refuses.
import { hostname } from 'node:os';
import WebSocket from 'ws';
import { postJson, type FetchLike } from '../shared/http.js';
import type { AdapterLogger } from '../shared/runtime.js';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface StreamFrameHeaders {
  topic?: string;
  messageId?: string;
  [key: string]: unknown;
}

export interface StreamHandlers {
  /** A CALLBACK (robot message, card click): the value becomes the ack's `response`. */
  callback(topic: string, data: string, headers: StreamFrameHeaders): Promise<unknown>;
  /** An EVENT: SUCCESS once it is stored, LATER to have it pushed again. */
  event(headers: StreamFrameHeaders, data: string): Promise<'SUCCESS' | 'LATER'>;
}

export interface StreamConnectionOptions {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  handlers: StreamHandlers;
  logger: AdapterLogger;
  /** Delay before reconnect attempt n (1-based); default 1 s doubling to 60 s, with jitter. */
  reconnectDelayMs?: (attempt: number) => number;
  /** WebSocket ping interval; a connection without a pong by the next ping is dropped. */
  pingIntervalMs?: number;
  fetch?: FetchLike;
}

const SUBSCRIPTIONS = [
  { type: 'EVENT', topic: '*' },
  { type: 'CALLBACK', topic: TOPIC_ROBOT },
  { type: 'CALLBACK', topic: TOPIC_CARD },
];

const defaultDelay = (attempt: number) => {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return base / 2 + Math.random() * (base / 2);
};

interface Frame {
  type?: string;
  headers?: StreamFrameHeaders;
  data?: unknown;
}

export class StreamConnection {
  /** Sockets opened so far (tests watch reconnects with it). */
  opened = 0;
  private socket: WebSocket | undefined;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private failures = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: StreamConnectionOptions) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      await new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1000, 'shutting down');
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 2_000).unref();
      });
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delayMs);
    this.timer.unref();
  }

  private retryLater(reason: string): void {
    this.failures++;
    const delay = (this.options.reconnectDelayMs ?? defaultDelay)(this.failures);
    this.options.logger.warn(
      { clientId: this.options.clientId, attempt: this.failures, delayMs: Math.round(delay), reason },
      'DingTalk Stream: reconnecting',
    );
    this.schedule(delay);
  }

  /** connections/open (secret in the body), then the socket to `endpoint?ticket=…` (a one-time ticket). */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    let endpoint: string;
    let ticket: string;
    try {
      const result = await postJson(
        `${this.options.apiUrl.replace(/\/+$/, '')}/v1.0/gateway/connections/open`,
        {
          clientId: this.options.clientId,
          clientSecret: this.options.clientSecret,
          subscriptions: SUBSCRIPTIONS,
          ua: 'teampulse/dingtalk-stream',
          localIp: hostname(),
        },
        {
          timeoutMs: 10_000,
          headers: { accept: 'application/json' },
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        },
      );
      const body = result.body as { endpoint?: unknown; ticket?: unknown } | undefined;
      if (typeof body?.endpoint !== 'string' || typeof body.ticket !== 'string') throw new Error('no endpoint/ticket');
      endpoint = body.endpoint;
      ticket = body.ticket;
    } catch (error) {
      return this.retryLater(`connections/open failed: ${(error as Error).message}`);
    }
    if (this.stopped) return;
    const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    let alive = true;
    socket.on('open', () => {
      this.opened++;
      this.failures = 0;
      this.options.logger.info(
        { clientId: this.options.clientId, host: new URL(endpoint).host },
        'DingTalk Stream connected',
      );
      clearInterval(this.pinger);
      this.pinger = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, this.options.pingIntervalMs ?? 30_000);
      this.pinger.unref();
    });
    socket.on('pong', () => (alive = true));
    socket.on('message', (raw) => this.track(this.onFrame(socket, raw.toString())));
    socket.on('error', (error) => {
      this.options.logger.warn({ clientId: this.options.clientId, err: error.message }, 'DingTalk Stream socket error');
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      clearInterval(this.pinger);
      this.socket = undefined;
      this.retryLater('socket closed');
    });
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private reply(socket: WebSocket, messageId: string | undefined, data: string, code = 200): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(
      JSON.stringify({
        code,
        headers: { contentType: 'application/json', messageId: messageId ?? '' },
        message: code === 200 ? 'OK' : 'ERROR',
        data,
      }),
    );
  }

  private async onFrame(socket: WebSocket, raw: string): Promise<void> {
    let frame: Frame;
    try {
      frame = JSON.parse(raw) as Frame;
    } catch {
      this.options.logger.warn({ clientId: this.options.clientId }, 'DingTalk Stream: a frame that is not JSON');
      return;
    }
    const headers = frame.headers ?? {};
    const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data ?? {});
    if (frame.type === 'SYSTEM') {
      if (headers.topic === 'ping') return this.reply(socket, headers.messageId, data);
      if (headers.topic === 'disconnect') {
        // The gateway is about to close this socket (~10 s): take a new ticket now instead of waiting.
        this.socket = undefined;
        clearInterval(this.pinger);
        socket.terminate();
        this.failures = 0;
        this.schedule(0);
      }
      return;
    }
    if (frame.type === 'EVENT') {
      let status: 'SUCCESS' | 'LATER';
      try {
        status = await this.options.handlers.event(headers, data);
      } catch (error) {
        this.options.logger.error({ err: error, clientId: this.options.clientId }, 'DingTalk Stream event failed');
        status = 'LATER';
      }
      return this.reply(socket, headers.messageId, JSON.stringify({ status, message: status.toLowerCase() }));
    }
    if (frame.type === 'CALLBACK') {
      let response: unknown = null;
      try {
        response = (await this.options.handlers.callback(String(headers.topic ?? ''), data, headers)) ?? null;
      } catch (error) {
        this.options.logger.error({ err: error, clientId: this.options.clientId }, 'DingTalk Stream callback failed');
      }
      return this.reply(socket, headers.messageId, JSON.stringify({ response }));
    }
  }
}
