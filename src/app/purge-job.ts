// The daily purges that are not per tenant (closed alerts, audit rows past retention): one pass over all tenants at
// the job's hour, as of the run's time (a test or a caught-up run passes it), logged when the scheduler gives a logger.
export interface PurgeRunContext {
  now?: Date;
  logger?: { info(obj: object, msg?: string): void };
}

type Purge = (now: Date, logger: PurgeRunContext['logger']) => Promise<void>;

export function dailyPurgeJob(name: string, cron: string, clock: (() => Date) | undefined, purge: Purge) {
  return {
    name,
    cron,
    perTenant: false as const,
    async run(ctx: PurgeRunContext = {}): Promise<void> {
      await purge(ctx.now ?? clock?.() ?? new Date(), ctx.logger);
    },
  };
}
