// The ingestion use-case as chat adapters will call it: platform user ids, thread replies, mentions, reactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SignalEvent } from '../../src/core/events.js';
import { ingestSignals, ingestStream } from '../../src/app/signals/ingest.js';
import { purgeRawEvents, purgeRawEventsJob } from '../../src/app/signals/retention.js';
import type { SchedulerJob } from '../../src/scheduler/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('ingestSignals (chat events)', () => {
  let handle: TestDatabase;
  let tenantId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'chat', { timezone: 'UTC' })).id;
    for (const ext of ['ana', 'bo', 'cy', 'di']) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: ext,
          display_name: ext,
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[ext] = row.id;
      await handle.db
        .insertInto('platform_identities')
        .values({
          tenant_id: tenantId,
          employee_id: row.id,
          platform: 'slack',
          platform_user_id: `U${ext.toUpperCase()}`,
          dm_conversation_id: null,
        })
        .execute();
    }
  });
  afterAll(async () => handle.destroy());

  const u = (id: string) => ({ kind: 'platform' as const, id });
  const at = (iso: string) => new Date(iso);
  const rollup = (ext: string, day: string) =>
    handle.db
      .selectFrom('daily_rollups')
      .selectAll()
      .where('employee_id', '=', ids[ext]!)
      .where('day', '=', day)
      .executeTakeFirst();

  it('counts thread replies to others, collaborators and edges from mentions, peers and reactions', async () => {
    const events: SignalEvent[] = [
      // Ana replies in Bo's thread and mentions Cy; a reply in her own thread is not "to others".
      {
        id: 's1',
        source: 'slack',
        type: 'message',
        actor: u('UANA'),
        occurredAt: at('2026-03-02T09:00:00Z'),
        conversation: 'team',
        count: 1,
        threadReplyTo: u('UBO'),
        mentions: [u('UCY')],
        raw: { text: 'never stored' },
      },
      {
        id: 's2',
        source: 'slack',
        type: 'message',
        actor: u('UANA'),
        occurredAt: at('2026-03-02T09:05:00Z'),
        conversation: 'team',
        count: 1,
        threadReplyTo: u('UANA'),
      },
      {
        id: 's3',
        source: 'slack',
        type: 'message',
        actor: u('UANA'),
        occurredAt: at('2026-03-02T09:10:00Z'),
        conversation: 'team',
        count: 1,
        threadReplyTo: u('UGUEST'),
      },
      {
        id: 's4',
        source: 'slack',
        type: 'message',
        actor: u('UDI'),
        occurredAt: at('2026-03-02T10:00:00Z'),
        conversation: 'dm',
        count: 1,
        peer: u('UANA'),
      },
      {
        id: 's5',
        source: 'slack',
        type: 'reaction',
        actor: u('UBO'),
        occurredAt: at('2026-03-02T11:00:00Z'),
        to: u('UANA'),
      },
      {
        id: 's6',
        source: 'slack',
        type: 'member_joined',
        actor: u('UCY'),
        occurredAt: at('2026-03-02T11:00:00Z'),
        conversation: 'team',
      },
    ];
    const result = await ingestSignals(handle.db, { tenantId, source: 'slack', events, now: NOW });
    expect(result).toMatchObject({
      received: 6,
      accepted: 6,
      duplicates: 0,
      skippedUnknown: 0,
      unknownEmployees: ['slack:UGUEST'],
    });

    const ana = await rollup('ana', '2026-03-02');
    expect(ana).toMatchObject({ msgs_team: 3, thread_replies_to_others: 2, distinct_collaborators: 3 });
    expect(await rollup('di', '2026-03-02')).toMatchObject({ msgs_dm: 1, distinct_collaborators: 1 });
    expect(await rollup('cy', '2026-03-02')).toMatchObject({ msgs_team: 0, distinct_collaborators: 1 });

    const edges = await handle.db
      .selectFrom('interaction_edges')
      .select(['from_employee_id', 'to_employee_id', 'count'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const named = edges.map((e) => `${nameOf(e.from_employee_id)}→${nameOf(e.to_employee_id)}:${e.count}`).sort();
    expect(named).toEqual(['ana→bo:1', 'ana→cy:1', 'bo→ana:1', 'di→ana:1']);

    // Metadata only: no text, no raw payload in the stored rows.
    const stored = await handle.db.selectFrom('signal_events').select('payload').execute();
    expect(JSON.stringify(stored)).not.toMatch(/never stored|text/);
  });

  it('a later message from another source to the same day is merged by recompute, not overwritten', async () => {
    await ingestSignals(handle.db, {
      tenantId,
      source: 'hr-api',
      now: NOW,
      events: [
        {
          id: 'h1',
          source: 'hr-api',
          type: 'message',
          actor: { kind: 'external', id: 'ana' },
          occurredAt: at('2026-03-02T15:00:00Z'),
          conversation: 'group',
          count: 4,
          peer: { kind: 'external', id: 'di' },
        },
      ],
    });
    expect(await rollup('ana', '2026-03-02')).toMatchObject({ msgs_team: 3, msgs_group: 4, distinct_collaborators: 3 });
    const edge = await handle.db
      .selectFrom('interaction_edges')
      .select('count')
      .where('from_employee_id', '=', ids.ana!)
      .where('to_employee_id', '=', ids.di!)
      .executeTakeFirstOrThrow();
    expect(edge.count).toBe(4);
  });

  it('concurrent ingests of the same day both end up in the rollup', async () => {
    const burst = (prefix: string, n: number): SignalEvent[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}`,
        source: 'slack',
        type: 'message' as const,
        actor: u('UCY'),
        occurredAt: at('2026-03-04T09:00:00Z'),
        conversation: 'cross_team' as const,
        count: 1,
      }));
    await Promise.all([
      ingestSignals(handle.db, { tenantId, source: 'slack', now: NOW, events: burst('p', 300) }),
      ingestSignals(handle.db, { tenantId, source: 'slack', now: NOW, events: burst('q', 200) }),
      ingestSignals(handle.db, { tenantId, source: 'slack', now: NOW, events: burst('p', 300) }),
    ]);
    expect(await rollup('cy', '2026-03-04')).toMatchObject({ msgs_cross_team: 500 });
  });

  it('caps absurd counts at the column range instead of failing the day forever', async () => {
    const huge: SignalEvent[] = Array.from({ length: 2200 }, (_, i) => ({
      id: `big${i}`,
      source: 'hr-api',
      type: 'message' as const,
      actor: { kind: 'external' as const, id: 'di' },
      occurredAt: at('2026-03-05T09:00:00Z'),
      conversation: 'team' as const,
      count: 1_000_000,
    }));
    const result = await ingestSignals(handle.db, { tenantId, source: 'hr-api', now: NOW, events: huge });
    expect(result.accepted).toBe(2200);
    expect(await rollup('di', '2026-03-05')).toMatchObject({ msgs_team: 2_147_483_647 });
  });

  it('ingestStream splits a stream into transactions and adds up the totals', async () => {
    const msg = (id: string, actor: string): SignalEvent => ({
      id,
      source: 'oa',
      type: 'message',
      actor: { kind: 'external', id: actor },
      occurredAt: at('2026-03-06T09:00:00Z'),
      conversation: 'group',
      count: 2,
    });
    const batches = [
      [msg('a1', 'bo'), msg('a2', 'bo')],
      [msg('a3', 'bo'), msg('a1', 'bo')],
      [msg('a4', 'ghost'), msg('a5', 'cy')],
    ];
    let stored = 0;
    const totals = await ingestStream(handle.db, { tenantId, source: 'oa', now: NOW }, batches, {
      rowsPerTransaction: 3,
      onBatch: (n) => (stored += n),
    });
    expect(totals).toMatchObject({
      received: 6,
      accepted: 4,
      duplicates: 1,
      skippedUnknown: 1,
      unknownEmployees: ['ghost'],
    });
    expect(stored).toBe(6);
    expect(await rollup('bo', '2026-03-06')).toMatchObject({ msgs_group: 6 });
    expect(await rollup('cy', '2026-03-06')).toMatchObject({ msgs_group: 2 });
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    const before = await handle.db
      .selectFrom('signal_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        const r = await ingestSignals(trx, {
          tenantId,
          source: 'slack',
          now: NOW,
          events: [
            {
              id: 'tx1',
              source: 'slack',
              type: 'message',
              actor: u('UBO'),
              occurredAt: at('2026-03-03T09:00:00Z'),
              conversation: 'team',
              count: 1,
            },
          ],
        });
        expect(r.accepted).toBe(1);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await handle.db
      .selectFrom('signal_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await rollup('bo', '2026-03-03')).toBeUndefined();
  });

  it('purgeRawEvents and its scheduler job delete only events before the cutoff', async () => {
    const none = await purgeRawEvents(handle.db, { retentionDays: 30, now: NOW });
    expect(none).toEqual({ deleted: 0, cutoff: '2026-02-08' });
    // Typed as the scheduler's job shape: the composition root can hand it over as is.
    const job: SchedulerJob = purgeRawEventsJob({ db: handle.db, retentionDays: 3, onDone: (r) => results.push(r) });
    const results: { deleted: number; cutoff: string }[] = [];
    expect(job).toMatchObject({ name: 'purge-raw-events', cron: '30 3 * * *', perTenant: false });
    const old = await handle.db
      .selectFrom('signal_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '<', '2026-03-07')
      .executeTakeFirstOrThrow();
    expect(Number(old.n)).toBeGreaterThan(2700);
    const logged: object[] = [];
    await job.run({
      db: handle.db,
      logger: { info: (o) => logged.push(o), warn: () => undefined, error: () => undefined },
      tenantId: null,
      timezone: 'UTC',
      slot: 's',
      scheduledAt: NOW,
      now: NOW,
      localDay: '2026-03-10',
    });
    // Cutoff 2026-03-07: every event of an earlier day goes; the rollups stay.
    expect(results).toEqual([{ deleted: Number(old.n), cutoff: '2026-03-07' }]);
    expect(logged).toEqual([{ deleted: Number(old.n), cutoff: '2026-03-07', retentionDays: 3 }]);
    expect(await handle.db.selectFrom('signal_events').select('day').where('day', '<', '2026-03-07').execute()).toEqual(
      [],
    );
    expect(await rollup('ana', '2026-03-02')).toMatchObject({ msgs_team: 3, msgs_group: 4 });
    // Events that old are now refused by ingestion, so the purged day is never recomputed from a partial set.
    const late = await ingestSignals(handle.db, {
      tenantId,
      source: 'slack',
      now: NOW,
      retentionDays: 3,
      events: [
        {
          id: 'late',
          source: 'slack',
          type: 'message',
          actor: u('UANA'),
          occurredAt: at('2026-03-02T18:00:00Z'),
          conversation: 'team',
          count: 1,
        },
      ],
    });
    expect(late).toMatchObject({ accepted: 0, expired: 1 });
    expect(await rollup('ana', '2026-03-02')).toMatchObject({ msgs_team: 3 });
  });

  function nameOf(id: string): string {
    return Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  }
});

describe('ingestSignals (bulk recompute, deletions)', () => {
  let handle: TestDatabase;
  let tenantId: string;
  const ids: Record<string, string> = {};
  const DAYS = 2100;

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'bulk', { timezone: 'UTC' })).id;
    for (const ext of ['xu', 'yan', 'zoe']) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: ext,
          display_name: ext,
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[ext] = row.id;
    }
  });
  afterAll(async () => handle.destroy());

  const ext = (id: string) => ({ kind: 'external' as const, id });
  const count = async (table: 'daily_rollups' | 'interaction_edges') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('recomputes thousands of (person, day) keys in a caller transaction and leaves its settings as they were', async () => {
    // One DM a day from Xu to Yan over DAYS days: DAYS edge keys and 2 × DAYS rollup keys (past the JIT and ANALYZE thresholds).
    const events: SignalEvent[] = Array.from({ length: DAYS }, (_, i) => ({
      id: `dm${i}`,
      source: 'hr-api',
      type: 'message' as const,
      actor: ext('xu'),
      occurredAt: new Date(Date.UTC(2020, 0, 1 + i, 12)),
      conversation: 'dm' as const,
      count: 1 + (i % 3),
      peer: ext('yan'),
    }));
    const { result, jitBefore, jitAfter } = await handle.db.transaction().execute(async (trx) => {
      const jitBefore = (await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(trx)).rows[0]?.jit;
      const result = await ingestSignals(trx, { tenantId, source: 'hr-api', now: NOW, events });
      const jitAfter = (await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(trx)).rows[0]?.jit;
      return { result, jitBefore, jitAfter };
    });
    expect(result).toMatchObject({ accepted: DAYS, rollupsRecomputed: 2 * DAYS });
    expect(jitAfter).toBe(jitBefore);
    expect(await count('daily_rollups')).toBe(2 * DAYS);
    expect(await count('interaction_edges')).toBe(DAYS);
    // Day 1000 (2022-09-27): count 1 + 1000 % 3 = 2.
    const day = '2022-09-27';
    const xu = await handle.db
      .selectFrom('daily_rollups')
      .selectAll()
      .where('employee_id', '=', ids.xu!)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    expect(xu).toMatchObject({ msgs_dm: 2, distinct_collaborators: 1 });
    const yan = await handle.db
      .selectFrom('daily_rollups')
      .selectAll()
      .where('employee_id', '=', ids.yan!)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    expect(yan).toMatchObject({ msgs_dm: 0, distinct_collaborators: 1 });
    const edge = await handle.db
      .selectFrom('interaction_edges')
      .select(['from_employee_id', 'to_employee_id', 'count'])
      .where('tenant_id', '=', tenantId)
      .where('day', '=', day)
      .execute();
    expect(edge).toEqual([{ from_employee_id: ids.xu, to_employee_id: ids.yan, count: 2 }]);
  });

  it('deleting an employee removes their rollups and edges; deleting the tenant removes the rest', async () => {
    await handle.db.deleteFrom('employees').where('id', '=', ids.yan!).execute();
    expect(await count('interaction_edges')).toBe(0);
    expect(await count('daily_rollups')).toBe(DAYS);
    await handle.db.deleteFrom('tenants').where('id', '=', tenantId).execute();
    expect(await count('daily_rollups')).toBe(0);
    expect(await count('interaction_edges')).toBe(0);
  });
});
