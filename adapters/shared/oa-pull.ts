// The daily pull of OA data (leave, attendance) as a scheduled task: per tenant, once per slot across replicas, for
// tenants with an installed app, and a run missed while the service was down is caught up. What is pulled and how it
// is stored is each platform's oa-pull.ts.
import type { ScheduledTask, ScheduledTaskContext } from '../../src/core/lifecycle.js';
import { tenantApp, type AppReader } from './installed-app.js';
import type { PlatformPorts } from './runtime.js';

/** What a platform's pull task is built from (the cron is the setting; each platform has its default). */
export interface OaPullOptions<Api> {
  api: Api;
  ports: PlatformPorts;
  cron?: string;
}

export interface OaPullRun extends ScheduledTaskContext {
  tenantId: string;
}

/** What a pull stored; failures of parts that failed on their own (the first one then fails the run). */
export interface OaPullResult {
  stored: number;
  failures?: unknown[];
}

export function dailyOaPull<App>(
  task: { name: string; cron: string; apps: AppReader<App> },
  ports: PlatformPorts,
  /** undefined: nothing to pull for this tenant (not logged). */
  pull: (run: OaPullRun, app: App) => Promise<OaPullResult | undefined>,
): ScheduledTask {
  return {
    name: task.name,
    cron: task.cron,
    perTenant: true,
    catchUp: true,
    async run(ctx) {
      const tenantId = ctx.tenantId;
      if (!tenantId) return;
      const app = await tenantApp(ports.installations, task.apps, tenantId);
      if (!app) return;
      const result = await pull({ ...ctx, tenantId }, app);
      if (!result) return;
      ports.logger.info({ tenantId, events: result.stored }, `${task.apps.label} OA pull stored`);
      // The parts that worked are stored already; a failed part fails the run (the scheduler logs it).
      if (result.failures?.length) throw result.failures[0];
    },
  };
}
