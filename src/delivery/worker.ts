// The outbox worker: claims due rows (FOR UPDATE SKIP LOCKED, with a lease so a dead worker's rows come back),
// renders each through its platform adapter, sends under the platform's rate limits, and records the outcome:
// sent; retry later (coded retryable error: exponential backoff + jitter, never before Retry-After); or dead
// after `maxAttempts`. Several replicas may run it on one database: a row is claimed by one worker at a time
// and every outcome update is fenced by the claimant. Throughput: the next batch is claimed while the current one
// sends, and finished sends are recorded in flush groups (≤ 8 per UPDATE, ≤ 10 ms wait; flush-groups.ts). Crash
// window: a dead worker's sent-but-unrecorded rows — at most one flush group besides its sends in flight — are
// re-sent after their lease with the same idempotency key (re-sends ≤ 8 − 1 + concurrency).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import type { OutboxRow } from '../storage/tables/delivery.js';
import { isPlatformSendError, PlatformSendError, type PlatformAdapter } from '../core/platform.js';
import {
  claimDueOutbox,
  deferOutbox,
  markOutboxDead,
  markOutboxRetry,
  markOutboxSentMany,
  nextOutboxDueAt,
} from '../storage/repositories/outbox.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { RateLimiter } from './rate-limiter.js';
import { FlushGroups } from './flush-groups.js';
import { drainClaims, PollingWorker, silentLogger, type WorkerLogger } from './poll-loop.js';

