// Outbox drain rate against a local fake platform API (HTTP on 127.0.0.1), compared in the same run with a
// bare loop of the same HTTP calls; then proof that the per-platform rate limits held (Slack 1 msg/s per
// channel, DingTalk 20 QPS per app), measured both where the worker dispatches and where the server receives.
// PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), own schema, dropped afterwards;
// the throughput part also runs on in-memory PGlite. OUTBOX_BENCH_N overrides the message count (default 2000).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { OutboxWorker } from '../src/delivery/worker.js';
import {
  PLATFORM_RATE_LIMITS,
  type ConversationRef,
  type PlatformName,
  type RateLimitRule,
} from '../src/core/platform.js';
import {
  FakeHttpClient,
  fakeHttpAdapter,
  renderFake,
  startFakePlatform,
  type FakePlatformServer,
} from '../test/helpers/fake-platform.js';

const N = Number(process.env.OUTBOX_BENCH_N ?? 2000);

async function seed(
  handle: DatabaseHandle,
  platform: PlatformName,
  count: number,
  conversations: number,
  tag: string,
): Promise<void> {
  const db = handle.db;
  const tenant = await db
    .insertInto('tenants')
    .values({
      slug: `bench-${tag}-${randomBytes(3).toString('hex')}`,
      name: 'Bench',
      locale: 'en',
      timezone: 'UTC',
      legal_entity: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = await db
    .insertInto('employees')
    .values(
      Array.from({ length: conversations }, (_, i) => ({
        tenant_id: tenant.id,
        external_id: `${tag}-${i}`,
        display_name: `P${i}`,
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: null,
        left_at: null,
      })),
    )
    .returning('id')
    .execute();
  const now = new Date();
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const c = i % conversations;
      const to: ConversationRef = { platform, conversationId: `${tag}-C${c}`, userId: `${tag}-U${c}` };
      rows.push({
        tenant_id: tenant.id,
        idempotency_key: `${tag}-${i}`,
        kind: 'digest' as const,
        recipient_employee_id: people[c]!.id,
        platform: platform as string,
        conversation_ref: JSON.stringify(to),
        message: JSON.stringify({ blocks: [{ type: 'text', text: `message ${i}` }], fallbackText: `message ${i}` }),
        next_attempt_at: now,
        last_error: null,
        last_error_code: null,
        locked_until: null,
        claimed_by: null,
        platform_message_id: null,
        sent_at: null,
      });
    }
    await db.insertInto('outbox').values(rows).execute();
  }
}

async function drainAll(worker: OutboxWorker, handle: DatabaseHandle, platform: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const st = await worker.drainOnce();
    if (process.env.OUTBOX_BENCH_DEBUG) console.log(JSON.stringify(st), (performance.now() - started).toFixed(0));
    const left = await handle.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('platform', '=', platform)
      .where('status', '!=', 'sent')
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

/** Max events in any window [t, t + windowMs), per key. */
function maxPerWindow(events: Array<{ key: string; at: number }>, windowMs: number): { max: number; minGapMs: number } {
  const byKey = new Map<string, number[]>();
  for (const e of events) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e.at]);
  let max = 0;
  let minGapMs = Infinity;
  for (const times of byKey.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= windowMs) j++;
      max = Math.max(max, i - j + 1);
      if (i > 0) minGapMs = Math.min(minGapMs, times[i]! - times[i - 1]!);
    }
  }
  return { max, minGapMs };
}

async function throughput(label: string, handle: DatabaseHandle, server: FakePlatformServer): Promise<void> {
  await seed(handle, 'slack', N, 400, `tp-${label}`);
  server.sends.length = 0;
  const failures: string[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (o: object) => void failures.push(JSON.stringify(o)),
    error: (o: object) => void failures.push(JSON.stringify(o)),
  };
  const worker = new OutboxWorker({
    db: handle.db,
    adapters: [fakeHttpAdapter(server.url, { rateLimits: [] as RateLimitRule[] })],
    batchSize: 100,
    concurrency: 8,
    logger,
  });
  const workerMs = await drainAll(worker, handle, 'slack');
  const keys = new Set(server.sends.map((s) => s.idempotencyKey));
  if (failures.length) console.log(`  (${failures.length} sends were retried: ${[...new Set(failures)].join('; ')})`);

  // The same HTTP calls without the outbox: one after another, then 8 at a time (the worker's concurrency).
  const client = new FakeHttpClient(server.url);
  const payloads = Array.from({ length: N }, (_, i) => ({
    to: { platform: 'slack' as const, conversationId: `C${i % 400}` },
    payload: renderFake({ blocks: [], fallbackText: `message ${i}` }),
    key: `bare-${i}`,
  }));
  let started = performance.now();
  for (const p of payloads) await client.send(p.to, p.payload, p.key);
  const bareMs = performance.now() - started;
  started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < payloads.length) {
        const p = payloads[next++]!;
        await client.send(p.to, p.payload, p.key);
      }
    }),
  );
  const bare8Ms = performance.now() - started;

  const rate = (ms: number) => Math.round((N / ms) * 1000);
  console.log(`[${label}] ${N} messages, 400 conversations, no rate limit`);
  console.log(
    `  outbox worker (batch 100, concurrency 8): ${workerMs.toFixed(0)} ms = ${rate(workerMs)} msg/s; distinct keys received ${keys.size}/${N}`,
  );
  console.log(
    `  bare HTTP loop, sequential:               ${bareMs.toFixed(0)} ms = ${rate(bareMs)} msg/s  → worker/bare ratio ${(bareMs / workerMs).toFixed(2)}`,
  );
  console.log(
    `  bare HTTP loop, 8 in flight:              ${bare8Ms.toFixed(0)} ms = ${rate(bare8Ms)} msg/s  → worker/bare ratio ${(bare8Ms / workerMs).toFixed(2)}`,
  );
}

