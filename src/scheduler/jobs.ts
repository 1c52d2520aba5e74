// The daily scoring job: at each tenant's local scoring time, score that tenant as of the previous local day.
import { addDays } from '../core/time.js';
import { runScoring, type ScoringDeps } from '../app/scoring/run.js';
import type { SchedulerJob } from './types.js';

export const SCORING_JOB = 'scoring';

export function createScoringJob(options: {
  cron: string;
  deps: Omit<ScoringDeps, 'db'> & Partial<Pick<ScoringDeps, 'db'>>;
}): SchedulerJob {
  return {
    name: SCORING_JOB,
    cron: options.cron,
    perTenant: true,
    // A service that was down at the scoring time still scores that day when it comes back.
    catchUp: true,
    async run(ctx) {
      if (!ctx.tenantId) return;
      await runScoring(
        { ...options.deps, db: options.deps.db ?? ctx.db },
        { tenantId: ctx.tenantId, asOf: addDays(ctx.localDay, -1) },
      );
    },
  };
}
