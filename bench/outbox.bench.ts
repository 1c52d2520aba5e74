// P4: outbox drain rate against a fake platform API that runs in another process (bench/lib/platform-server.ts),
// compared with a bare loop of the same HTTP calls (8 in flight, as the worker's concurrency), measured
// BENCH_ROUNDS times (default 3) interleaved, medians reported. Then the per-platform rate limits (Slack 1 msg/s
// per channel, DingTalk 20 QPS per app) under a real drain: the receiving process asserts them on every arrival and
// the bench fails if any was exceeded. PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test),
// own schema, dropped afterwards; the throughput part also runs on in-memory PGlite. OUTBOX_BENCH_N overrides the
// message count (default 2000).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { OutboxWorker } from '../src/delivery/worker.js';
import { PLATFORM_RATE_LIMITS, type ConversationRef, type PlatformName } from '../src/core/platform.js';
import { FakeHttpClient, fakeHttpAdapter, renderFake } from '../test/helpers/fake-platform.js';
import { interleaved, list, loadAverage, target } from './lib/measure.js';
import type { ServerReport } from './lib/platform-server.js';

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

interface RemotePlatform {
  url: string;
  report(): Promise<ServerReport>;
  reset(): void;
  close(): Promise<void>;
}

async function startRemotePlatform(): Promise<RemotePlatform> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./lib/platform-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`fake platform exited (${code})`)));
  });
  return {
    url,
    report: () =>
      new Promise((resolve) => {
        child.once('message', (m: { report: ServerReport }) => resolve(m.report));
        child.send('report');
      }),
    reset: () => child.send('reset'),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: (o: object) => console.log(`  warn ${JSON.stringify(o)}`),
  error: (o: object) => console.log(`  error ${JSON.stringify(o)}`),
};

/** Worker vs bare loop, interleaved; returns the ratio of medians (bare / worker: 1 = no overhead). */
async function throughput(label: string, handle: DatabaseHandle, remote: RemotePlatform): Promise<number> {
  let round = 0;
  const workerRun = (flushGroupSize?: number) => async () => {
    const tag = `tp-${label}-${flushGroupSize ?? 'g'}-${round++}`;
    await seed(handle, 'slack', N, 400, tag);
    remote.reset();
    const worker = new OutboxWorker({
      db: handle.db,
      adapters: [fakeHttpAdapter(`${remote.url}/free`, { rateLimits: [] })],
      batchSize: 100,
      concurrency: 8,
      logger: quiet,
      ...(flushGroupSize !== undefined ? { flushGroupSize } : {}),
    });
    const elapsed = await drainAll(worker, handle, 'slack');
    const report = await remote.report();
    if (report.distinctKeys !== N) throw new Error(`${label}: ${report.distinctKeys}/${N} keys received`);
    await handle.db.deleteFrom('outbox').execute();
    return elapsed;
  };
  const client = new FakeHttpClient(`${remote.url}/free`);
  const bare = async () => {
    const payloads = Array.from({ length: N }, (_, i) => ({
      to: { platform: 'slack' as const, conversationId: `C${i % 400}` },
      payload: renderFake({ blocks: [], fallbackText: `message ${i}` }),
      key: `bare-${round++}-${i}`,
    }));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < payloads.length) {
          const p = payloads[next++]!;
          await client.send(p.to, p.payload, p.key);
        }
      }),
    );
    return performance.now() - started;
  };
  const result = await interleaved({ worker: workerRun(), perMessage: workerRun(1), bare });
  const rate = (ms: number) => Math.round((N / ms) * 1000);
  const ratio = result.bare.median / result.worker.median;
  console.log(`[${label}] ${N} messages to 400 conversations, no rate limit; load average ${await loadAverage()}`);
  console.log(
    `  outbox worker (batch 100, 8 in flight, flush groups of 8): median ${result.worker.median.toFixed(0)} ms = ${rate(result.worker.median)} msg/s (runs ${list(result.worker.samples)} ms)`,
  );
  console.log(
    `  the same, one UPDATE per message (flush group 1):           median ${result.perMessage.median.toFixed(0)} ms = ${rate(result.perMessage.median)} msg/s (runs ${list(result.perMessage.samples)} ms)`,
  );
  console.log(
    `  bare loop of the same HTTP calls, 8 in flight:              median ${result.bare.median.toFixed(0)} ms = ${rate(result.bare.median)} msg/s (runs ${list(result.bare.samples)} ms)`,
  );
  console.log(
    `  → worker/bare ${ratio.toFixed(2)} (per-message marks: ${(result.bare.median / result.perMessage.median).toFixed(2)})`,
  );
  return ratio;
}

async function limited(
  handle: DatabaseHandle,
  remote: RemotePlatform,
  platform: 'slack' | 'dingtalk',
  count: number,
  conversations: number,
): Promise<void> {
  await seed(handle, platform, count, conversations, `${platform}-${randomBytes(2).toString('hex')}`);
  remote.reset();
  const adapter = fakeHttpAdapter(`${remote.url}/${platform}`, { name: platform });
  const elapsed = await drainAll(
    new OutboxWorker({ db: handle.db, adapters: [adapter], batchSize: 50, concurrency: 8, logger: quiet }),
    handle,
    platform,
  );
  const report = await remote.report();
  console.log(
    `[${platform} limit ${JSON.stringify(PLATFORM_RATE_LIMITS[platform])}] ${count} messages to ${conversations} conversations: ${elapsed.toFixed(0)} ms = ${((count / elapsed) * 1000).toFixed(1)} msg/s; received ${report.sends}, most in one window at the receiver ${report.maxInWindow[platform] ?? 0}`,
  );
  target({
    id: 'P4',
    what: `${platform}: the receiving platform never sees its rate limit exceeded`,
    goal: '0 violations',
    measured: `${report.violations.length} violations`,
    met: report.violations.length === 0,
  });
  if (report.violations.length > 0)
    throw new Error(`${platform} rate limit exceeded at the receiver:\n${report.violations.join('\n')}`);
}

export async function run(): Promise<void> {
  const remote = await startRemotePlatform();
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const schema = `bench_outbox_${process.pid}`;
  const pgHandle = await openDatabase({ databaseUrl: url, schema, poolSize: 10 });
  try {
    await migrateToLatest(pgHandle.db as Kysely<unknown>, schema);
    const ratio = await throughput('postgres', pgHandle, remote);
    target({
      id: 'P4',
      what: 'PostgreSQL outbox drain vs a bare loop of the same HTTP calls (medians)',
      goal: '≥ 0.8×',
      measured: `${ratio.toFixed(2)}×`,
      met: ratio >= 0.8,
    });
    // Slack: 20 channels × 5 messages at 1 msg/s per channel ⇒ ≥ 4 s. DingTalk: 200 messages at 20/s ⇒ ≥ 9 s.
    await limited(pgHandle, remote, 'slack', 100, 20);
    await limited(pgHandle, remote, 'dingtalk', 200, 200);
    console.log(
      '  (WeCom 30/min + 1,000/h per member is proven with a fake clock in test/unit/delivery-limits.test.ts: a real run takes an hour.)',
    );
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pgHandle.db);
    await pgHandle.close();
  }
  const lite = await openDatabase({});
  try {
    await migrateToLatest(lite.db as Kysely<unknown>, lite.schema);
    await throughput('pglite', lite, remote);
  } finally {
    await lite.close();
    await remote.close();
  }
}
