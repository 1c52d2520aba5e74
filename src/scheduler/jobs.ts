// The daily scoring job: at each tenant's local scoring time, score that tenant as of the previous local day.
import { addDays } from '../core/time.js';
import { runScoring, type ScoringDeps } from '../app/scoring/run.js';
import { runSurveyDay } from '../app/surveys/rounds.js';
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
        {
          tenantId: ctx.tenantId,
          asOf: addDays(ctx.localDay, -1),
          // At debug level, where a long run stands (each batch of scores written, not yet committed).
          onProgress: (p) =>
            ctx.logger.debug?.(
              { job: SCORING_JOB, tenant: p.tenantSlug, done: p.done, total: p.total },
              'scoring progress',
            ),
        },
      );
    },
  };
}

export const SURVEY_JOB = 'surveys';
/** Every day at 10:00 in each tenant's time zone: close finished rounds, open a due one, send due reminders. */
export const SURVEY_CRON = '0 10 * * *';

export function createSurveyJob(options: {
  cron?: string;
  /** config.quietHours: false turns quiet hours off service-wide (the tenant's own setting applies as well). */
  quietHours: boolean;
}): SchedulerJob {
  return {
    name: SURVEY_JOB,
    cron: options.cron ?? SURVEY_CRON,
    perTenant: true,
    // A day missed while the service was down still closes, opens and reminds when it comes back.
    catchUp: true,
    async run(ctx) {
      if (!ctx.tenantId) return;
      const result = await runSurveyDay(ctx.db, ctx.tenantId, ctx.now, { quietHours: options.quietHours });
      if (result.opened || result.closed || result.reminded)
        ctx.logger.info(
          {
            tenantId: ctx.tenantId,
            opened: result.opened?.roundId ?? null,
            invited: result.opened?.invited ?? 0,
            closed: result.closed,
            reminded: result.reminded,
          },
          'survey day',
        );
    },
  };
}
