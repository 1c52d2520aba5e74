// The Slack events path (issue 12's benchmark): signed `message` events → verified, durably stored, acknowledged by
// our POST /slack/events (the Fastify receiver's direct lane for event_callback — the same function Bolt's event
// listener calls, without App.processEvent or helmet — identities checked, the delivery inserted into the inbox
// in PostgreSQL before the 200), against Bolt 5's own HTTPReceiver handling the same signed events with a no-op
// `message` listener (it verifies and acknowledges, and stores nothing). Both servers run in this process on
// 127.0.0.1, one at a time; the load generator (undici, keep-alive) too, with every body signed before the clock
// starts. PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), in a schema of its own.
//  (1) closed loop: SLACK_BENCH_N (1,500) events at SLACK_BENCH_CONCURRENCY (32) in flight; req/s, p50, p99;
//  (2) open loop: SLACK_BENCH_RATE (1,000) req/s for SLACK_BENCH_SECONDS (2) s, latency from the scheduled send
//      instant (so queueing counts), p99.
// Each measured BENCH_ROUNDS (3) times per variant, interleaved; medians and the ratio printed. Targets: ours ≥ 2×
// Bolt HTTPReceiver's throughput; p99 < 50 ms at 1,000 req/s.
// Ceilings in the same run (closed loop only): a bare Fastify route and a bare node:http handler that read the body
// and answer 200 — no signature, no Bolt, no storage — show what any receiver can reach on this machine with the
// load generator in the same process. Where ours spends its time: the inbox group commit's own counters (batch
// size, wait for a batch, write per batch) and per-request CPU of verify and parse measured alone.
// The database pool is the service's default size (DATABASE_POOL_SIZE's default), not the tests' 5.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { loadConfig } from '../src/config.js';
import type { AppInboundSink } from '../src/app/inbound/sink.js';
import { parseSlackBody } from '../adapters/slack/receiver.js';
import { verifySlackSignature } from '../adapters/slack/verify.js';
import { interleaved, loadAverage, median, target } from './lib/measure.js';

const N = Number(process.env.SLACK_BENCH_N ?? 1500);
const CONCURRENCY = Number(process.env.SLACK_BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.SLACK_BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.SLACK_BENCH_SECONDS ?? 2);

interface Sample {
  /** Requests per second over the whole run. */
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

interface Request {
  body: string;
  headers: Record<string, string>;
}

function summarise(latencies: number[], elapsedMs: number, failures: number): Sample {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rps: (latencies.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures,
  };
}

async function closedLoop(pool: Pool, requests: readonly Request[]): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const t0 = performance.now();
      const res = await pool.request({
        method: 'POST',
        path: '/slack/events',
        headers: request.headers,
        body: request.body,
      });
      await res.body.dump();
      if (res.statusCode !== 200) failures++;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return summarise(latencies, performance.now() - started, failures);
}

async function openLoop(pool: Pool, requests: readonly Request[]): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  const interval = 1000 / RATE;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < requests.length; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const request = requests[i]!;
    inFlight.push(
      pool
        .request({ method: 'POST', path: '/slack/events', headers: request.headers, body: request.body })
        .then(async (res) => {
          await res.body.dump();
          if (res.statusCode !== 200) failures++;
          latencies.push(performance.now() - due);
        }),
    );
  }
  await Promise.all(inFlight);
  return summarise(latencies, performance.now() - started, failures);
}

