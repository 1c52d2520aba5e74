// `teampulse outbox list [--dead] [--tenant] [--json]` and `teampulse outbox retry <id>`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEmployee, createTenant } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { CountingClient, fakeClock } from '../helpers/fake-platform.js';
import { enqueueMessage } from '../../src/delivery/enqueue.js';
import { OutboxWorker } from '../../src/delivery/worker.js';
import { findOutboxById } from '../../src/storage/repositories/outbox.js';
import { PlatformSendError } from '../../src/core/platform.js';
import { createConsoleAdapter } from '../../adapters/console/index.js';

let handle: TestDatabase;
let deadId: string;
let sentId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createTenant(handle.db, 'acme');
  const beta = await createTenant(handle.db, 'beta');
  const a1 = await createEmployee(handle.db, acme.id, 'A1');
  const b1 = await createEmployee(handle.db, beta.id, 'B1');
  const msg = { blocks: [{ type: 'text' as const, text: 'hi' }], fallbackText: 'hi' };
  deadId = (
    await enqueueMessage(handle.db, {
      tenantId: acme.id,
      recipientEmployeeId: a1,
      kind: 'alert',
      idempotencyKey: 'will-die',
      message: msg,
    })
  ).id;
  // A console adapter whose client always fails with a non-retryable code: one attempt, then dead.
  const failing = {
    ...createConsoleAdapter({ write: () => true }),
    client: Object.assign(new CountingClient(), { failWith: new PlatformSendError('unauthorized', 'token revoked') }),
  };
  await new OutboxWorker({ db: handle.db, adapters: [failing] }).drainOnce();
  sentId = (
    await enqueueMessage(handle.db, {
      tenantId: beta.id,
      recipientEmployeeId: b1,
      kind: 'digest',
      idempotencyKey: 'will-send',
      message: msg,
    })
  ).id;
  await new OutboxWorker({ db: handle.db, adapters: [createConsoleAdapter({ write: () => true })] }).drainOnce();
});

afterAll(async () => {
  await handle.destroy();
});

describe('teampulse outbox', () => {
  it('lists all, only dead, per tenant, and as JSON', async () => {
    const all = await runCliWith(handle, ['outbox', 'list']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^ID\s+TENANT\s+KIND\s+RECIPIENT\s+PLATFORM\s+STATUS\s+TRIES\s+WHEN\s+LAST ERROR/);
    expect(all.stdout).toContain(deadId);
    expect(all.stdout).toContain(sentId);

    const dead = await runCliWith(handle, ['outbox', 'list', '--dead', '--json']);
    const items = JSON.parse(dead.stdout) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: deadId,
      tenant: 'acme',
      recipient: 'A1',
      status: 'dead',
      attempts: 1,
      lastErrorCode: 'unauthorized',
      lastError: 'token revoked',
      idempotencyKey: 'will-die',
    });

    const beta = await runCliWith(handle, ['outbox', 'list', '--tenant', 'beta', '--json']);
    expect((JSON.parse(beta.stdout) as Array<{ id: string }>).map((i) => i.id)).toEqual([sentId]);
    expect((await runCliWith(handle, ['outbox', 'list', '--tenant', 'nope'])).stderr).toBe(
      'teampulse: unknown tenant "nope" (see "teampulse tenant list")\n',
    );
    expect((await runCliWith(handle, ['outbox', 'list', '--status', 'weird'])).code).toBe(1);
  });

  it('retry revives a dead row, which the worker then sends', async () => {
    const retried = await runCliWith(handle, ['outbox', 'retry', deadId]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`message ${deadId} queued again`);
    expect(await findOutboxById(handle.db, deadId)).toMatchObject({ status: 'pending', attempts: 0, claimed_by: null });
    const clock = fakeClock(new Date(Date.now() + 1_000).toISOString());
    const client = new CountingClient();
    const stats = await new OutboxWorker({
      db: handle.db,
      adapters: [{ ...createConsoleAdapter({ write: () => true }), client }],
      now: clock.now,
    }).drainOnce();
    expect(stats.sent).toBe(1);
    expect(client.counts.get('will-die')).toBe(1);
    expect(await findOutboxById(handle.db, deadId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await runCliWith(handle, ['outbox', 'list', '--dead'])).stdout).toBe('no dead messages\n');
  });

  it('refuses to retry what is not dead or does not exist', async () => {
    expect((await runCliWith(handle, ['outbox', 'retry', sentId])).stderr).toBe(
      `teampulse: message ${sentId} is sent; only dead messages can be retried\n`,
    );
    expect((await runCliWith(handle, ['outbox', 'retry', '00000000-0000-4000-8000-000000000000'])).stderr).toMatch(
      /no outbox message/,
    );
    const notId = await runCliWith(handle, ['outbox', 'retry', 'abc']);
    expect(notId.code).toBe(1);
    expect(notId.stderr).toMatch(/not an outbox id/);
    expect((await runCliWith(handle, ['outbox', 'retry'])).code).toBe(2);
  });
});
