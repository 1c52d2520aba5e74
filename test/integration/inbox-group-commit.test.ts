// The inbox's group commit on the real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): deliveries that
// arrive together are stored by one multi-row INSERT, each caller answered once its batch committed; duplicates
// within one batch and across batches are stored once and counted as redeliveries; a batch the database refuses
// stores nothing of itself; one bad delivery fails alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import { createInboundSink, type AppInboundSink } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { insertDeliveries } from '../../src/storage/repositories/inbox.js';
import { manualTimer } from '../helpers/manual-timer.js';
import type { MessageEvent } from '../../src/core/events.js';

const at = new Date('2026-11-30T03:00:00Z');
const message = (id: string): MessageEvent => ({
  type: 'message',
  id,
  source: 'slack',
  actor: { kind: 'platform', id: 'U1' },
  occurredAt: at,
  conversation: 'group',
  count: 1,
});

describe('inbox group commit', () => {
  let handle: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'batchco')).id;
  });
  afterAll(async () => handle.destroy());

  const rows = async (prefix: string) =>
    handle.db
      .selectFrom('inbound_deliveries')
      .select(['delivery_key', 'redeliveries', 'status'])
      .where('delivery_key', 'like', `${prefix}%`)
      .orderBy('delivery_key')
      .execute();

  it('insertDeliveries stores each key once and counts duplicates within and across batches', async () => {
    const item = (key: string) => ({ tenantId, platform: 'slack', deliveryKey: key, events: [] });
    const first = await insertDeliveries(handle.db, [item('m:a'), item('m:b'), item('m:a'), item('m:a')], at);
    expect(first.map((r) => r.created)).toEqual([true, true, false, false]);
    const second = await insertDeliveries(handle.db, [item('m:b'), item('m:c'), item('m:c')], at);
    expect(second.map((r) => r.created)).toEqual([false, true, false]);
    expect(await rows('m:')).toEqual([
      { delivery_key: 'm:a', redeliveries: 2, status: 'pending' },
      { delivery_key: 'm:b', redeliveries: 1, status: 'pending' },
      { delivery_key: 'm:c', redeliveries: 1, status: 'pending' },
    ]);
  });

  it('a batch the database refuses stores nothing of itself', async () => {
    const unknownTenant = '00000000-0000-4000-8000-000000000000';
    await expect(
      insertDeliveries(
        handle.db,
        [
          { tenantId, platform: 'slack', deliveryKey: 'h:ok', events: [] },
          { tenantId: unknownTenant, platform: 'slack', deliveryKey: 'h:orphan', events: [] },
        ],
        at,
      ),
    ).rejects.toThrow();
    expect(await rows('h:')).toEqual([]);
  });

  it('many concurrent accepts: fewer INSERTs, each answered after its batch committed, duplicates counted once', async () => {
    const clock = manualTimer();
    let wakes = 0;
    const sink: AppInboundSink = createInboundSink({
      db: handle.db,
      dispatcher: buildInboundDispatcher({ db: handle.db, now: () => at }),
      now: () => at,
      wakeInbox: () => wakes++,
      groupCommit: { maxItems: 50, maxInFlight: 1, timer: clock.timer },
    });
    const keys = Array.from({ length: 40 }, (_, i) => `c:${String(i % 30).padStart(2, '0')}`); // 10 repeated
    const answered: string[] = [];
    const calls = keys.map((key) =>
      sink.accept({ tenantId, platform: 'slack', deliveryKey: key, events: [message(key)] }).then((result) => {
        answered.push(key);
        return result;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toEqual([]);
    expect(await rows('c:')).toEqual([]); // nothing written before the batch is due
    clock.fire();
    const results = await Promise.all(calls);
    expect(sink.inbox.stats.batches).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(30);
    expect(results.filter((r) => r.duplicate)).toHaveLength(10);
    const stored = await rows('c:');
    expect(stored).toHaveLength(30);
    expect(stored.reduce((sum, r) => sum + r.redeliveries, 0)).toBe(10);
    expect(wakes).toBe(1);

    // The same keys again (Slack retries) in a later batch: nothing new, each counted once more.
    const retries = ['c:00', 'c:29'].map((key) =>
      sink.accept({ tenantId, platform: 'slack', deliveryKey: key, events: [message(key)] }),
    );
    clock.fire();
    expect((await Promise.all(retries)).map((r) => r.duplicate)).toEqual([true, true]);
    expect((await rows('c:')).filter((r) => ['c:00', 'c:29'].includes(r.delivery_key))).toEqual([
      { delivery_key: 'c:00', redeliveries: 2, status: 'pending' },
      { delivery_key: 'c:29', redeliveries: 1, status: 'pending' },
    ]);
  });

  it('one bad delivery fails alone; a batch the database cannot take fails all its callers and stores nothing', async () => {
    const clock = manualTimer();
    const sink = createInboundSink({
      db: handle.db,
      dispatcher: buildInboundDispatcher({ db: handle.db, now: () => at }),
      now: () => at,
      groupCommit: { maxItems: 10, timer: clock.timer },
    });
    const accept = (key: string, tenant = tenantId) =>
      sink.accept({ tenantId: tenant, platform: 'slack', deliveryKey: key, events: [] }).then(
        (r) => (r.duplicate ? 'duplicate' : 'stored'),
        () => 'failed',
      );
    const mixed = [accept('p:1'), accept('p:bad', '00000000-0000-4000-8000-000000000000'), accept('p:2')];
    clock.fire();
    expect(await Promise.all(mixed)).toEqual(['stored', 'failed', 'stored']);

    await sql`alter table inbound_deliveries rename to inbound_deliveries_away`.execute(handle.db);
    try {
      const down = [accept('q:1'), accept('q:2'), accept('p:1')];
      clock.fire();
      expect(await Promise.all(down)).toEqual(['failed', 'failed', 'failed']);
    } finally {
      await sql`alter table inbound_deliveries_away rename to inbound_deliveries`.execute(handle.db);
    }
    expect(await rows('q:')).toEqual([]);
    // The platform retries them: stored now, once.
    const retried = [accept('q:1'), accept('q:2')];
    clock.fire();
    expect(await Promise.all(retried)).toEqual(['stored', 'stored']);
    expect((await rows('q:')).map((r) => r.redeliveries)).toEqual([0, 0]);
  });
});
