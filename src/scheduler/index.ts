// node-cron wiring only: one task per job and time zone (noOverlap). Each tick claims its slot in job_runs and then
// calls the job, so several replicas sharing one database run every slot exactly once.
import { randomUUID } from 'node:crypto';
import { schedule as cronSchedule, type ScheduledTask, type TaskOptions } from 'node-cron';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { localClock, localDay } from '../core/time.js';
import { claimSlot, finishSlot } from './claim.js';
import { lastDailyRun } from './catch-up.js';
import type { SchedulerJob, SchedulerLogger } from './types.js';

export type { JobContext, SchedulerJob, SchedulerLogger } from './types.js';

export interface TenantZone {
  id: string;
  timezone: string;
  /** When the tenant was created: a slot that fired before it existed was not missed. */
  created_at?: Date;
}

export interface SchedulerOptions {
  db: Kysely<Database>;
  logger: SchedulerLogger;
  jobs: readonly SchedulerJob[];
  /** Tenants and their time zones; default: every row of `tenants`. */
  tenantsTimezones?: () => Promise<TenantZone[]>;
  /** Zone of jobs that are not per tenant (config.timezone). */
  defaultTimezone?: string;
  /** Identifies this replica in job_runs.claimed_by. */
  instanceId?: string;
  /** How often new tenant time zones are picked up. */
  refreshCron?: string;
  /** Run missed slots of `catchUp` jobs at start and on each refresh (the composition root turns this on). */
  catchUp?: boolean;
  /** The clock for catch-up decisions; tests pin it. */
  now?: () => Date;
  /** node-cron's schedule, injectable for tests. */
  schedule?: (expression: string, fn: (ctx: { date: Date }) => unknown, options: TaskOptions) => ScheduledTask;
}

export interface TickResult {
  /** Tenant ids (or 'global') whose slot this replica claimed and ran. */
  ran: string[];
  /** Slots another replica had already claimed. */
  skipped: string[];
  failed: string[];
}

