// Runs one slot of a job: claims it in job_runs, keeps the claim's lease while the job runs, records how it ended.
// The scheduler decides which slots to run (ticks, catch-up, recovery); this decides whether this replica runs one.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { localClock, localDay } from '../core/time.js';
import { claimSlot, finishSlot, renewLease, type Claim } from './claim.js';
import type { SchedulerJob, SchedulerLogger } from './types.js';

export type SlotOutcome = 'ran' | 'skipped' | 'failed';

export interface TickResult {
  /** Tenant ids (or 'global') whose slot this replica claimed and ran. */
  ran: string[];
  /** Slots another replica had already claimed. */
  skipped: string[];
  failed: string[];
}

export const emptyResult = (): TickResult => ({ ran: [], skipped: [], failed: [] });

/** Files one slot's outcome under the tenant id (or 'global') in a TickResult. */
export function tally(result: TickResult, outcome: SlotOutcome, tenantId: string | null): void {
  result[outcome].push(tenantId ?? 'global');
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a time zone. */
export function slotMinute(at: Date, timeZone: string): string {
  const { hour, minute } = localClock(at, timeZone);
  return `${localDay(at, timeZone)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export interface SlotRunnerOptions {
  db: Kysely<Database>;
  logger: SchedulerLogger;
  instanceId: string;
  leaseMs: number;
  /** Take over a running slot whatever its lease (see SchedulerOptions.exclusive). */
  exclusive: boolean;
}

export interface SlotRunner {
  run(job: SchedulerJob, at: Date, timezone: string, tenantId: string | null): Promise<SlotOutcome>;
  /** Whether this process is running that slot now (it never takes over its own slot). */
  runningHere(job: string, slot: string): boolean;
}

export function createSlotRunner({ db, logger, instanceId, leaseMs, exclusive }: SlotRunnerOptions): SlotRunner {
  /** `job|slot` of the slots this process is running now: never taken over by this process itself. */
  const runningHere = new Set<string>();

  async function run(job: SchedulerJob, at: Date, timezone: string, tenantId: string | null): Promise<SlotOutcome> {
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
  ): Promise<SlotOutcome> {
    const claim = await claimSlot(db, {
      job: job.name,
      slot,
      tenantId,
      claimedBy: instanceId,
      leaseMs,
      takeOverRunning: exclusive,
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

  return { run, runningHere: (job, slot) => runningHere.has(`${job}|${slot}`) };
}
