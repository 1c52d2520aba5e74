// A local Socket Mode endpoint for the Slack adapter's tests: the WebSocket server that apps.connections.open
// (answered by the fake Web API) points the client at. It greets with `hello`, lets a test push envelopes as Slack
// does, and collects the client's acknowledgements by envelope_id.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeSlackSocket {
  url: string;
  /** Resolves once a client is connected (and greeted). */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the client's ack frame (or undefined when none comes in `timeoutMs`). */
  push(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    options?: { envelopeId?: string; retryAttempt?: number; timeoutMs?: number },
  ): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  let client: WebSocket | undefined;
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const waiting = new Map<string, (frame: Record<string, unknown>) => void>();
  let counter = 0;
  server.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      const id = typeof frame.envelope_id === 'string' ? frame.envelope_id : '';
      waiting.get(id)?.(frame);
      waiting.delete(id);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0TEAMPULSE' },
      }),
    );
    onConnect();
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connected: () => connected,
    push: (type, payload, options = {}) => {
      if (!client) throw new Error('no Socket Mode client connected');
      const envelopeId = options.envelopeId ?? `env-${++counter}`;
      const answer = new Promise<Record<string, unknown> | undefined>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(envelopeId);
          resolve(undefined);
        }, options.timeoutMs ?? 5_000);
        waiting.set(envelopeId, (frame) => {
          clearTimeout(timer);
          resolve(frame);
        });
      });
      client.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api'
            ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' }
            : {}),
        }),
      );
      return answer;
    },
    close: async () => {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
