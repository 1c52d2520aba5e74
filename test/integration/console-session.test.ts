// `teampulse console`: an in-process session with injected stdin/stdout, against the database directly
// (no service running) and against a running service over loopback HTTP; plus the /console routes' guards.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { collector } from '../helpers/cli.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEmployee, createTenant } from '../helpers/fixtures.js';
import { enqueueMessage } from '../../src/delivery/enqueue.js';
import { createDispatcher, textReply, type InboundDispatcher } from '../../src/app/inbound/dispatch.js';
import { LocalConsoleBackend, RemoteConsoleBackend } from '../../src/cli/console/backend.js';
import { runConsoleSession } from '../../src/cli/console/session.js';
import { buildApp } from '../../src/http/app.js';
import { readConsoleSecret, writeConsoleSecret } from '../../src/app/console/secret.js';
import { runCli } from '../../src/cli/program.js';
import type { ActionEvent } from '../../src/core/events.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

let handle: TestDatabase;
let tenantId: string;
let managerId: string;
const pressed: Array<{ event: ActionEvent; employeeId: string | undefined }> = [];

const alertMessage = (n: number): OutboundMessage => ({
  blocks: [
    { type: 'header', text: `Li Na may need support (${n})` },
    { type: 'fields', fields: [{ label: 'Team', value: 'Sales East' }] },
    {
      type: 'buttons',
      buttons: [
        { actionId: 'alert.feedback', value: `a${n}:done`, label: 'Done' },
        { actionId: 'alert.feedback', value: `a${n}:one_on_one`, label: '1:1 scheduled' },
      ],
    },
  ],
  fallbackText: `Li Na may need support (${n})`,
});

function testDispatcher(): InboundDispatcher {
  return createDispatcher().onAction('alert.feedback', async (event, ctx) => {
    pressed.push({ event, employeeId: ctx.employeeId });
    // A handler may enqueue a follow-up message; the session shows it after the press.
    await enqueueMessage(handle.db, {
      tenantId: ctx.tenantId,
      recipientEmployeeId: ctx.employeeId!,
      kind: 'reply',
      idempotencyKey: `thanks:${event.value}`,
      message: textReply(`Noted: ${event.value}`),
    });
    return { reply: textReply('Thanks, recorded.') };
  });
}

async function session(
  backend: LocalConsoleBackend | RemoteConsoleBackend,
  lines: string[],
  as = 'M1',
): Promise<string> {
  const input = new PassThrough();
  let out = '';
  const done = runConsoleSession({ backend, input, output: { write: (s: string) => (out += s) }, tenant: 'acme', as });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return out;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  tenantId = (await createTenant(handle.db, 'acme', { name: 'Acme' })).id;
  await createTenant(handle.db, 'other');
  managerId = await createEmployee(handle.db, tenantId, 'M1', { displayName: 'Zhang Wei' });
});

afterAll(async () => {
  await handle.destroy();
});

