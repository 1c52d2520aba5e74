// node-cron wiring only: one task per job and time zone (noOverlap). Each tick claims its slot in job_runs and then
// calls the job, so several replicas sharing one database run every slot exactly once. A claim is a lease renewed
// while the job runs: a slot left 'running' by a replica that died is run again, once, after its lease runs out.
import { randomUUID } from 'node:crypto';
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { cronProblem } from './catch-up.js';
import { cronLogger } from './cron-logger.js';
import { createInFlight, createTaskSet, type InFlight, type Schedule, type TaskSet } from './tasks.js';
import { createSlotRunner, type TickResult } from './slot-runner.js';
import { rerunAbandonedSlots, runMissedSlots, runTick, type RunContext } from './runs.js';
import type { SchedulerJob, SchedulerLogger } from './types.js';

export type { JobContext, SchedulerJob, SchedulerLogger } from './types.js';
export { slotMinute, type TickResult } from './slot-runner.js';

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
  schedule?: Schedule;
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

/** Checks every job's cron expression (InvalidCronError) and fills in the defaults of the options. */
function resolveOptions(options: SchedulerOptions) {
  for (const job of options.jobs) {
    const problem = cronProblem(job.cron);
    if (problem) throw new InvalidCronError(job.name, job.cron, problem);
  }
  const { db } = options;
  return {
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    instanceId: options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`,
    defaultTimezone: options.defaultTimezone ?? 'UTC',
    schedule: options.schedule ?? cronSchedule,
    exclusive: options.exclusive === true,
    tenantsTimezones:
      options.tenantsTimezones ??
      (async () => db.selectFrom('tenants').select(['id', 'timezone', 'created_at']).orderBy('id').execute()),
  };
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger, jobs } = options;
  const { leaseMs, instanceId, defaultTimezone, schedule, exclusive, tenantsTimezones } = resolveOptions(options);
  const cronLog = cronLogger(logger);
  const tasks = createTaskSet(schedule);
  let refreshTask: ScheduledTask | undefined;
  let stopped = false;
  const { track, settle } = createInFlight();
  const slots = createSlotRunner({ db, logger, instanceId, leaseMs, exclusive });
  const stoppedNow = () => stopped;
  const run: RunContext = {
    db,
    logger,
    jobs,
    tenantsTimezones,
    defaultTimezone,
    exclusive,
    slots,
    stopped: stoppedNow,
  };
  const recovery = createRecovery(run, track);
  const { recover } = recovery;

  async function tick(jobName: string, at: Date, timezone?: string): Promise<TickResult> {
    const job = jobs.find((j) => j.name === jobName);
    if (!job) throw new Error(`unknown job "${jobName}"`);
    return runTick(run, job, at, timezone);
  }

  async function catchUpMissed(): Promise<TickResult> {
    return runMissedSlots(run, (options.now ?? (() => new Date()))());
  }

  const cron: CronTasks = { tasks, jobs, defaultTimezone, logger, cronLog, track, tick };

  async function refresh(): Promise<void> {
    const zones = [...new Set((await tenantsTimezones()).map((t) => t.timezone))].sort();
    ensureJobTasks(cron, zones);
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
        { jobs: jobs.map((j) => `${j.name} (${j.cron})`), tasks: tasks.keys(), instanceId },
        'scheduler started',
      );
    },
    async stop() {
      stopped = true;
      recovery.cancel();
      await tasks.destroyAll();
      await refreshTask?.destroy();
      refreshTask = undefined;
      // Let a running job finish its slot bookkeeping before the database closes.
      await settle();
    },
    tick,
    catchUpMissed,
    recover,
  };
}

/**
 * Runs again the slots a dead replica left running, and looks again as soon as the next such lease runs out rather
 * than at the next refresh (a timer that stop() cancels).
 */
function createRecovery(run: RunContext, track: InFlight['track']) {
  let recheck: NodeJS.Timeout | undefined;

  async function recover(): Promise<TickResult> {
    const { result, nextExpiryMs } = await rerunAbandonedSlots(run);
    if (nextExpiryMs !== Infinity && !run.stopped()) recoverAgainIn(nextExpiryMs + 1000);
    return result;
  }

  function recoverAgainIn(ms: number): void {
    clearTimeout(recheck);
    recheck = setTimeout(
      () =>
        void track(recover().catch((error: unknown) => run.logger.warn({ err: error }, 'scheduler recovery failed'))),
      ms,
    );
    recheck.unref();
  }

  return { recover, cancel: () => clearTimeout(recheck) };
}

/** What the cron tasks of the jobs are made from: each task's tick is tracked so that stop() waits for it. */
interface CronTasks {
  readonly tasks: TaskSet;
  readonly jobs: readonly SchedulerJob[];
  readonly defaultTimezone: string;
  readonly logger: SchedulerLogger;
  readonly cronLog: ReturnType<typeof cronLogger>;
  readonly track: InFlight['track'];
  readonly tick: (jobName: string, at: Date, timezone?: string) => Promise<TickResult>;
}

/** One task per job and zone: a global job's in the default zone, a per-tenant job's in each of the tenants' zones. */
function ensureJobTasks(cron: CronTasks, zones: readonly string[]): void {
  for (const job of cron.jobs) {
    if (!job.perTenant) ensureTask(cron, job, cron.defaultTimezone);
    else for (const zone of zones) ensureTask(cron, job, zone);
  }
}

function ensureTask(cron: CronTasks, job: SchedulerJob, timezone: string): void {
  const key = `${job.name}@${timezone}`;
  cron.tasks.ensure(
    key,
    job.cron,
    (ctx) =>
      cron.track(
        cron.tick(job.name, ctx.date, job.perTenant ? timezone : undefined).catch((error: unknown) => {
          cron.logger.error({ err: error, job: job.name, timezone }, 'scheduler tick failed');
        }),
      ),
    { timezone, noOverlap: true, name: key, logger: cron.cronLog },
  );
}
