// The inbox worker: chat adapters persist each delivery first (src/app/inbound/sink.ts) and answer the platform at
// once; this worker then turns the stored events into signals. Rows are claimed with FOR UPDATE SKIP LOCKED and a
// lease (a dead replica's rows come back), outcome updates are fenced by the claimant, a failing delivery is
// retried with backoff and then parked as `failed` — one bad event never blocks the others or crashes the service.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { InboundDeliveryRow } from '../../storage/tables/platforms.js';
import {
  claimDeliveries,
  markDeliveriesDone,
  markDeliveryFailed,
  purgeDeliveries,
} from '../../storage/repositories/inbox.js';
import { ingestSignals } from '../signals/ingest.js';
import { drainClaims, PollingWorker, silentLogger, type WorkerLogger } from '../../delivery/poll-loop.js';
import { decodeEvents } from './inbox-codec.js';

export type InboxLogger = WorkerLogger;

export interface InboxWorkerOptions {
  db: Kysely<Database>;
  logger?: InboxLogger;
  workerId?: string;
  /** Deliveries claimed at once; one ingestion per tenant and platform per batch. */
  batchSize?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  maxAttempts?: number;
  /** Finished deliveries are kept this long for de-duplication (platform retries come within minutes). */
  keepDoneMs?: number;
  /** config.rawEventRetentionDays, passed to ingestion. */
  retentionDays?: number;
  now?: () => Date;
}

export interface InboxDrainStats {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

export class InboxWorker extends PollingWorker {
  readonly name = 'inbox';
  readonly workerId: string;
  private readonly db: Kysely<Database>;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly keepDoneMs: number;
  private readonly retentionDays: number | undefined;
  private readonly now: () => Date;
  private lastPurge = 0;

  constructor(options: InboxWorkerOptions) {
    super({ logger: options.logger ?? silentLogger, pollIntervalMs: options.pollIntervalMs ?? 1_000 });
    this.db = options.db;
    this.workerId = options.workerId ?? `inbox-${randomUUID()}`;
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.keepDoneMs = options.keepDoneMs ?? 3 * 86_400_000;
    this.retentionDays = options.retentionDays;
    this.now = options.now ?? (() => new Date());
  }

  /** Processes every due delivery now, batch after batch; for tests and benchmarks. */
  async drainOnce(): Promise<InboxDrainStats> {
    const stats: InboxDrainStats = { claimed: 0, done: 0, retried: 0, failed: 0 };
    const claim = () =>
      claimDeliveries(this.db, {
        workerId: this.workerId,
        limit: this.batchSize,
        leaseMs: this.leaseMs,
        now: this.now(),
      });
    stats.claimed = await drainClaims(claim, async (rows) => {
      const groups = new Map<string, InboundDeliveryRow[]>();
      for (const row of rows) {
        const key = `${row.tenant_id}|${row.platform}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const group of groups.values()) await this.processGroup(group, stats);
    });
    await this.purgeNowAndThen();
    return stats;
  }

  /** One ingestion for the group; if it fails, each delivery alone, so a poison delivery is isolated. */
  private async processGroup(rows: InboundDeliveryRow[], stats: InboxDrainStats): Promise<void> {
    try {
      await this.ingest(rows);
      stats.done += await markDeliveriesDone(
        this.db,
        rows.map((r) => r.id),
        this.workerId,
        this.now(),
      );
      return;
    } catch (error) {
      if (rows.length === 1) return this.failOne(rows[0]!, error, stats);
    }
    for (const row of rows) {
      try {
        await this.ingest([row]);
        stats.done += await markDeliveriesDone(this.db, [row.id], this.workerId, this.now());
      } catch (error) {
        await this.failOne(row, error, stats);
      }
    }
  }

  private async ingest(rows: InboundDeliveryRow[]): Promise<void> {
    const events = rows.flatMap((row) => decodeEvents(row.events));
    if (events.length === 0) return;
    const { tenant_id: tenantId, platform } = rows[0]!;
    await ingestSignals(this.db, {
      tenantId,
      source: platform,
      platform,
      events,
      now: this.now(),
      ...(this.retentionDays !== undefined ? { retentionDays: this.retentionDays } : {}),
    });
  }

  private async failOne(row: InboundDeliveryRow, error: unknown, stats: InboxDrainStats): Promise<void> {
    const message = (error as Error)?.message ?? String(error);
    const now = this.now();
    const retry = row.attempts < this.maxAttempts;
    // 5 s, 20 s, 80 s, … : a database hiccup heals; a delivery that can never be ingested stops being tried.
    const retryAt = retry ? new Date(now.getTime() + 5_000 * 4 ** Math.max(0, row.attempts - 1)) : null;
    await markDeliveryFailed(this.db, row.id, this.workerId, { error: message, retryAt, now });
    if (retry) stats.retried++;
    else stats.failed++;
    const context = { deliveryId: row.id, tenantId: row.tenant_id, platform: row.platform, attempt: row.attempts };
    if (retry) this.log.warn({ ...context, error: message }, 'inbound delivery failed; will retry');
    else this.log.error({ ...context, error: message }, 'inbound delivery failed for good (kept as failed)');
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    const purged = await purgeDeliveries(this.db, new Date(now - this.keepDoneMs));
    if (purged > 0) this.log.debug({ purged }, 'old inbound deliveries purged');
  }
}
