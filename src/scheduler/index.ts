// node-cron wiring only: one task per job and time zone (noOverlap). Each tick claims its slot in job_runs and then
// calls the job, so several replicas sharing one database run every slot exactly once. A claim is a lease renewed
// while the job runs: a slot left 'running' by a replica that died is run again, once, after its lease runs out.
import { randomUUID } from 'node:crypto';
import { schedule as cronSchedule, type ScheduledTask, type TaskOptions } from 'node-cron';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { localClock, localDay } from '../core/time.js';
import { claimSlot, finishSlot, renewLease, runningSlots, type Claim } from './claim.js';
import { CATCH_UP_DAYS, cronProblem, lastRun, zonedInstant } from './catch-up.js';
import { cronLogger } from './cron-logger.js';
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
  /** How long a claim holds a slot without being renewed (renewed every third of it while the job runs). */
  leaseMs?: number;
  /**
   * This process has the database to itself (embedded PGlite, guarded by the data-directory lock): a slot marked
   * running that this process is not running belongs to a dead process and is taken over without waiting.
   */
  exclusive?: boolean;
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
  /**
   * Runs again every slot (of the last week) left running by a replica whose lease ran out, and arranges to look
   * again when the next such lease runs out; returns what ran.
   */
  recover(): Promise<TickResult>;
}

export const DEFAULT_LEASE_MS = 120_000;

