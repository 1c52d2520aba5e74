// The local fake HTTP server under the platform fakes (fake-wecom.ts, fake-dingtalk.ts): JSON bodies parsed, every
// call recorded, answers scripted per path (consumed in order, before the platform's default behaviour), and
// access tokens issued and checked (they stay valid until `revokeTokens()`). Each platform fake supplies only its
// routes: what its endpoints answer.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface ScriptedAnswer {
  /** 200 when absent. */
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeHttpServer {
  url: string;
  calls: FakeCall[];
  /** Per path (e.g. '/cgi-bin/message/send'): answers used before the default behaviour. */
  script: Map<string, ScriptedAnswer[]>;
  tokensIssued: number;
  tokenLifetimeSeconds: number;
  revokeTokens(): void;
  callsTo(path: string): FakeCall[];
  close(): Promise<void>;
}

/** What a platform's routes use to issue and check tokens. */
export interface FakeTokens {
  issue(): string;
  valid(token: string | undefined): boolean;
}

export async function startFakeHttpServer(
  route: (call: FakeCall, tokens: FakeTokens) => ScriptedAnswer,
): Promise<FakeHttpServer> {
  const valid = new Set<string>();
  const state: FakeHttpServer = {
    url: '',
    calls: [],
    script: new Map(),
    tokensIssued: 0,
    tokenLifetimeSeconds: 7200,
    revokeTokens: () => valid.clear(),
    callsTo: (path) => state.calls.filter((c) => c.path === path),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const tokens: FakeTokens = {
    issue: () => {
      const token = `tok-${++state.tokensIssued}`;
      valid.add(token);
      return token;
    },
    valid: (token) => token !== undefined && valid.has(token),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const call: FakeCall = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      state.calls.push(call);
      const answer = state.script.get(call.path)?.shift() ?? route(call, tokens);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A fixed installation lookup for adapter-level tests (the real one lives in src/app/platforms). */
export function staticLookup<I extends { tenantId: string; installationKey: string }>(infos: readonly I[]) {
  return {
    find: async (_platform: string, key: string) => infos.find((i) => i.installationKey === key),
    forTenant: async (tenantId: string) => infos.find((i) => i.tenantId === tenantId),
    list: async () => [...infos],
  };
}
