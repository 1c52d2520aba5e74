// Jobs are plain objects handed to the scheduler by the composition root, so other parts (weekly digest, raw-event
// purge) add jobs without editing the scheduler.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import type { ScheduledTaskContext } from '../core/lifecycle.js';

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** A job's run: what an adapter's scheduled task is told (core's ScheduledTaskContext), plus the database. */
export interface JobContext extends ScheduledTaskContext {
  db: Kysely<Database>;
  logger: SchedulerLogger;
}

export interface SchedulerJob {
  name: string;
  /** node-cron expression (5 or 6 fields), evaluated in each tenant's time zone when perTenant. */
  cron: string;
  /** true ⇒ one run per tenant per slot, in the tenant's time zone; false ⇒ one run per slot in the default zone. */
  perTenant: boolean;
  run(ctx: JobContext): Promise<void> | void;
  /**
   * Daily jobs (any expression; catch-up looks back a week): when the scheduler starts or refreshes and the most
   * recent slot never ran (the service was down), run it then, under the same slot key.
   */
  catchUp?: boolean;
}