/** A job whose cron expression node-cron refuses, named with node-cron's reason. */
export class InvalidCronError extends Error {
  constructor(job: string, cron: string, problem: string) {
    super(`job "${job}": invalid cron expression "${cron}" (${problem})`);
    this.name = 'InvalidCronError';
  }
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a time zone. */
export function slotMinute(at: Date, timeZone: string): string {
  const { hour, minute } = localClock(at, timeZone);
  return `${localDay(at, timeZone)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger, jobs } = options;
  for (const job of jobs) {
    const problem = cronProblem(job.cron);
    if (problem) throw new InvalidCronError(job.name, job.cron, problem);
  }
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const cronLog = cronLogger(logger);
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
  /** `job|slot` of the slots this process is running now: never taken over by this process itself. */
  const runningHere = new Set<string>();
  let recheck: NodeJS.Timeout | undefined;

  async function runOne(
    job: SchedulerJob,
    at: Date,
    timezone: string,
    tenantId: string | null,
  ): Promise<'ran' | 'skipped' | 'failed'> {
    const minute = slotMinute(at, timezone);
    const slot = tenantId ? `${minute}@${tenantId}` : minute;
    const key = `${job.name}|${slot}`;
    if (runningHere.has(key)) return 'skipped';
    runningHere.add(key);
    try {
      return await claimAndRun(job, at, timezone, tenantId, slot);
    } finally {
      runningHere.delete(key);
    }
  }

  async function claimAndRun(
    job: SchedulerJob,
    at: Date,
    timezone: string,
    tenantId: string | null,
    slot: string,
  ): Promise<'ran' | 'skipped' | 'failed'> {
    const claim = await claimSlot(db, {
      job: job.name,
      slot,
      tenantId,
      claimedBy: instanceId,
      leaseMs,
      takeOverRunning: options.exclusive === true,
    });
    if (!claim) return 'skipped';
    logger.debug?.({ job: job.name, slot, attempt: claim.attempt }, 'slot claimed');
    if (claim.attempt > 1) {
      logger.warn(
        { job: job.name, slot, attempt: claim.attempt },
        'running a slot again: the replica that claimed it stopped before finishing',
      );
    }
    const heartbeat = keepLease(claim, job.name, slot);
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
    } finally {
      clearInterval(heartbeat);
    }
    if (!(await finishSlot(db, claim, failure))) {
      logger.warn({ job: job.name, slot }, 'another replica took this slot over while it ran (its lease ran out)');
    } else logger.debug?.({ job: job.name, slot, failed: failure !== undefined }, 'slot finished');
    return failure === undefined ? 'ran' : 'failed';
  }

  /** Renews the claim every third of the lease while the job runs (a failed renewal is retried at the next beat). */
  function keepLease(claim: Claim, job: string, slot: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      renewLease(db, claim, leaseMs).then(
        (held) => {
          if (!held) logger.warn({ job, slot }, 'lost the lease of a running slot: another replica took it over');
        },
        (error: unknown) => logger.warn({ err: error, job, slot }, 'could not renew the lease of a running slot'),
      );
    }, leaseMs / 3);
    timer.unref();
    return timer;
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
        const at = lastRun(job.cron, now, tenant.timezone);
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

  async function recover(): Promise<TickResult> {
    const result: TickResult = { ran: [], skipped: [], failed: [] };
    const slots = await runningSlots(
      db,
      jobs.map((j) => j.name),
      CATCH_UP_DAYS + 1,
    );
    const zones = new Map((await tenantsTimezones()).map((t) => [t.id, t.timezone]));
    let nextExpiry = Infinity;
    for (const running of slots) {
      if (stopped) return result;
      if (runningHere.has(`${running.job}|${running.slot}`)) continue;
      if (!options.exclusive && running.leaseLeftMs > 0) {
        nextExpiry = Math.min(nextExpiry, running.leaseLeftMs);
        continue;
      }
      const job = jobs.find((j) => j.name === running.job);
      const timezone = running.tenantId ? zones.get(running.tenantId) : defaultTimezone;
      const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(running.slot);
      if (!job || !timezone || !match) continue;
      logger.warn(
        { job: job.name, slot: running.slot, claimedBy: running.claimedBy },
        'a slot was left running by a replica that stopped; running it again',
      );
      const at = zonedInstant(match[1]!, Number(match[2]), Number(match[3]), timezone);
      const outcome = await runOne(job, at, timezone, running.tenantId);
      result[outcome === 'ran' ? 'ran' : outcome === 'skipped' ? 'skipped' : 'failed'].push(
        running.tenantId ?? 'global',
      );
    }
    // Look again as soon as the next lease runs out, rather than at the next refresh.
    if (nextExpiry !== Infinity && !stopped) {
      clearTimeout(recheck);
      recheck = setTimeout(
        () => void track(recover().catch((error: unknown) => logger.warn({ err: error }, 'scheduler recovery failed'))),
        nextExpiry + 1000,
      );
      recheck.unref();
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
      { timezone, noOverlap: true, name: key, logger: cronLog },
    );
    tasks.set(key, task);
  }

  async function refresh(): Promise<void> {
    const zones = [...new Set((await tenantsTimezones()).map((t) => t.timezone))].sort();
    for (const job of jobs) {
      if (!job.perTenant) ensureTask(job, defaultTimezone);
      else for (const zone of zones) ensureTask(job, zone);
    }
    // In the background: start() must not wait for a whole scoring run. Slots left running by a dead replica
    // first, then slots that never ran.
    void track(
      (async () => {
        await recover().catch((error: unknown) => logger.error({ err: error }, 'scheduler recovery failed'));
        if (options.catchUp) {
          await catchUpMissed().catch((error: unknown) => logger.error({ err: error }, 'scheduler catch-up failed'));
        }
      })(),
    );
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
          logger: cronLog,
        },
      );
      logger.info(
        { jobs: jobs.map((j) => `${j.name} (${j.cron})`), tasks: [...tasks.keys()], instanceId },
        'scheduler started',
      );
    },
    async stop() {
      stopped = true;
      clearTimeout(recheck);
      for (const task of [...tasks.values(), ...(refreshTask ? [refreshTask] : [])]) await task.destroy();
      tasks.clear();
      refreshTask = undefined;
      // Let a running job finish its slot bookkeeping before the database closes.
      await Promise.allSettled([...inFlight]);
    },
    tick,
    catchUpMissed,
    recover,
  };
}