describe('console session without a running service', () => {
  it('delivers and shows pending messages, presses a button by number, runs commands, quits', async () => {
    await enqueueMessage(handle.db, {
      tenantId,
      recipientEmployeeId: managerId,
      kind: 'alert',
      idempotencyKey: 'alert-1',
      message: alertMessage(1),
    });
    const backend = new LocalConsoleBackend(handle.db, testDispatcher());
    const out = await session(backend, ['2', '7', 'frobnicate', 'help', 'quit', '1']);

    expect(out).toContain('No running service found');
    expect(out).toContain('Hello Zhang Wei (Acme)');
    expect(out).toContain('╭─ Li Na may need support (1)');
    expect(out).toContain('│ Team  Sales East');
    expect(out).toContain('[1] Done   [2] 1:1 scheduled');
    expect(out).toContain('Pressed: 1:1 scheduled');
    expect(out).toContain('Thanks, recorded.');
    // The handler's follow-up was enqueued, delivered by the session and shown.
    expect(out).toContain('Noted: a1:one_on_one');
    expect(out).toContain('There is no button number 7.');
    expect(out).toContain('I don\'t know the command "frobnicate"');
    expect(out).toContain('What I can do');
    expect(out.trimEnd().endsWith('Bye!')).toBe(true);

    // Exactly one press reached the handler (the "1" after quit was never read), as this person, with the message ref.
    expect(pressed).toHaveLength(1);
    const alertRow = await handle.db
      .selectFrom('outbox')
      .select(['id', 'status'])
      .where('idempotency_key', '=', 'alert-1')
      .executeTakeFirstOrThrow();
    expect(alertRow.status).toBe('sent');
    expect(pressed[0]).toMatchObject({
      employeeId: managerId,
      event: { actionId: 'alert.feedback', value: 'a1:one_on_one', messageRef: alertRow.id, actor: { id: 'M1' } },
    });
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'console.session')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('the CLI verb runs a local session and reports an unknown person as a one-line error', async () => {
    const run = async (argv: string[], lines: string[]) => {
      const stdin = new PassThrough();
      let out = '';
      let err = '';
      const stdout = collector((c) => (out += c));
      const stderr = collector((c) => (err += c));
      for (const line of lines) stdin.write(`${line}\n`);
      stdin.end();
      const code = await runCli(argv, {
        env: { LOG_LEVEL: 'silent' },
        stdin,
        stdout,
        stderr,
        openDatabase: async () => ({ ...handle, close: async () => undefined }),
      });
      return { code, out, err };
    };
    const ok = await run(['console', '--as', 'M1', '--tenant', 'acme', '--local'], ['help', 'quit']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Hello Zhang Wei');
    expect(ok.out).toContain('Li Na may need support (1)'); // earlier message, still in the inbox
    expect(ok.out).toContain('list the commands I understand');
    const missing = await run(['console', '--as', 'NOPE', '--tenant', 'acme', '--local'], []);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('teampulse: no employee "NOPE" in tenant acme\n');
    const ambiguous = await run(['console', '--as', 'M1', '--local'], []);
    expect(ambiguous.err).toMatch(/several tenants/);
  });
});

describe('console session against the running service', () => {
  const SECRET = 'this-start-secret';

  it('talks to the service over loopback HTTP with the secret, and audits what it reads', async () => {
    const app = await buildApp({
      db: handle.db,
      logger: false,
      console: { dispatcher: testDispatcher(), secret: SECRET },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      expect(await RemoteConsoleBackend.probe(url, SECRET)).toBe(true);
      expect(await RemoteConsoleBackend.probe(url, 'another-start')).toBe(false);
      expect(await RemoteConsoleBackend.probe('http://127.0.0.1:1', SECRET)).toBe(false);
      const liNa = (
        await handle.db
          .insertInto('employees')
          .values({ tenant_id: tenantId, external_id: 'E3', display_name: 'Li Na', email: null, team_id: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await enqueueMessage(handle.db, {
        tenantId,
        recipientEmployeeId: managerId,
        kind: 'alert',
        idempotencyKey: 'alert-2',
        message: alertMessage(2),
      });
      // The service's worker delivers; here we mark it sent as the worker would, and link it to its alert.
      const outbox = await handle.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date() })
        .where('idempotency_key', '=', 'alert-2')
        .returning('id')
        .executeTakeFirstOrThrow();
      await handle.db
        .insertInto('alerts')
        .values({
          tenant_id: tenantId,
          kind: 'risk',
          subject_employee_id: liNa,
          subject_team_id: null,
          level: 'high',
          score: 80,
          as_of: '2026-11-28',
          trigger: 'escalated',
          recipient_employee_id: managerId,
          routed_via: 'manager',
          outbox_id: outbox.id,
          snoozed_until: null,
        })
        .execute();
      const before = pressed.length;
      const out = await session(new RemoteConsoleBackend(url, SECRET), ['r', '99', 'quit']);
      expect(out).toContain(`Connected to the running teampulse service (${url})`);
      expect(out).toContain('╭─ Li Na may need support (2)');
      // Numbering runs on across messages: message 1 has [1][2], its follow-up none, message 2 has [3][4].
      expect(out).toContain('[3] Done   [4] 1:1 scheduled');
      const pressOut = await session(new RemoteConsoleBackend(url, SECRET), ['3', 'quit']);
      expect(pressOut).toContain('Thanks, recorded.');
      expect(pressed.slice(before).map((p) => p.event.value)).toEqual(['a2:done']);

      // Reading an alert about Li Na through the console is audited like an API read of it: reader, subject, source.
      const reads = await handle.db
        .selectFrom('audit_log')
        .select(['actor', 'subject_type', 'subject_id', 'details'])
        .where('action', '=', 'console.messages.read')
        .where('subject_id', '=', liNa)
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(1);
      expect(reads[0]).toMatchObject({
        actor: `employee:${managerId}`,
        subject_type: 'employee',
        details: { source: 'console' },
      });
    } finally {
      await app.close();
    }
  });

  it('answers 404 without the secret, to other hosts and through any proxy header; 404 for unknown people', async () => {
    const app = await buildApp({
      db: handle.db,
      logger: false,
      console: { dispatcher: testDispatcher(), secret: SECRET },
    });
    const headers = { 'x-teampulse-console': SECRET };
    const ping = (extra: Record<string, string> = {}, remoteAddress?: string) =>
      app.inject({ method: 'GET', url: '/console/ping', headers: extra, ...(remoteAddress ? { remoteAddress } : {}) });
    expect((await ping(headers)).json()).toEqual({ console: true });
    // Being on loopback is not enough: no secret, the old fixed "1", or another start's secret ⇒ 404.
    expect((await ping()).statusCode).toBe(404);
    expect((await ping({ 'x-teampulse-console': '1' })).statusCode).toBe(404);
    expect((await ping({ 'x-teampulse-console': `${SECRET}x` })).statusCode).toBe(404);
    expect((await ping(headers, '10.1.2.3')).statusCode).toBe(404);
    // Forwarded and X-Real-IP mean "through a proxy" exactly like X-Forwarded-For.
    const proxies: Record<string, string>[] = [
      { 'x-forwarded-for': '8.8.8.8' },
      { forwarded: 'for=8.8.8.8' },
      { 'x-real-ip': '8.8.8.8' },
    ];
    for (const proxy of proxies) {
      expect((await ping({ ...headers, ...proxy })).statusCode, JSON.stringify(proxy)).toBe(404);
    }
    const unknown = await app.inject({
      method: 'POST',
      url: '/console/session',
      headers,
      payload: { tenant: 'acme', as: 'ZZ' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/no employee "ZZ"/);
    const bad = await app.inject({
      method: 'POST',
      url: '/console/interactions',
      headers,
      payload: { tenant: 'acme', as: 'M1', interaction: { type: 'action' } },
    });
    expect(bad.statusCode).toBe(400);
    await app.close();
    // Without the console platform the routes do not exist.
    const plain = await buildApp({ db: handle.db, logger: false });
    expect((await plain.inject({ method: 'GET', url: '/console/ping', headers })).statusCode).toBe(404);
    await plain.close();
  });

  it('the service writes its secret 0600 to the data directory, and `teampulse console` reads it from there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teampulse-console-'));
    const written = await writeConsoleSecret(dir);
    try {
      expect(statSync(written.path).mode & 0o777).toBe(0o600);
      expect(await readConsoleSecret(dir)).toBe(written.secret);
      // A new start replaces the secret: the old one no longer opens anything.
      const again = await writeConsoleSecret(dir);
      expect(again.secret).not.toBe(written.secret);
      expect(statSync(again.path).mode & 0o777).toBe(0o600);

      const app = await buildApp({
        db: handle.db,
        logger: false,
        console: { dispatcher: testDispatcher(), secret: again.secret },
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const run = async (env: Record<string, string>) => {
        const stdin = new PassThrough();
        let out = '';
        let err = '';
        stdin.end('quit\n');
        const code = await runCli(['console', '--as', 'M1', '--tenant', 'acme', '--url', url], {
          env: { LOG_LEVEL: 'silent', ...env },
          stdin,
          stdout: collector((c) => (out += c)),
          stderr: collector((c) => (err += c)),
        });
        return { code, out, err };
      };
      try {
        const ok = await run({ TEAMPULSE_DATA_DIR: dir });
        expect(ok.code, ok.err).toBe(0);
        expect(ok.out).toContain(`Connected to the running teampulse service (${url})`);
        // Another data directory has no secret: the CLI says where it looked instead of guessing.
        const elsewhere = mkdtempSync(join(tmpdir(), 'teampulse-console-'));
        const refused = await run({ TEAMPULSE_DATA_DIR: elsewhere });
        rmSync(elsewhere, { recursive: true, force: true });
        expect(refused.code).toBe(1);
        expect(refused.err).toContain('no console secret at');
      } finally {
        await app.close();
      }
      await again.remove();
      expect(await readConsoleSecret(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
