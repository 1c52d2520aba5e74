// A background worker the composition root starts after the HTTP app and stops before the database closes
// (outbox, inbox, scheduler, platform stream connections). Lives in core so adapters can offer workers without
// importing the composition root.
export interface BackgroundWorker {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** What a scheduled task is told about its run (a subset of the scheduler's JobContext). */
export interface ScheduledTaskContext {
  /** The tenant of this run (perTenant tasks), else null. */
  tenantId: string | null;
  timezone: string;
  /** The claimed slot; several replicas run each slot once. */
  slot: string;
  scheduledAt: Date;
  now: Date;
  /** The calendar day of scheduledAt in `timezone` ('YYYY-MM-DD'). */
  localDay: string;
}

/**
 * A cron task an adapter contributes (scheduled pulls of OA data): the composition root hands it to the scheduler
 * (src/scheduler), which claims each slot in job_runs so it runs once across replicas.
 */
export interface ScheduledTask {
  name: string;
  /** node-cron expression, evaluated in each tenant's time zone when perTenant. */
  cron: string;
  perTenant: boolean;
  /** Daily tasks only: run a slot missed while the service was down when it comes back. */
  catchUp?: boolean;
  run(ctx: ScheduledTaskContext): Promise<void> | void;
}
