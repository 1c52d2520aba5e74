// A fake DingTalk Stream gateway on 127.0.0.1: it answers POST /v1.0/gateway/connections/open on the fake API
// (fake-dingtalk.ts) with a one-time ticket and a ws:// endpoint, accepts a WebSocket only with an unused ticket,
// pushes frames to the client and collects its acks.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeDingTalk } from './fake-dingtalk.js';

export interface Ack {
  code: number;
  headers: { contentType: string; messageId: string };
  message: string;
  data: string;
}

export interface FakeGateway {
  /** Bodies POSTed to connections/open. */
  opens: Array<Record<string, unknown>>;
  /** Tickets the socket connected with, in order. */
  connectedTickets: string[];
  acks: Ack[];
  /** Answers for the next connections/open calls (e.g. a 500), before the normal ticket. */
  refuse: number;
  push(frame: unknown): void;
  /** Resolves with the ack of that messageId. */
  ack(messageId: string, timeoutMs?: number): Promise<Ack>;
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  /** Drops every socket without a close handshake. */
  drop(): void;
  close(): Promise<void>;
}

const waitFor = async (check: () => boolean, timeoutMs: number, what: string) => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export async function startFakeGateway(api: FakeDingTalk): Promise<FakeGateway> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  const issued = new Set<string>();
  const sockets = new Set<WebSocket>();
  let counter = 0;
  const gateway: FakeGateway = {
    opens: [],
    connectedTickets: [],
    acks: [],
    refuse: 0,
    push(frame) {
      const open = [...sockets].filter((s) => s.readyState === s.OPEN);
      if (!open.length) throw new Error('no client connected');
      open.at(-1)!.send(JSON.stringify(frame));
    },
    async ack(messageId, timeoutMs = 20_000) {
      await waitFor(() => gateway.acks.some((a) => a.headers.messageId === messageId), timeoutMs, `ack ${messageId}`);
      return gateway.acks.find((a) => a.headers.messageId === messageId)!;
    },
    waitForConnections: (n, timeoutMs = 20_000) =>
      waitFor(
        () => gateway.connectedTickets.length >= n && [...sockets].some((s) => s.readyState === s.OPEN),
        timeoutMs,
        `${n} connections`,
      ),
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  api.openConnection = (body) => {
    gateway.opens.push(body as Record<string, unknown>);
    if (gateway.refuse > 0) {
      gateway.refuse--;
      return { status: 500, body: { code: 'ServiceUnavailable' } };
    }
    const ticket = `ticket-${++counter}`;
    issued.add(ticket);
    return { status: 200, body: { endpoint: `ws://127.0.0.1:${port}/connect`, ticket } };
  };
  wss.on('connection', (socket, request) => {
    const ticket = new URL(request.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    // A ticket is valid for one connection only.
    if (!issued.delete(ticket)) {
      socket.close(4001, 'invalid ticket');
      return;
    }
    gateway.connectedTickets.push(ticket);
    sockets.add(socket);
    socket.on('message', (raw) => {
      try {
        gateway.acks.push(JSON.parse(raw.toString()) as Ack);
      } catch {
        // ignore
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  return gateway;
}

/** A Stream frame as the gateway sends it (headers as strings, data a JSON string). */
export function streamFrame(
  type: 'CALLBACK' | 'EVENT' | 'SYSTEM',
  topic: string,
  messageId: string,
  data: unknown,
  extraHeaders: Record<string, string> = {},
): Record<string, unknown> {
  return {
    specVersion: '1.0',
    type,
    headers: {
      appId: 'app-uuid',
      connectionId: 'conn-1',
      contentType: 'application/json',
      messageId,
      time: String(Date.now()),
      topic,
      ...extraHeaders,
    },
    data: typeof data === 'string' ? data : JSON.stringify(data),
  };
}