export interface Scheduler {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one slot of a job at `at` (what a cron tick does); tests call it directly. */
  tick(jobName: string, at: Date, timezone?: string): Promise<TickResult>;
  /** Runs the most recent slot of every `catchUp` job that has no job_runs row yet; returns what ran. */
  catchUpMissed(): Promise<TickResult>;
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a time zone. */
export function slotMinute(at: Date, timeZone: string): string {
  const { hour, minute } = localClock(at, timeZone);
  return `${localDay(at, timeZone)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger, jobs } = options;
  const instanceId = options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const defaultTimezone = options.defaultTimezone ?? 'UTC';
  const schedule = options.schedule ?? cronSchedule;
  const tenantsTimezones =
    options.tenantsTimezones ??
    (async () => db.selectFrom('tenants').select(['id', 'timezone', 'created_at']).orderBy('id').execute());
  const tasks = new Map<string, ScheduledTask>();
  let refreshTask: ScheduledTask | undefined;
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  async function runOne(
    job: SchedulerJob,
    at: Date,
    timezone: string,
    tenantId: string | null,
  ): Promise<'ran' | 'skipped' | 'failed'> {
    const minute = slotMinute(at, timezone);
    const slot = tenantId ? `${minute}@${tenantId}` : minute;
    const id = await claimSlot(db, { job: job.name, slot, tenantId, claimedBy: instanceId });
    if (!id) return 'skipped';
    let failure: unknown;
    try {
      await job.run({
        db,
        logger,
        tenantId,
        timezone,
        slot,
        scheduledAt: at,
        now: at,
        localDay: localDay(at, timezone),
      });
    } catch (error) {
      failure = error ?? new Error('job failed');
      logger.error({ err: error, job: job.name, slot }, 'scheduled job failed');
    }
    await finishSlot(db, id, failure);
    return failure === undefined ? 'ran' : 'failed';
  }

  async function tick(jobName: string, at: Date, timezone?: string): Promise<TickResult> {
    const job = jobs.find((j) => j.name === jobName);
    if (!job) throw new Error(`unknown job "${jobName}"`);
    // Slots are minutes: a tick that fires a few seconds late still names the same slot on every replica.
    const minuteAt = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const result: TickResult = { ran: [], skipped: [], failed: [] };
    if (!job.perTenant) {
      const outcome = await runOne(job, minuteAt, timezone ?? defaultTimezone, null);
      result[outcome === 'ran' ? 'ran' : outcome === 'skipped' ? 'skipped' : 'failed'].push('global');
      return result;
    }
    const tenants = (await tenantsTimezones()).filter((t) => timezone === undefined || t.timezone === timezone);
    for (const tenant of tenants) {
      if (stopped) break;
      const outcome = await runOne(job, minuteAt, tenant.timezone, tenant.id);
      result[outcome === 'ran' ? 'ran' : outcome === 'skipped' ? 'skipped' : 'failed'].push(tenant.id);
    }
    return result;
  }

  async function catchUpMissed(): Promise<TickResult> {
    const result: TickResult = { ran: [], skipped: [], failed: [] };
    const now = (options.now ?? (() => new Date()))();
    const dueJobs = jobs.filter((job) => job.catchUp && job.perTenant);
    if (dueJobs.length === 0) return result;
    const tenants = await tenantsTimezones();
    for (const job of dueJobs) {
      for (const tenant of tenants) {
        if (stopped) return result;
        const at = lastDailyRun(job.cron, now, tenant.timezone);
        if (!at || (tenant.created_at !== undefined && tenant.created_at.getTime() > at.getTime())) continue;
        const slot = `${slotMinute(at, tenant.timezone)}@${tenant.id}`;
        const seen = await db
          .selectFrom('job_runs')
          .select('id')
          .where('job', '=', job.name)
          .where('slot', '=', slot)
          .executeTakeFirst();
        if (seen) continue;
        logger.info({ job: job.name, slot }, 'running a missed slot (the service was not running at its time)');
        const outcome = await runOne(job, at, tenant.timezone, tenant.id);
        result[outcome === 'ran' ? 'ran' : outcome === 'skipped' ? 'skipped' : 'failed'].push(tenant.id);
      }
    }
    return result;
  }

  function track(promise: Promise<unknown>): Promise<unknown> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  function ensureTask(job: SchedulerJob, timezone: string): void {
    const key = `${job.name}@${timezone}`;
    if (tasks.has(key)) return;
    const task = schedule(
      job.cron,
      (ctx) =>
        track(
          tick(job.name, ctx.date, job.perTenant ? timezone : undefined).catch((error: unknown) => {
            logger.error({ err: error, job: job.name, timezone }, 'scheduler tick failed');
          }),
        ),
      { timezone, noOverlap: true, name: key },
    );
    tasks.set(key, task);
  }

  async function refresh(): Promise<void> {
    const zones = [...new Set((await tenantsTimezones()).map((t) => t.timezone))].sort();
    for (const job of jobs) {
      if (!job.perTenant) ensureTask(job, defaultTimezone);
      else for (const zone of zones) ensureTask(job, zone);
    }
    if (options.catchUp) {
      // In the background: start() must not wait for a whole scoring run.
      void track(catchUpMissed().catch((error: unknown) => logger.error({ err: error }, 'scheduler catch-up failed')));
    }
  }

  return {
    name: 'scheduler',
    async start() {
      stopped = false;
      await refresh();
      refreshTask = schedule(
        options.refreshCron ?? '*/10 * * * *',
        () => track(refresh().catch((error: unknown) => logger.warn({ err: error }, 'scheduler refresh failed'))),
        {
          noOverlap: true,
          name: 'scheduler-refresh',
        },
      );
      logger.info(
        { jobs: jobs.map((j) => `${j.name} (${j.cron})`), tasks: [...tasks.keys()], instanceId },
        'scheduler started',
      );
    },
    async stop() {
      stopped = true;
      for (const task of [...tasks.values(), ...(refreshTask ? [refreshTask] : [])]) await task.destroy();
      tasks.clear();
      refreshTask = undefined;
      // Let a running job finish its slot bookkeeping before the database closes.
      await Promise.allSettled([...inFlight]);
    },
    tick,
    catchUpMissed,
  };
}
