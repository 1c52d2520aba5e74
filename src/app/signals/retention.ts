// Retention of raw signal events: after N days the per-event rows go, the daily rollups, edges and coverage
// derived from them stay (scoring reads only those). Org records (hires, departures, manager changes) are the
// durable history of the organisation — exit reasons included — and are kept.
import { sql, type Kysely } from 'kysely';
import { addDays } from '../../core/time.js';
import type { Database } from '../../storage/database.js';
import { ORG_KINDS } from './classes.js';

export interface PurgeOptions {
  retentionDays: number;
  now: Date;
  /** Rows per DELETE statement, so one run never holds a huge lock or transaction. */
  batchSize?: number;
}

export interface PurgeResult {
  deleted: number;
  /** Events on tenant-local days before this one were purged. */
  cutoff: string;
}

/**
 * Deletes raw events whose day is before `now − retentionDays`. Ingestion refuses events older than
 * `retentionDays − 1` days (see ingest.ts), so a purged day is never recomputed from a partial event set.
 */
export async function purgeRawEvents(db: Kysely<Database>, options: PurgeOptions): Promise<PurgeResult> {
  const cutoff = addDays(options.now.toISOString().slice(0, 10), -options.retentionDays);
  const batchSize = options.batchSize ?? 10_000;
  let deleted = 0;
  for (;;) {
    const result = await sql`
      delete from signal_events where ctid = any(array(
        select ctid from signal_events
        where day < ${cutoff} and kind not in (${sql.join(ORG_KINDS.map((k) => sql.lit(k)))})
        limit ${batchSize}
      ))`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    deleted += n;
    if (n < batchSize) break;
  }
  return { deleted, cutoff };
}

export interface PurgeJobDeps {
  db: Kysely<Database>;
  /** config.rawEventRetentionDays */
  retentionDays: number;
  now?: () => Date;
  onDone?: (result: PurgeResult) => void;
}

/** What the job uses of the scheduler's JobContext (src/scheduler/types.ts); structural, so app/ needs no import. */
export interface PurgeJobContext {
  now?: Date;
  logger?: { info(obj: object, msg?: string): void };
}

/** The daily scheduler job (not per tenant: one pass over all tenants at 03:30). */
export function purgeRawEventsJob(deps: PurgeJobDeps) {
  return {
    name: 'purge-raw-events',
    cron: '30 3 * * *',
    perTenant: false as const,
    async run(ctx: PurgeJobContext = {}): Promise<void> {
      const result = await purgeRawEvents(deps.db, {
        retentionDays: deps.retentionDays,
        now: ctx.now ?? deps.now?.() ?? new Date(),
      });
      ctx.logger?.info({ ...result, retentionDays: deps.retentionDays }, 'raw signal events purged');
      deps.onDone?.(result);
    },
  };
}
