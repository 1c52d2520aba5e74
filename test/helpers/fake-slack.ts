// A fake Slack Web API on 127.0.0.1 for the Slack adapter's tests and benchmark: the methods the adapter calls
// (conversations.open, chat.postMessage, users.info, users.lookupByEmail, users.list, views.publish, auth.test,
// oauth.v2.access, apps.connections.open) with Slack's answer shapes (HTTP 200 + ok:false for errors, 429 +
// Retry-After when rate limited), answers a test can script per method, and a response_url endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  method: string;
  /** Form fields (WebClient) or JSON body fields; nested values arrive JSON-encoded, see `json()`. */
  args: Record<string, string>;
  /** The bearer token the call carried. */
  token: string | undefined;
  at: number;
}

export type FakeSlackAnswer = { status?: number; headers?: Record<string, string>; body?: unknown } | 'hang';

export interface FakeSlackUser {
  id: string;
  email?: string;
  deleted?: boolean;
  is_bot?: boolean;
  /** Slack's user locale (users.info with include_locale), e.g. "zh-CN". */
  locale?: string;
}

export interface FakeSlack {
  url: string;
  /** Base URL for WebClient (`slackApiUrl`), ending in /api/. */
  apiUrl: string;
  calls: FakeSlackCall[];
  /** JSON posted to response_url endpoints (`${url}/respond/<id>`), in order. */
  responses: Array<{ id: string; body: Record<string, unknown> }>;
  users: FakeSlackUser[];
  /** What oauth.v2.access answers (set by the OAuth tests). */
  oauthAccess: Record<string, unknown>;
  /** What apps.connections.open answers as `url` (the Socket Mode tests' WebSocket server). */
  socketUrl: string;
  /** Queues answers for a method, consumed in order before the default answer. */
  script(method: string, ...answers: FakeSlackAnswer[]): void;
  callsOf(method: string): FakeSlackCall[];
  reset(): void;
  close(): Promise<void>;
}

/** Parses a JSON-encoded argument (WebClient sends `blocks` and other nested values as JSON strings). */
export const json = <T = unknown>(value: string | undefined): T => JSON.parse(value ?? 'null') as T;

function parseBody(req: IncomingMessage, raw: string): Record<string, string> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const hanging = new Set<ServerResponse>();
  const scripts = new Map<string, FakeSlackAnswer[]>();
  let counter = 0;
  const state: FakeSlack = {
    url: '',
    apiUrl: '',
    calls: [],
    responses: [],
    users: [],
    oauthAccess: {},
    socketUrl: '',
    script: (method, ...answers) => scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
    callsOf: (method) => state.calls.filter((c) => c.method === method),
    reset: () => {
      state.calls.length = 0;
      state.responses.length = 0;
      scripts.clear();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const defaultAnswer = (method: string, args: Record<string, string>): unknown => {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT', team: 'Acme' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${(args.users ?? '').replace(/^[UW]/, '')}` } };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: `1700000000.${String(++counter).padStart(6, '0')}` };
      case 'users.info': {
        const user = state.users.find((u) => u.id === args.user);
        return user
          ? {
              ok: true,
              user: {
                id: user.id,
                deleted: user.deleted ?? false,
                is_bot: user.is_bot ?? false,
                ...(user.locale ? { locale: user.locale } : {}),
                profile: { email: user.email },
              },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const email = (args.email ?? '').toLowerCase();
        const user = state.users.find((u) => u.email?.toLowerCase() === email && !u.deleted);
        return user
          ? { ok: true, user: { id: user.id, profile: { email: user.email } } }
          : { ok: false, error: 'users_not_found' };
      }
      case 'users.list': {
        // Deactivated accounts included, as Slack lists them; pages of `limit` with response_metadata.next_cursor.
        const limit = Math.max(1, Number(args.limit ?? 200));
        const start = Number(args.cursor ? Buffer.from(args.cursor, 'base64').toString() : 0);
        const page = state.users.slice(start, start + limit);
        const next = start + limit < state.users.length ? Buffer.from(String(start + limit)).toString('base64') : '';
        return {
          ok: true,
          members: page.map((u) => ({
            id: u.id,
            deleted: u.deleted ?? false,
            is_bot: u.is_bot ?? false,
            profile: { email: u.email },
          })),
          response_metadata: { next_cursor: next },
        };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V1' } };
      case 'oauth.v2.access':
        return state.oauthAccess;
      case 'apps.connections.open':
        return { ok: true, url: state.socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const respond = /^\/respond\/([^/]+)$/.exec(path);
      if (respond) {
        state.responses.push({ id: respond[1]!, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
      if (!method) {
        res.writeHead(404).end();
        return;
      }
      const args = parseBody(req, raw);
      const auth = req.headers.authorization;
      state.calls.push({
        method,
        args,
        token: auth?.startsWith('Bearer ') ? auth.slice(7) : args.token,
        at: Date.now(),
      });
      const answer = scripts.get(method)?.shift();
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const status = answer?.status ?? 200;
      res.writeHead(status, { 'content-type': 'application/json', ...answer?.headers });
      res.end(JSON.stringify(answer?.body ?? (status === 200 ? defaultAnswer(method, args) : { ok: false })));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.apiUrl = `${state.url}/api/`;
  return state;
}