export type { WorkerLogger } from './poll-loop.js';

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter has its own payload type
  adapters: ReadonlyArray<PlatformAdapter<any>>;
  logger?: WorkerLogger;
  /** Names this worker in claimed_by; unique per process. */
  workerId?: string;
  /** Attempts before a row is dead-lettered (config.outboxMaxAttempts). */
  maxAttempts?: number;
  /** How long a claim is valid; must exceed the longest send. */
  leaseMs?: number;
  batchSize?: number;
  /** Sends in flight at once within a batch. */
  concurrency?: number;
  /** Idle poll interval of the running loop. */
  pollIntervalMs?: number;
  /** Wait inline for a rate-limit slot up to this long; a later slot defers the row instead. */
  maxRateWaitMs?: number;
  /** A send that neither resolves nor rejects within this is treated as a timeout. */
  sendTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Finished sends recorded per fenced UPDATE (flush-groups.ts); 1 records each send at once. */
  flushGroupSize?: number;
  /** A flush group waits at most this long (injected clock) for more finished sends. */
  flushDelayMs?: number;
  now?: () => Date;
  /** Waits for a rate-limit slot; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface DrainStats {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  /** Given back untouched because the platform's rate limit had no slot soon enough. */
  deferred: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OutboxWorker extends PollingWorker {
  readonly name = 'outbox';
  readonly workerId: string;
  private readonly db: Kysely<Database>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly adapters: Map<string, PlatformAdapter<any>>;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxRateWaitMs: number;
  private readonly sendTimeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly flushGroupSize: number | undefined;
  private readonly flushDelayMs: number | undefined;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: OutboxWorkerOptions) {
    super({ logger: options.logger ?? silentLogger, pollIntervalMs: options.pollIntervalMs ?? 1_000 });
    this.db = options.db;
    this.adapters = new Map(options.adapters.map((adapter) => [adapter.name, adapter]));
    for (const adapter of options.adapters) this.limiters.set(adapter.name, new RateLimiter(adapter.rateLimits));
    this.workerId = options.workerId ?? `outbox-${randomUUID()}`;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 8;
    this.maxRateWaitMs = options.maxRateWaitMs ?? 2_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.flushGroupSize = options.flushGroupSize;
    this.flushDelayMs = options.flushDelayMs;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** Sleeps until the next row is due, if that comes before the next poll. */
  protected override async nextWaitMs(): Promise<number> {
    const due = await nextOutboxDueAt(this.db, [...this.adapters.keys()]);
    if (!due) return this.pollIntervalMs;
    return Math.max(10, Math.min(this.pollIntervalMs, due.getTime() - this.now().getTime()));
  }

  /** Claims and processes every row due now, batch after batch, until none is left; for tests and benchmarks. */
  async drainOnce(): Promise<DrainStats> {
    const stats: DrainStats = { claimed: 0, sent: 0, retried: 0, dead: 0, deferred: 0 };
    const platforms = [...this.adapters.keys()];
    const claim = () =>
      claimDueOutbox(this.db, {
        platforms,
        workerId: this.workerId,
        now: this.now(),
        leaseMs: this.leaseMs,
        limit: this.batchSize,
      });
    const groups = new FlushGroups({
      flush: (marks) => markOutboxSentMany(this.db, this.workerId, marks, this.now()),
      onLost: (ids) =>
        this.log.warn(
          { outboxIds: ids },
          'outbox rows were reclaimed by another worker while sending (lease too short?)',
        ),
      now: this.now,
      ...(this.flushGroupSize !== undefined ? { groupSize: this.flushGroupSize } : {}),
      ...(this.flushDelayMs !== undefined ? { maxDelayMs: this.flushDelayMs } : {}),
    });
    // The next batch is claimed while this one sends; finished sends are recorded in flush groups.
    try {
      stats.claimed = await drainClaims(
        claim,
        (rows) => runPool(rows, this.concurrency, (row) => this.process(row, stats, groups)),
        { prefetch: true },
      );
    } finally {
      await groups.close();
      stats.sent = groups.recorded;
    }
    return stats;
  }

  private async process(row: OutboxRow, stats: DrainStats, groups: FlushGroups): Promise<void> {
    const adapter = this.adapters.get(row.platform);
    const limiter = this.limiters.get(row.platform);
    if (!adapter || !limiter) return; // unreachable: claims are restricted to our platforms
    const to = row.conversation_ref;
    // No send starts while a whole flush group of finished sends awaits its UPDATE: that bounds a crash's re-sends.
    await groups.ready();

    // Wait for a send slot (the limiter records the send only when it is granted, right before dispatch);
    // if the next slot is further away than maxRateWaitMs, give the row back for later without spending an attempt.
    for (;;) {
      const now = this.now().getTime();
      const slot = limiter.tryAcquire(to, now);
      if (slot.ok) break;
      if (slot.retryAt - now > this.maxRateWaitMs) {
        await deferOutbox(this.db, row.id, this.workerId, new Date(slot.retryAt), this.now());
        stats.deferred++;
        return;
      }
      await this.sleep(slot.retryAt - now);
    }

    let payload: unknown;
    try {
      payload = adapter.render(row.message);
    } catch (error) {
      // A message the adapter cannot render will never render: no point retrying.
      await this.fail(
        row,
        new PlatformSendError('bad_request', `render failed: ${(error as Error).message}`, { retryable: false }),
        stats,
      );
      return;
    }

    // The deadline aborts the send's signal too, so the adapter abandons its request instead of finishing it late.
    const deadline = new AbortController();
    try {
      const { platformMessageId } = await withTimeout(
        adapter.client.send(to, payload, row.idempotency_key, { tenantId: row.tenant_id, signal: deadline.signal }),
        this.sendTimeoutMs,
        deadline,
      );
      groups.add({ id: row.id, platformMessageId, sentAt: this.now() });
    } catch (error) {
      await this.fail(row, toCoded(error), stats);
    }
  }

  private async fail(row: OutboxRow, error: PlatformSendError, stats: DrainStats): Promise<void> {
    const now = this.now();
    if (error.code === 'rate_limited' && error.retryAfterMs !== undefined) {
      this.limiters.get(row.platform)?.blockUntil(row.conversation_ref, now.getTime() + error.retryAfterMs);
    }
    const context = {
      outboxId: row.id,
      tenantId: row.tenant_id,
      platform: row.platform,
      attempt: row.attempts,
      code: error.code,
      error: error.message,
    };
    if (error.retryable && row.attempts < this.maxAttempts) {
      const delay = backoffDelay(row.attempts, this.backoff, this.random, error.retryAfterMs);
      await markOutboxRetry(this.db, row.id, this.workerId, {
        nextAttemptAt: new Date(now.getTime() + delay),
        error: error.message,
        code: error.code,
        now,
      });
      stats.retried++;
      this.log.warn({ ...context, retryInMs: delay }, 'send failed; will retry');
    } else {
      await markOutboxDead(this.db, row.id, this.workerId, { error: error.message, code: error.code, now });
      stats.dead++;
      this.log.error({ ...context }, 'send failed for good; message dead-lettered (teampulse outbox list --dead)');
    }
  }
}

/** Non-coded errors (an adapter bug, a thrown TypeError) count as retryable network trouble. */
function toCoded(error: unknown): PlatformSendError {
  if (isPlatformSendError(error)) return error;
  return new PlatformSendError('network', `uncoded send error: ${(error as Error)?.message ?? String(error)}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, deadline: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort();
      reject(new PlatformSendError('timeout', `send did not finish within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
