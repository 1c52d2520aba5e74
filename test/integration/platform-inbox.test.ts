// The shared inbound path of every chat adapter: a delivery is persisted once (redeliveries are counted, not
// processed again), the inbox worker turns its events into signals, a poison delivery is retried and then parked
// without blocking the others, a dead worker's claim is taken over after its lease, and interactions are
// dispatched (and de-duplicated) at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEmployee, createTenant } from '../helpers/fixtures.js';
import { InboxWorker } from '../../src/app/inbound/inbox-worker.js';
import { createInboundSink } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { claimDeliveries, markDeliveriesDone } from '../../src/storage/repositories/inbox.js';
import type { MessageEvent, SignalEvent } from '../../src/core/events.js';

const DAY = '2026-11-30';

describe('inbound inbox', () => {
  let handle: TestDatabase;
  let tenantId: string;
  let liNa: string;
  let clock = new Date(`${DAY}T03:00:00Z`);
  const now = () => clock;

  const message = (id: string, user = 'U1', extra: Partial<MessageEvent> = {}): MessageEvent => ({
    type: 'message',
    id,
    source: 'slack',
    actor: { kind: 'platform', id: user },
    occurredAt: new Date(`${DAY}T02:00:00Z`),
    conversation: 'team',
    count: 1,
    ...extra,
  });

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'acme')).id;
    liNa = await createEmployee(handle.db, tenantId, 'li.na', { displayName: 'Li Na', email: 'Li.Na@acme.example' });
  });
  afterAll(async () => handle.destroy());

  const sinkAndWorker = () => {
    const worker = new InboxWorker({ db: handle.db, now, workerId: 'w1' });
    const dispatcher = buildInboundDispatcher({ db: handle.db, now });
    const sink = createInboundSink({ db: handle.db, dispatcher, now });
    return { worker, sink };
  };

  it('links a platform user by e-mail, then stores a delivery once and ingests it once however often it comes', async () => {
    const { worker, sink } = sinkAndWorker();
    expect(await sink.knownUsers(tenantId, 'slack', ['U1'])).toEqual(new Set());
    expect(
      await sink.linkIdentity({ tenantId, platform: 'slack', platformUserId: 'U1', email: 'li.na@ACME.example' }),
    ).toBe(liNa);
    expect(await sink.knownUsers(tenantId, 'slack', ['U1', 'U2'])).toEqual(new Set(['U1']));

    const delivery = {
      tenantId,
      platform: 'slack' as const,
      deliveryKey: 'Ev1',
      events: [{ ...message('1700000000.000100'), raw: { text: 'hello secret text' } } as SignalEvent],
    };
    expect(await sink.accept(delivery)).toEqual({ duplicate: false });
    expect(await sink.accept(delivery)).toEqual({ duplicate: true });
    expect(await sink.accept(delivery)).toEqual({ duplicate: true });

    const stored = await handle.db.selectFrom('inbound_deliveries').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.redeliveries).toBe(2);
    expect(JSON.stringify(stored[0]!.events)).not.toContain('secret text');

    expect(await worker.drainOnce()).toMatchObject({ claimed: 1, done: 1, failed: 0 });
    expect(await worker.drainOnce()).toMatchObject({ claimed: 0 });
    const rollup = await handle.db
      .selectFrom('daily_rollups')
      .select(['msgs_team'])
      .where('employee_id', '=', liNa)
      .executeTakeFirstOrThrow();
    expect(rollup.msgs_team).toBe(1);
  });

  it('isolates a delivery that cannot be ingested: the others land, it is retried, then parked as failed', async () => {
    const worker = new InboxWorker({ db: handle.db, now, workerId: 'w2', maxAttempts: 2 });
    const { sink } = sinkAndWorker();
    await sink.accept({ tenantId, platform: 'slack', deliveryKey: 'good', events: [message('good-1')] });
    // A count beyond the integer range makes the store fail: a poison delivery.
    await sink.accept({
      tenantId,
      platform: 'slack',
      deliveryKey: 'poison',
      events: [message('bad-1', 'U1', { count: 1e12 })],
    });
    const first = await worker.drainOnce();
    expect(first).toMatchObject({ claimed: 2, done: 1, retried: 1 });
    clock = new Date(clock.getTime() + 60_000);
    const second = await worker.drainOnce();
    expect(second).toMatchObject({ claimed: 1, failed: 1 });
    const poison = await handle.db
      .selectFrom('inbound_deliveries')
      .selectAll()
      .where('delivery_key', '=', 'poison')
      .executeTakeFirstOrThrow();
    expect(poison.status).toBe('failed');
    expect(poison.last_error).toBeTruthy();
    const rollup = await handle.db
      .selectFrom('daily_rollups')
      .select('msgs_team')
      .where('employee_id', '=', liNa)
      .executeTakeFirstOrThrow();
    expect(rollup.msgs_team).toBe(2);
  });

  it("takes over a dead worker's claim after its lease, and the dead worker's late outcome changes nothing", async () => {
    const { sink } = sinkAndWorker();
    await sink.accept({ tenantId, platform: 'slack', deliveryKey: 'lease', events: [message('lease-1')] });
    const claimed = await claimDeliveries(handle.db, { workerId: 'dead', limit: 10, leaseMs: 30_000, now: clock });
    expect(claimed.map((r) => r.delivery_key)).toEqual(['lease']);
    const live = new InboxWorker({ db: handle.db, now, workerId: 'live' });
    expect(await live.drainOnce()).toMatchObject({ claimed: 0 });
    clock = new Date(clock.getTime() + 31_000);
    expect(await live.drainOnce()).toMatchObject({ claimed: 1, done: 1 });
    expect(await markDeliveriesDone(handle.db, [claimed[0]!.id], 'dead', clock)).toBe(0);
  });

  it('dispatches an interaction at once, answers an unknown person politely, and ignores a redelivered click', async () => {
    const { sink } = sinkAndWorker();
    const help = {
      type: 'command' as const,
      id: 'c1',
      source: 'slack',
      actor: { kind: 'platform' as const, id: 'U1' },
      occurredAt: clock,
      command: 'help',
      args: [],
    };
    const first = await sink.interact({
      tenantId,
      platform: 'slack',
      platformUserId: 'U1',
      event: help,
      deliveryKey: 'trig-1',
    });
    expect(first.handled).toBe(true);
    expect(first.reply?.fallbackText).toMatch(/What I can do/);
    expect(
      await sink.interact({ tenantId, platform: 'slack', platformUserId: 'U1', event: help, deliveryKey: 'trig-1' }),
    ).toEqual({ handled: false, duplicate: true });
    const stranger = await sink.interact({ tenantId, platform: 'slack', platformUserId: 'U999', event: help });
    expect(stranger.handled).toBe(false);
    expect(stranger.reply?.fallbackText).toMatch(/don't know your account/);
  });
});