async function limits(handle: DatabaseHandle, server: FakePlatformServer): Promise<void> {
  // Slack: 20 channels × 5 messages, 1 msg/s per channel ⇒ ≥ 4 s.
  await seed(handle, 'slack', 100, 20, 'slack');
  const dispatched: Array<{ key: string; at: number }> = [];
  const slack = fakeHttpAdapter(server.url, { name: 'slack' });
  const slackSend = slack.client.send.bind(slack.client);
  slack.client.send = async (to, payload, key) => {
    dispatched.push({ key: to.conversationId, at: Date.now() });
    return slackSend(to, payload, key);
  };
  server.sends.length = 0;
  const slackMs = await drainAll(
    new OutboxWorker({ db: handle.db, adapters: [slack], batchSize: 50, concurrency: 8 }),
    handle,
    'slack',
  );
  const slackServer = maxPerWindow(
    server.sends.filter((s) => s.conversationId.startsWith('slack-')).map((s) => ({ key: s.conversationId, at: s.at })),
    1_000,
  );
  const slackWorker = maxPerWindow(dispatched, 1_000);
  console.log(
    `[slack limit ${JSON.stringify(PLATFORM_RATE_LIMITS.slack)}] 100 messages over 20 channels drained in ${slackMs.toFixed(0)} ms`,
  );
  console.log(
    `  max sends per channel in any 1 s window: worker ${slackWorker.max}, server ${slackServer.max}; min gap per channel: worker ${slackWorker.minGapMs.toFixed(1)} ms, server ${slackServer.minGapMs.toFixed(1)} ms`,
  );

  // DingTalk: 200 messages to 200 people, 20 per second per app ⇒ ≥ 9 s.
  await seed(handle, 'dingtalk', 200, 200, 'ding');
  const dingDispatched: Array<{ key: string; at: number }> = [];
  const ding = fakeHttpAdapter(server.url, { name: 'dingtalk' });
  const dingSend = ding.client.send.bind(ding.client);
  ding.client.send = async (to, payload, key) => {
    dingDispatched.push({ key: 'app', at: Date.now() });
    return dingSend(to, payload, key);
  };
  server.sends.length = 0;
  const dingMs = await drainAll(
    new OutboxWorker({ db: handle.db, adapters: [ding], batchSize: 50, concurrency: 8 }),
    handle,
    'dingtalk',
  );
  const dingServer = maxPerWindow(
    server.sends.map((s) => ({ key: 'app', at: s.at })),
    1_000,
  );
  const dingWorker = maxPerWindow(dingDispatched, 1_000);
  console.log(
    `[dingtalk limit ${JSON.stringify(PLATFORM_RATE_LIMITS.dingtalk)}] 200 messages drained in ${dingMs.toFixed(0)} ms = ${((200 / dingMs) * 1000).toFixed(1)} msg/s`,
  );
  console.log(`  max sends in any 1 s window (app-wide): worker ${dingWorker.max}, server ${dingServer.max}`);
  console.log(
    '  (WeCom 30/min + 1,000/h per member is proven with a fake clock in test/unit/delivery-limits.test.ts: a real run takes an hour.)',
  );
}

export async function run(): Promise<void> {
  const server = await startFakePlatform();
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const schema = `bench_outbox_${process.pid}`;
  const pgHandle = await openDatabase({ databaseUrl: url, schema, poolSize: 10 });
  try {
    await migrateToLatest(pgHandle.db as Kysely<unknown>, schema);
    await throughput('postgres', pgHandle, server);
    await limits(pgHandle, server);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pgHandle.db);
    await pgHandle.close();
  }
  const lite = await openDatabase({});
  try {
    await migrateToLatest(lite.db as Kysely<unknown>, lite.schema);
    await throughput('pglite', lite, server);
  } finally {
    await lite.close();
    await server.close();
  }
}