export async function run(): Promise<void> {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const { envelope, slackHeaders, slackTs, SIGNING_SECRET, SLACK_USERS, startSlackEnv, TEAM_ID } =
    await import('../test/helpers/slack-env.js');
  console.log(`load average before: ${await loadAverage()}`);

  // Ours: the service's Slack runtime and HTTP app, listening for real.
  const poolSize = loadConfig({}).poolSize;
  const groupCommit = {
    ...(process.env.SLACK_BENCH_BATCH ? { maxItems: Number(process.env.SLACK_BENCH_BATCH) } : {}),
    ...(process.env.SLACK_BENCH_WAIT_MS ? { maxWaitMs: Number(process.env.SLACK_BENCH_WAIT_MS) } : {}),
    ...(process.env.SLACK_BENCH_WRITES ? { maxInFlight: Number(process.env.SLACK_BENCH_WRITES) } : {}),
  };
  const env = await startSlackEnv({ slug: 'slack-bench', poolSize, groupCommit });
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const oursUrl = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;

  // Bolt's own HTTPReceiver: verifies, acknowledges, hands the event to a no-op listener; stores nothing.
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const bolt = new App({
    receiver,
    logLevel: LogLevel.ERROR,
    authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCHBOT' }),
  });
  bolt.message(async () => undefined);
  const boltServer = (await bolt.start(0)) as Server;
  const boltUrl = `http://127.0.0.1:${(boltServer.address() as AddressInfo).port}`;

  // Ceilings: a bare Fastify route (the same raw-body parser as ours) and a bare node:http handler.
  const bare = Fastify({ logger: false });
  bare.removeAllContentTypeParsers();
  bare.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  bare.post('/slack/events', (_request, reply) => reply.code(200).send(''));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const fastifyUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const nodeServer = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => nodeServer.listen(0, '127.0.0.1', resolve));
  const nodeUrl = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}`;

  const users = Object.values(SLACK_USERS).map((u) => u.id);
  let seq = 0;
  /** Fresh, uniquely identified, signed message events (ours checks the signature against its injected clock). */
  const build = (count: number, clock: () => Date): Request[] =>
    Array.from({ length: count }, () => {
      const at = clock();
      const n = ++seq;
      const body = envelope(
        {
          client_msg_id: `b3c40000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          type: 'message',
          text: 'benchmark message text (never stored)',
          user: users[n % users.length],
          ts: slackTs(at, n % 1_000_000),
          team: TEAM_ID,
          channel: 'C0BENCH',
          event_ts: slackTs(at, n % 1_000_000),
          channel_type: 'channel',
        },
        `Ev0BENCH${String(n).padStart(10, '0')}`,
        at,
      );
      return { body, headers: slackHeaders(body, at) };
    });
  const oursClock = env.clock.now;
  const realClock = () => new Date();

  const pools = {
    ours: new Pool(oursUrl, { connections: CONCURRENCY, pipelining: 1 }),
    bolt: new Pool(boltUrl, { connections: CONCURRENCY, pipelining: 1 }),
    fastify: new Pool(fastifyUrl, { connections: CONCURRENCY, pipelining: 1 }),
    node: new Pool(nodeUrl, { connections: CONCURRENCY, pipelining: 1 }),
  };
  // Warm-up (identities linked, JIT, connections).
  await closedLoop(pools.ours, build(200, oursClock));
  await closedLoop(pools.bolt, build(200, realClock));
  await closedLoop(pools.fastify, build(200, realClock));
  await closedLoop(pools.node, build(200, realClock));

  const inbox = (env.ports.sink as AppInboundSink).inbox;
  const statsBefore = { ...inbox.stats };
  const closed: Record<'ours' | 'nostore' | 'bolt' | 'fastify' | 'node', Sample[]> = {
    ours: [],
    nostore: [],
    bolt: [],
    fastify: [],
    node: [],
  };
  // Ours with the inbox write replaced by an immediate answer (everything else the same): the ceiling of our HTTP
  // path itself, i.e. what no storage design can exceed.
  const sink = env.ports.sink;
  const storeAccept = sink.accept.bind(sink);
  await interleaved({
    nostore: async () => {
      sink.accept = () => Promise.resolve({ duplicate: false });
      try {
        const s = await closedLoop(pools.ours, build(N, oursClock));
        closed.nostore.push(s);
        return 1000 / s.rps;
      } finally {
        sink.accept = storeAccept;
      }
    },
    ours: async () => {
      const s = await closedLoop(pools.ours, build(N, oursClock));
      closed.ours.push(s);
      return 1000 / s.rps;
    },
    fastify: async () => {
      const s = await closedLoop(pools.fastify, build(N, realClock));
      closed.fastify.push(s);
      return 1000 / s.rps;
    },
    node: async () => {
      const s = await closedLoop(pools.node, build(N, realClock));
      closed.node.push(s);
      return 1000 / s.rps;
    },
    bolt: async () => {
      const s = await closedLoop(pools.bolt, build(N, realClock));
      closed.bolt.push(s);
      return 1000 / s.rps;
    },
  });
  const closedStats = {
    batches: inbox.stats.batches - statsBefore.batches,
    items: inbox.stats.items - statsBefore.items,
    queuedMs: inbox.stats.queuedMs - statsBefore.queuedMs,
    writeMs: inbox.stats.writeMs - statsBefore.writeMs,
  };
  const open: Record<'ours' | 'bolt', Sample[]> = { ours: [], bolt: [] };
  const openCount = Math.round(RATE * SECONDS);
  await interleaved({
    ours: async () => {
      const s = await openLoop(pools.ours, build(openCount, oursClock));
      open.ours.push(s);
      return s.p99;
    },
    bolt: async () => {
      const s = await openLoop(pools.bolt, build(openCount, realClock));
      open.bolt.push(s);
      return s.p99;
    },
  });

  // Where the time goes: the two database steps of our path alone, at the same concurrency, without HTTP or Bolt.
  const parallel = async (count: number, step: (i: number) => Promise<unknown>) => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) await step(next++);
      }),
    );
    return (count / (performance.now() - t0)) * 1000;
  };
  const tenantId = env.org.tenantId;
  const lookupsRps = await parallel(N, async (i) => {
    const user = users[i % users.length]!;
    await env.ports.sink.knownUsers(tenantId, 'slack', [user]);
    await env.ports.sink.conversationKinds?.(tenantId, 'slack', [{ channelId: 'C0BENCH', platformUserId: user }]);
  });
  const acceptRps = await parallel(N, (i) =>
    env.ports.sink.accept({ tenantId, platform: 'slack', deliveryKey: `event:bench-accept-${i}`, events: [] }),
  );
  // CPU per request of the steps before storage, alone (one thread, no I/O).
  const sample = build(2000, oursClock);
  const cpu = (step: (r: Request) => unknown) => {
    const t0 = performance.now();
    for (const r of sample) step(r);
    return ((performance.now() - t0) * 1000) / sample.length;
  };
  const nowMs = oursClock().getTime();
  const verifyUs = cpu((r) => verifySlackSignature({ rawBody: r.body, headers: r.headers }, [SIGNING_SECRET], nowMs));
  const parseUs = cpu((r) => parseSlackBody('application/json', r.body));
  // Bolt's own routing of one parsed event (authorize, context, middleware, listener match; the no-op listener):
  // what the baseline pays per request and our direct lane no longer does.
  const parsed = sample.map((r) => parseSlackBody('application/json', r.body)!);
  const t0 = performance.now();
  for (const body of parsed) await bolt.processEvent({ body, ack: async () => undefined });
  const boltUs = ((performance.now() - t0) * 1000) / parsed.length;
  console.log(
    `components alone (${CONCURRENCY} in flight): identity + channel lookups ${lookupsRps.toFixed(0)} /s (cached); ` +
      `inbox insert (sink.accept, group commit) ${acceptRps.toFixed(0)} /s; ` +
      `CPU per request: verify ${verifyUs.toFixed(1)} µs, parse ${parseUs.toFixed(1)} µs, ` +
      `Bolt App.processEvent ${boltUs.toFixed(1)} µs`,
  );
  const perItem = (ms: number) => (closedStats.items ? ms / closedStats.items : NaN);
  console.log(
    `inbox group commit during ours' closed loops: ${closedStats.items} deliveries in ${closedStats.batches} INSERTs ` +
      `(${(closedStats.items / Math.max(1, closedStats.batches)).toFixed(1)} per batch); wait for a batch ` +
      `${perItem(closedStats.queuedMs).toFixed(2)} ms per delivery, write ${(closedStats.writeMs / Math.max(1, closedStats.batches)).toFixed(2)} ms per batch ` +
      `(pool ${poolSize})`,
  );

  const stored = Number(
    (
      await env.db
        .selectFrom('inbound_deliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const med = (samples: Sample[], key: keyof Sample) => median(samples.map((s) => s[key]));
  const fmt = (samples: Sample[], key: keyof Sample, digits = 0) =>
    samples.map((s) => s[key].toFixed(digits)).join(' / ');
  console.log(
    `closed loop ours without the inbox write (verify + direct lane + SlackInbound.event, answered at once): ` +
      `${med(closed.nostore, 'rps').toFixed(0)} req/s (${fmt(closed.nostore, 'rps')}), p99 ${med(closed.nostore, 'p99').toFixed(1)} ms`,
  );
  for (const variant of ['fastify', 'node'] as const) {
    console.log(
      `closed loop ${variant.padEnd(7)} (bare, no verify/Bolt/storage): ${med(closed[variant], 'rps').toFixed(0)} req/s ` +
        `(${fmt(closed[variant], 'rps')}), p99 ${med(closed[variant], 'p99').toFixed(1)} ms`,
    );
  }
  for (const variant of ['ours', 'bolt'] as const) {
    console.log(
      `closed loop ${variant.padEnd(4)} (${N} req, ${CONCURRENCY} in flight): ${med(closed[variant], 'rps').toFixed(0)} req/s ` +
        `(${fmt(closed[variant], 'rps')}), p50 ${med(closed[variant], 'p50').toFixed(1)} ms, p99 ${med(closed[variant], 'p99').toFixed(1)} ms ` +
        `(${fmt(closed[variant], 'p99', 1)}), non-200: ${closed[variant].reduce((a, s) => a + s.failures, 0)}`,
    );
    console.log(
      `open loop   ${variant.padEnd(4)} (${RATE} req/s × ${SECONDS} s): achieved ${med(open[variant], 'rps').toFixed(0)} req/s, ` +
        `p50 ${med(open[variant], 'p50').toFixed(1)} ms, p99 ${med(open[variant], 'p99').toFixed(1)} ms (${fmt(open[variant], 'p99', 1)}), ` +
        `non-200: ${open[variant].reduce((a, s) => a + s.failures, 0)}`,
    );
  }
  const ratio = med(closed.ours, 'rps') / med(closed.bolt, 'rps');
  console.log(`ratio ours / Bolt HTTPReceiver (closed-loop throughput medians): ${ratio.toFixed(2)}×`);
  console.log(
    `ceilings / Bolt HTTPReceiver: ours without the inbox write ${(med(closed.nostore, 'rps') / med(closed.bolt, 'rps')).toFixed(2)}×, bare Fastify ${(med(closed.fastify, 'rps') / med(closed.bolt, 'rps')).toFixed(2)}×, ` +
      `bare node:http ${(med(closed.node, 'rps') / med(closed.bolt, 'rps')).toFixed(2)}×`,
  );
  console.log(`deliveries stored by ours: ${stored}`);
  console.log(`load average after: ${await loadAverage()}`);
  target({
    id: 'E-slack',
    what: 'Slack events throughput vs Bolt HTTPReceiver (closed loop)',
    goal: '≥ 2×',
    measured: `${ratio.toFixed(2)}× (${med(closed.ours, 'rps').toFixed(0)} vs ${med(closed.bolt, 'rps').toFixed(0)} req/s)`,
    met: ratio >= 2,
  });
  const p99 = med(open.ours, 'p99');
  target({
    id: 'E-slack',
    what: `Slack events p99 at ${RATE} req/s (open loop)`,
    goal: '< 50 ms',
    measured: `${p99.toFixed(1)} ms`,
    met: p99 < 50,
  });

  for (const pool of Object.values(pools)) await pool.close();
  await bare.close();
  await new Promise((resolve) => nodeServer.close(resolve));
  await bolt.stop();
  await env.close();
}
