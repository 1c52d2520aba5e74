// Jobs are plain objects handed to the scheduler by the composition root, so other parts (weekly digest, raw-event
// purge) add jobs without editing the scheduler.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  db: Kysely<Database>;
  logger: SchedulerLogger;
  /** The tenant of this run (perTenant jobs), else null. */
  tenantId: string | null;
  /** The time zone the cron expression was evaluated in. */
  timezone: string;
  /** The claimed slot, e.g. '2026-11-29T02:00@<tenant uuid>'. */
  slot: string;
  /** The scheduled instant (truncated to the minute). */
  scheduledAt: Date;
  /** Same as scheduledAt: the "now" a job should use, so a slot's run is reproducible. */
  now: Date;
  /** The calendar day of scheduledAt in `timezone`. */
  localDay: string;
}

export interface SchedulerJob {
  name: string;
  /** node-cron expression (5 or 6 fields), evaluated in each tenant's time zone when perTenant. */
  cron: string;
  /** true ⇒ one run per tenant per slot, in the tenant's time zone; false ⇒ one run per slot in the default zone. */
  perTenant: boolean;
  run(ctx: JobContext): Promise<void> | void;
  /**
   * Daily jobs only ('M H * * *'): when the scheduler starts or refreshes and the most recent slot never ran (the
   * service was down), run it then, under the same slot key.
   */
  catchUp?: boolean;
}
