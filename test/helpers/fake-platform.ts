// A fake chat platform for delivery tests and the outbox benchmark: an HTTP server on 127.0.0.1 whose answers
// a test scripts (200, 429 + Retry-After, 5xx, hang), and an adapter whose client posts to it through the shared
// HTTP helper — so retries are tested through real HTTP and the real error coding.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import {
  PLATFORM_RATE_LIMITS,
  PlatformSendError,
  type ConversationRef,
  type PlatformAdapter,
  type PlatformClient,
  type PlatformName,
  type RateLimitRule,
} from '../../src/core/platform.js';
import { postJson } from '../../adapters/shared/http.js';

export interface FakeSend {
  conversationId: string;
  idempotencyKey: string;
  text: string;
  /** Wall-clock ms when the server received it. */
  at: number;
}

export type FakeAnswer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

export interface FakePlatformServer {
  url: string;
  /** Successful sends in arrival order. */
  sends: FakeSend[];
  /** Every request (including refused ones). */
  requests: number;
  /** Scripted answers, consumed in order; when empty the server answers 200. */
  script: FakeAnswer[];
  close(): Promise<void>;
}

export async function startFakePlatform(): Promise<FakePlatformServer> {
  const hanging = new Set<ServerResponse>();
  const state: FakePlatformServer = {
    url: '',
    sends: [],
    requests: 0,
    script: [],
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let counter = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      state.requests++;
      const answer = state.script.shift();
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      if (answer && answer.status !== 200) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? { ok: false }));
        return;
      }
      const parsed = JSON.parse(body) as { channel: string; text: string };
      state.sends.push({
        conversationId: parsed.channel,
        idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        text: parsed.text,
        at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ts: `m${++counter}` }));
    });
  });
  // Long keep-alive: a server closing an idle socket just as the client reuses it makes spurious ECONNRESETs
  // (real, and retried by the outbox, but noise in a benchmark).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export interface FakePayload {
  text: string;
  buttons: Array<{ action_id: string; value: string; label: string }>;
}

export function renderFake(message: OutboundMessage): FakePayload {
  const buttons = message.blocks.flatMap((b) =>
    b.type === 'buttons' ? b.buttons.map((x) => ({ action_id: x.actionId, value: x.value, label: x.label })) : [],
  );
  return { text: message.fallbackText, buttons };
}

export class FakeHttpClient implements PlatformClient<FakePayload> {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(
    to: ConversationRef,
    payload: FakePayload,
    idempotencyKey: string,
  ): Promise<{ platformMessageId: string }> {
    const result = await postJson(
      `${this.baseUrl}/send`,
      { channel: to.conversationId, ...payload },
      { timeoutMs: this.timeoutMs, headers: { 'idempotency-key': idempotencyKey } },
    );
    const body = result.body as { ok?: boolean; ts?: string } | undefined;
    if (!body?.ok || !body.ts) throw new PlatformSendError('bad_request', 'fake platform answered ok:false');
    return { platformMessageId: body.ts };
  }
}

export function fakeHttpAdapter(
  baseUrl: string,
  options: { name?: PlatformName; rateLimits?: readonly RateLimitRule[]; timeoutMs?: number } = {},
): PlatformAdapter<FakePayload> {
  const name = options.name ?? 'slack';
  return {
    name,
    capabilities: { messageVisibility: 'none', interactiveButtons: true, threads: false, idempotentSend: false },
    rateLimits: options.rateLimits ?? PLATFORM_RATE_LIMITS[name],
    render: renderFake,
    client: new FakeHttpClient(baseUrl, options.timeoutMs),
  };
}

/** A client that counts sends per idempotency key (for exactly-once tests) and may fail on demand. */
export class CountingClient implements PlatformClient<unknown> {
  readonly counts = new Map<string, number>();
  failWith: PlatformSendError | undefined;
  delayMs = 0;

  async send(_to: ConversationRef, _payload: unknown, idempotencyKey: string): Promise<{ platformMessageId: string }> {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith) throw this.failWith;
    this.counts.set(idempotencyKey, (this.counts.get(idempotencyKey) ?? 0) + 1);
    return { platformMessageId: `c-${idempotencyKey}` };
  }
}

/** A manual clock; `sleep` advances it instead of waiting. */
export function fakeClock(startIso = '2026-03-02T01:00:00Z') {
  let nowMs = Date.parse(startIso);
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleep: async (ms: number) => {
      nowMs += ms;
    },
  };
}
