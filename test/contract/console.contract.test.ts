// The console adapter and the shared HTTP client (through a fake platform on 127.0.0.1) pass the adapter contract.
import { afterAll, beforeAll } from 'vitest';
import { createConsoleAdapter, type ConsolePayload } from '../../adapters/console/index.js';
import { platformAdapterContract, CONTRACT_MESSAGES } from './platform-adapter.contract.js';
import {
  fakeHttpAdapter,
  startFakePlatform,
  type FakePayload,
  type FakePlatformServer,
} from '../helpers/fake-platform.js';

let printed = '';
platformAdapterContract<ConsolePayload>('console', {
  adapter: () => createConsoleAdapter({ write: (chunk: string) => (printed += chunk) }),
  buttonsOf: (payload) => payload.buttons.map((b) => ({ actionId: b.actionId, value: b.value })),
  fallbackOf: (payload) => payload.text,
  to: { platform: 'console', conversationId: 'E001' },
  // The console never fails: it prints.
  failures: () => [],
});

let server: FakePlatformServer;
beforeAll(async () => {
  server = await startFakePlatform();
});
afterAll(async () => {
  await server.close();
  // The console client printed the contract's send.
  if (!printed.includes('Wang Fang may need support')) throw new Error('console client did not print the message');
});

platformAdapterContract<FakePayload>('shared HTTP client (fake platform)', {
  adapter: () => fakeHttpAdapter(server.url, { timeoutMs: 10_000 }),
  buttonsOf: (payload) => payload.buttons.map((b) => ({ actionId: b.action_id, value: b.value })),
  fallbackOf: (payload) => payload.text,
  to: { platform: 'slack', conversationId: 'D1' },
  failures: () => {
    // A generous timeout so a busy machine never turns a scripted answer into a timeout; a short one for the hang.
    const patient = fakeHttpAdapter(server.url, { timeoutMs: 10_000 });
    const impatient = fakeHttpAdapter(server.url, { timeoutMs: 100 });
    const send =
      (answer: Parameters<typeof server.script.push>[0], adapter = patient) =>
      () => {
        server.script.push(answer);
        return adapter.client.send(
          { platform: 'slack', conversationId: 'D1' },
          adapter.render(CONTRACT_MESSAGES.alert!),
          'k',
        );
      };
    return [
      {
        label: '429',
        expectCode: 'rate_limited',
        expectRetryAfterMs: 7_000,
        send: send({ status: 429, headers: { 'retry-after': '7' } }),
      },
      { label: '503', expectCode: 'server_error', send: send({ status: 503 }) },
      { label: '401', expectCode: 'unauthorized', send: send({ status: 401 }) },
      { label: '400', expectCode: 'bad_request', send: send({ status: 400 }) },
      { label: '404', expectCode: 'invalid_recipient', send: send({ status: 404 }) },
      { label: 'hang', expectCode: 'timeout', send: send('hang', impatient) },
      {
        label: 'refused',
        expectCode: 'network',
        send: () =>
          fakeHttpAdapter('http://127.0.0.1:1', { timeoutMs: 10_000 }).client.send(
            { platform: 'slack', conversationId: 'D1' },
            { text: 'x', buttons: [] },
            'k',
          ),
      },
    ];
  },
});
