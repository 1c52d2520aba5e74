// The outbox end to end on the real database (both dialects): idempotent enqueue, routing to a platform or the
// console, retries on 429 + Retry-After / 5xx / timeout through real HTTP to a fake platform, dead-lettering,
// crash recovery by lease, rate-limit deferral, and two workers sending each message exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import {
  CountingClient,
  fakeClock,
  fakeHttpAdapter,
  startFakePlatform,
  type FakePayload,
  type FakePlatformServer,
} from '../helpers/fake-platform.js';
import { enqueueMessage } from '../../src/delivery/enqueue.js';
import { OutboxWorker } from '../../src/delivery/worker.js';
import { claimDueOutbox, findOutboxById } from '../../src/storage/repositories/outbox.js';
import { PlatformSendError, type PlatformAdapter } from '../../src/core/platform.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

let handle: TestDatabase;
let server: FakePlatformServer;
let tenantId: string;
let consoleTenantId: string;
const people: string[] = [];
let consolePerson: string;

const message = (n: number): OutboundMessage => ({
  blocks: [
    { type: 'header', text: `Message ${n}` },
    { type: 'buttons', buttons: [{ actionId: 'alert.feedback', value: `a${n}:done`, label: 'Done' }] },
  ],
  fallbackText: `Message ${n}`,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  server = await startFakePlatform();
  const tenant = await createTenant(handle.db, 'acme');
  tenantId = tenant.id;
  await handle.db
    .updateTable('tenants')
    .set({ settings: JSON.stringify({ platform: 'slack' }) })
    .where('id', '=', tenantId)
    .execute();
  const rows = await handle.db
    .insertInto('employees')
    .values(
      Array.from({ length: 5 }, (_, i) => ({
        tenant_id: tenantId,
        external_id: `E${i}`,
        display_name: `Person ${i}`,
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: null,
        left_at: null,
      })),
    )
    .returning(['id', 'external_id'])
    .execute();
  for (const row of rows) people.push(row.id);
  // E0..E3 have Slack identities; E4 has none (⇒ console).
  await handle.db
    .insertInto('platform_identities')
    .values(
      rows.slice(0, 4).map((r, i) => ({
        tenant_id: tenantId,
        employee_id: r.id,
        platform: 'slack',
        platform_user_id: `U${i}`,
        dm_conversation_id: `D${i}`,
      })),
    )
    .execute();
  const other = await createTenant(handle.db, 'plain');
  consoleTenantId = other.id;
  consolePerson = (
    await handle.db
      .insertInto('employees')
      .values({
        tenant_id: other.id,
        external_id: 'P1',
        display_name: 'P',
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: null,
        left_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await server.close();
  await handle.destroy();
});

beforeEach(async () => {
  await handle.db.deleteFrom('outbox').execute();
  server.sends.length = 0;
  server.script.length = 0;
  server.requests = 0;
});

/** Due digests to people E0..E3 (all on Slack), keys `<prefix>-<n>`. */
async function enqueueDigests(prefix: string, count: number, clock: ReturnType<typeof fakeClock>): Promise<void> {
  for (let i = 0; i < count; i++) {
    await enqueueMessage(
      handle.db,
      {
        tenantId,
        recipientEmployeeId: people[i % 4]!,
        kind: 'digest',
        idempotencyKey: `${prefix}-${i}`,
        message: message(i),
      },
      { now: clock.now },
    );
  }
}

/** The test database with a hook that runs whenever a flush-group UPDATE (markOutboxSentMany) is about to run. */
function onSentFlush(hook: () => void) {
  return handle.db.withPlugin({
    transformQuery: (args) => {
      if (JSON.stringify(args.node).includes("set status = 'sent'")) hook();
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
}

function worker(
  adapter: PlatformAdapter<unknown>,
  clock: ReturnType<typeof fakeClock>,
  extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {},
) {
  return new OutboxWorker({
    db: handle.db,
    adapters: [adapter],
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    maxAttempts: 8,
    ...extra,
  });
}

describe('enqueueMessage', () => {
  it('is idempotent per tenant and key, and routes to the tenant platform or the console', async () => {
    const first = await enqueueMessage(handle.db, {
      tenantId,
      recipientEmployeeId: people[0]!,
      kind: 'alert',
      idempotencyKey: 'k1',
      message: message(1),
    });
    const again = await enqueueMessage(handle.db, {
      tenantId,
      recipientEmployeeId: people[0]!,
      kind: 'alert',
      idempotencyKey: 'k1',
      message: message(99),
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const noIdentity = await enqueueMessage(handle.db, {
      tenantId,
      recipientEmployeeId: people[4]!,
      kind: 'nudge',
      idempotencyKey: 'k2',
      message: message(2),
    });
    const noPlatform = await enqueueMessage(handle.db, {
      tenantId: consoleTenantId,
      recipientEmployeeId: consolePerson,
      kind: 'digest',
      idempotencyKey: 'k1',
      message: message(3),
    });
    expect(noPlatform.created).toBe(true); // keys are per tenant

    const rows = await handle.db
      .selectFrom('outbox')
      .select(['id', 'platform', 'conversation_ref', 'message', 'status', 'attempts'])
      .orderBy('created_at')
      .execute();
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({
      platform: 'slack',
      conversation_ref: { conversationId: 'D0', userId: 'U0' },
      status: 'pending',
      attempts: 0,
    });
    expect(byId.get(first.id)!.message.fallbackText).toBe('Message 1'); // the second enqueue changed nothing
    expect(byId.get(noIdentity.id)).toMatchObject({ platform: 'console', conversation_ref: { conversationId: 'E4' } });
    expect(byId.get(noPlatform.id)).toMatchObject({ platform: 'console', conversation_ref: { conversationId: 'P1' } });
  });

  it('refuses a recipient of another tenant and an empty fallback', async () => {
    await expect(
      enqueueMessage(handle.db, {
        tenantId,
        recipientEmployeeId: consolePerson,
        kind: 'alert',
        idempotencyKey: 'x',
        message: message(1),
      }),
    ).rejects.toThrow(/not an employee/);
    await expect(
      enqueueMessage(handle.db, {
        tenantId,
        recipientEmployeeId: people[0]!,
        kind: 'alert',
        idempotencyKey: 'y',
        message: { blocks: [], fallbackText: ' ' },
      }),
    ).rejects.toThrow(/fallbackText/);
  });
});

describe('outbox worker', () => {
  it('sends due rows through the adapter, passes the idempotency key, and respects notBefore', async () => {
    const clock = fakeClock();
    const later = new Date(clock.now().getTime() + 3_600_000);
    const now1 = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'send-1', message: message(1) },
      { now: clock.now },
    );
    const held = await enqueueMessage(
      handle.db,
      {
        tenantId,
        recipientEmployeeId: people[1]!,
        kind: 'alert',
        idempotencyKey: 'send-2',
        message: message(2),
        notBefore: later,
      },
      { now: clock.now },
    );
    const w = worker(fakeHttpAdapter(server.url), clock);
    expect(await w.drainOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(server.sends).toEqual([
      expect.objectContaining({ conversationId: 'D0', idempotencyKey: 'send-1', text: 'Message 1' }),
    ]);
    expect(await findOutboxById(handle.db, now1.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      platform_message_id: 'm1',
      claimed_by: w.workerId,
    });
    expect(await findOutboxById(handle.db, held.id)).toMatchObject({ status: 'pending', attempts: 0 });
    clock.advance(3_600_000);
    expect(await w.drainOnce()).toMatchObject({ sent: 1 });
    expect(server.sends.map((s) => s.idempotencyKey)).toEqual(['send-1', 'send-2']);
  });

  it('on 429 retries no sooner than Retry-After, then sends', async () => {
    const clock = fakeClock();
    const { id } = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'r429', message: message(1) },
      { now: clock.now },
    );
    server.script.push({ status: 429, headers: { 'retry-after': '120' }, body: { ok: false, error: 'ratelimited' } });
    const w = worker(fakeHttpAdapter(server.url), clock);
    expect(await w.drainOnce()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const row = await findOutboxById(handle.db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error_code: 'rate_limited' });
    // Backoff for attempt 1 would be ~7.5 s; Retry-After (120 s) wins.
    expect(new Date(row!.next_attempt_at).getTime() - clock.now().getTime()).toBe(120_000);
    clock.advance(119_000);
    expect(await w.drainOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1_000);
    expect(await w.drainOnce()).toMatchObject({ sent: 1 });
    expect(await findOutboxById(handle.db, id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(server.requests).toBe(2);
  });

  it('after a 429 holds back the other messages for that channel until Retry-After, without spending attempts', async () => {
    const clock = fakeClock();
    const first = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'hold-1', message: message(1) },
      { now: clock.now },
    );
    const second = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'hold-2', message: message(2) },
      { now: clock.now },
    );
    server.script.push({ status: 429, headers: { 'retry-after': '30' } });
    const w = worker(fakeHttpAdapter(server.url), clock, { concurrency: 1 });
    expect(await w.drainOnce()).toMatchObject({ claimed: 2, retried: 1, deferred: 1, sent: 0 });
    expect(server.requests).toBe(1);
    // Whichever went first got the 429 (attempt spent); the other was held back for the same 30 s (none spent).
    const rows = await Promise.all([first.id, second.id].map(async (id) => (await findOutboxById(handle.db, id))!));
    expect(rows.map((r) => r.attempts).sort()).toEqual([0, 1]);
    for (const row of rows) {
      expect(row.status).toBe('pending');
      expect(new Date(row.next_attempt_at).getTime() - clock.now().getTime()).toBe(30_000);
    }
    clock.advance(30_000);
    expect(await w.drainOnce()).toMatchObject({ sent: 2 });
  });

  it('on 5xx and on timeout backs off exponentially, then succeeds', async () => {
    const clock = fakeClock();
    const { id } = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'r5xx', message: message(1) },
      { now: clock.now },
    );
    server.script.push({ status: 502 }, 'hang', { status: 500 });
    // Only the second call (the hang) gets a short timeout, so a busy machine cannot turn a 5xx into a timeout.
    const patient = fakeHttpAdapter(server.url, { timeoutMs: 10_000 });
    const impatient = fakeHttpAdapter(server.url, { timeoutMs: 60 });
    let calls = 0;
    const w = worker(
      {
        ...patient,
        client: {
          send: (to, payload: FakePayload, key) => (calls++ === 1 ? impatient : patient).client.send(to, payload, key),
        },
      },
      clock,
    );
    const delays: number[] = [];
    const codes: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      expect(await w.drainOnce()).toMatchObject({ retried: 1 });
      const row = (await findOutboxById(handle.db, id))!;
      codes.push(row.last_error_code);
      delays.push(new Date(row.next_attempt_at).getTime() - clock.now().getTime());
      clock.advance(delays.at(-1)!);
    }
    expect(codes).toEqual(['server_error', 'timeout', 'server_error']);
    // random() = 0.5 ⇒ 3/4 of base·2^(n-1) with base 10 s.
    expect(delays).toEqual([7_500, 15_000, 30_000]);
    expect(await w.drainOnce()).toMatchObject({ sent: 1 });
    expect(await findOutboxById(handle.db, id)).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('dead-letters after maxAttempts, and at once on a non-retryable error', async () => {
    const clock = fakeClock();
    const client = new CountingClient();
    client.failWith = new PlatformSendError('server_error', 'down');
    const adapter: PlatformAdapter<unknown> = { ...fakeHttpAdapter(server.url), client };
    const { id } = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'dead', message: message(1) },
      { now: clock.now },
    );
    const w = worker(adapter, clock, { maxAttempts: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const stats = await w.drainOnce();
      outcomes.push(stats.dead ? 'dead' : stats.retried ? 'retry' : 'idle');
      clock.advance(3_600_000);
    }
    expect(outcomes).toEqual(['retry', 'retry', 'dead', 'idle', 'idle']);
    expect(await findOutboxById(handle.db, id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error_code: 'server_error',
      last_error: 'down',
    });

    client.failWith = new PlatformSendError('invalid_recipient', 'no such user');
    const other = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[1]!, kind: 'alert', idempotencyKey: 'dead2', message: message(2) },
      { now: clock.now },
    );
    expect(await w.drainOnce()).toMatchObject({ dead: 1 });
    expect(await findOutboxById(handle.db, other.id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error_code: 'invalid_recipient',
    });
  });

  it('treats a send that never settles as a timeout, and an unrenderable message as dead at once', async () => {
    const clock = fakeClock();
    const stuck = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'stuck', message: message(1) },
      { now: clock.now },
    );
    const never: PlatformAdapter<unknown> = {
      ...fakeHttpAdapter(server.url),
      client: { send: () => new Promise(() => undefined) },
    };
    expect(await worker(never, clock, { sendTimeoutMs: 20 }).drainOnce()).toMatchObject({ retried: 1 });
    expect(await findOutboxById(handle.db, stuck.id)).toMatchObject({ status: 'pending', last_error_code: 'timeout' });

    await handle.db.deleteFrom('outbox').execute();
    const broken = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'broken', message: message(2) },
      { now: clock.now },
    );
    const throwing: PlatformAdapter<unknown> = {
      ...fakeHttpAdapter(server.url),
      render: () => {
        throw new Error('unknown block');
      },
    };
    expect(await worker(throwing, clock).drainOnce()).toMatchObject({ dead: 1 });
    expect(await findOutboxById(handle.db, broken.id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error_code: 'bad_request',
      last_error: 'render failed: unknown block',
    });
    expect(server.requests).toBe(0);
  });

  it('takes back a crashed worker’s row after its lease and sends it with the same idempotency key', async () => {
    const clock = fakeClock();
    const { id } = await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[0]!, kind: 'alert', idempotencyKey: 'lease', message: message(1) },
      { now: clock.now },
    );
    // A worker claims the row and dies before marking it.
    const claimed = await claimDueOutbox(handle.db, {
      platforms: ['slack'],
      workerId: 'dead-worker',
      now: clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    expect(claimed.map((r) => r.id)).toEqual([id]);
    const client = new CountingClient();
    const w = worker({ ...fakeHttpAdapter(server.url), client }, clock, { leaseMs: 60_000 });
    expect(await w.drainOnce()).toMatchObject({ claimed: 0 }); // still leased
    clock.advance(60_001);
    expect(await w.drainOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect([...client.counts]).toEqual([['lease', 1]]);
    expect(await findOutboxById(handle.db, id)).toMatchObject({ status: 'sent', attempts: 2, claimed_by: w.workerId });
  });

  it('defers rows the rate limit cannot place soon, without spending an attempt (Slack: 1/s per channel)', async () => {
    const clock = fakeClock();
    for (let i = 0; i < 4; i++) {
      await enqueueMessage(
        handle.db,
        { tenantId, recipientEmployeeId: people[0]!, kind: 'nudge', idempotencyKey: `rl-${i}`, message: message(i) },
        { now: clock.now },
      );
    }
    await enqueueMessage(
      handle.db,
      { tenantId, recipientEmployeeId: people[1]!, kind: 'nudge', idempotencyKey: 'rl-other', message: message(9) },
      { now: clock.now },
    );
    const sentAt: Array<{ key: string; at: number }> = [];
    const client = new CountingClient();
    const send = client.send.bind(client);
    client.send = async (to, payload, key) => {
      sentAt.push({ key: `${to.conversationId}`, at: clock.now().getTime() });
      return send(to, payload, key);
    };
    const w = worker({ ...fakeHttpAdapter(server.url), client }, clock, { concurrency: 1, maxRateWaitMs: 1_000 });
    const start = clock.now().getTime();
    let rounds = 0;
    while (
      (await handle.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).length > 0 &&
      rounds++ < 20
    ) {
      await w.drainOnce();
      clock.advance(250);
    }
    expect(client.counts.size).toBe(5);
    const d0 = sentAt.filter((s) => s.key === 'D0').map((s) => s.at - start);
    // Four messages to one channel: at least 1 s apart.
    for (let i = 1; i < d0.length; i++) expect(d0[i]! - d0[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(d0).toHaveLength(4);
    const attempts = await handle.db.selectFrom('outbox').select('attempts').execute();
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });

  it('two workers on one database send each message exactly once', async () => {
    const clock = fakeClock();
    const total = 120;
    await enqueueDigests('once', total, clock);
    const client = new CountingClient();
    client.delayMs = 1; // let the two workers interleave
    const unlimited = { ...fakeHttpAdapter(server.url), client, rateLimits: [] };
    const a = worker(unlimited, clock, { workerId: 'A', batchSize: 10, concurrency: 4 });
    const b = worker(unlimited, clock, { workerId: 'B', batchSize: 10, concurrency: 4 });
    const [sa, sb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(sa.sent + sb.sent).toBe(total);
    expect(client.counts.size).toBe(total);
    expect([...client.counts.values()].every((n) => n === 1)).toBe(true);
    const rows = await handle.db.selectFrom('outbox').select(['status', 'attempts', 'claimed_by']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // On PostgreSQL both workers really share the work; PGlite serialises them, so only the total is asserted there.
    expect(new Set(rows.map((r) => r.claimed_by)).size).toBeGreaterThanOrEqual(handle.dialect === 'postgres' ? 2 : 1);
  });

  it('records finished sends in flush groups of at most 8, one fenced UPDATE each', async () => {
    const clock = fakeClock();
    await enqueueDigests('fg', 20, clock);
    const flushes: number[] = [];
    const counting = onSentFlush(() => void flushes.push(0));
    const client = new CountingClient();
    const w = new OutboxWorker({
      db: counting,
      adapters: [{ ...fakeHttpAdapter(server.url), client, rateLimits: [] }],
      now: clock.now,
      sleep: clock.sleep,
      concurrency: 4,
    });
    expect(await w.drainOnce()).toMatchObject({ claimed: 20, sent: 20 });
    // 20 sends in groups of ≤ 8: at least 3 statements, far fewer than one per message.
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    expect(flushes.length).toBeLessThan(20);
    const rows = await handle.db.selectFrom('outbox').select(['status', 'platform_message_id', 'sent_at']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.platform_message_id?.startsWith('c-fg-') && r.sent_at)).toBe(
      true,
    );
  });

  it('a worker killed before its flush commits: after the lease, at most one flush group is sent again', async () => {
    const clock = fakeClock();
    const total = 30;
    await enqueueDigests('kill', total, clock);
    // Worker A dies at its first flush: the UPDATE never commits, A sends nothing more, its claims are abandoned.
    const dying = onSentFlush(() => {
      throw new Error('killed');
    });
    const concurrency = 4;
    const sentByA = new CountingClient();
    const a = new OutboxWorker({
      db: dying,
      adapters: [{ ...fakeHttpAdapter(server.url), client: sentByA, rateLimits: [] }],
      workerId: 'A',
      now: clock.now,
      sleep: clock.sleep,
      concurrency,
      leaseMs: 60_000,
    });
    await expect(a.drainOnce()).rejects.toThrow('killed');
    const abandoned = await handle.db.selectFrom('outbox').select('id').where('claimed_by', '=', 'A').execute();
    expect(abandoned).toHaveLength(total); // every claimed row is still A's: nothing was recorded as sent
    expect(sentByA.counts.size).toBeGreaterThanOrEqual(8);
    expect(sentByA.counts.size).toBeLessThanOrEqual(8 - 1 + concurrency);

    const sentByB = new CountingClient();
    const b = worker({ ...fakeHttpAdapter(server.url), client: sentByB, rateLimits: [] }, clock, {
      workerId: 'B',
      leaseMs: 60_000,
    });
    expect(await b.drainOnce()).toMatchObject({ claimed: 0 }); // A's lease still runs
    clock.advance(60_001);
    expect(await b.drainOnce()).toMatchObject({ claimed: total, sent: total });
    const resent = [...sentByA.counts.keys()].filter((key) => sentByB.counts.has(key));
    // The crash window: the sends A finished but never recorded — one flush group (plus its sends in flight).
    expect(resent.length).toBe(sentByA.counts.size);
    expect(resent.length).toBeLessThanOrEqual(8 - 1 + concurrency);
    const rows = await handle.db.selectFrom('outbox').select(['status', 'claimed_by']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.claimed_by === 'B')).toBe(true);
  });

  it('runs as a background worker: start, deliver, stop', async () => {
    const client = new CountingClient();
    await enqueueMessage(handle.db, {
      tenantId,
      recipientEmployeeId: people[2]!,
      kind: 'alert',
      idempotencyKey: 'bg',
      message: message(1),
    });
    const w = new OutboxWorker({
      db: handle.db,
      adapters: [{ ...fakeHttpAdapter(server.url), client }],
      pollIntervalMs: 20,
    });
    w.start();
    for (let i = 0; i < 1_000 && !client.counts.has('bg'); i++) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect(client.counts.get('bg')).toBe(1);
  });
});
