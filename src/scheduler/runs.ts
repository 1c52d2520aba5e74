// Which slots the scheduler runs: a cron tick's (one per tenant in the tick's zone, or one global), and the two
// sweeps over job_runs at start and on each refresh — slots left running by a replica that died (run again once
// their lease ran out) and daily slots that never ran because the service was down (catch-up).
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { rowExists } from '../storage/repositories/rows.js';
import { runningSlots } from './claim.js';
import { CATCH_UP_DAYS, lastRun, zonedInstant } from './catch-up.js';
import { emptyResult, slotMinute, tally, type SlotRunner, type TickResult } from './slot-runner.js';
import type { SchedulerJob, SchedulerLogger } from './types.js';

export interface RunContext {
  db: Kysely<Database>;
  logger: SchedulerLogger;
  jobs: readonly SchedulerJob[];
  tenantsTimezones: () => Promise<{ id: string; timezone: string; created_at?: Date }[]>;
  defaultTimezone: string;
  /** This process has the database to itself: a running slot it is not running is taken over at once. */
  exclusive: boolean;
  slots: SlotRunner;
  /** The scheduler was stopped: a tick or sweep ends at the next slot. */
  stopped: () => boolean;
}

/** Runs one slot of a job at `at`: the global one, or each tenant's in `timezone` (every tenant's when undefined). */
export async function runTick(ctx: RunContext, job: SchedulerJob, at: Date, timezone?: string): Promise<TickResult> {
  // Slots are minutes: a tick that fires a few seconds late still names the same slot on every replica.
  const minuteAt = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const result = emptyResult();
  if (!job.perTenant) {
    tally(result, await ctx.slots.run(job, minuteAt, timezone ?? ctx.defaultTimezone, null), null);
    return result;
  }
  const tenants = (await ctx.tenantsTimezones()).filter((t) => timezone === undefined || t.timezone === timezone);
  for (const tenant of tenants) {
    if (ctx.stopped()) break;
    tally(result, await ctx.slots.run(job, minuteAt, tenant.timezone, tenant.id), tenant.id);
  }
  return result;
}

/** Runs the most recent slot of every `catchUp` job that has no job_runs row yet (per tenant, in its zone). */
export async function runMissedSlots(ctx: RunContext, now: Date): Promise<TickResult> {
  const result = emptyResult();
  const dueJobs = ctx.jobs.filter((job) => job.catchUp && job.perTenant);
  if (dueJobs.length === 0) return result;
  const tenants = await ctx.tenantsTimezones();
  for (const job of dueJobs) {
    for (const tenant of tenants) {
      if (ctx.stopped()) return result;
      const at = lastRun(job.cron, now, tenant.timezone);
      if (!at || (tenant.created_at !== undefined && tenant.created_at.getTime() > at.getTime())) continue;
      const slot = `${slotMinute(at, tenant.timezone)}@${tenant.id}`;
      if (await slotSeen(ctx.db, job.name, slot)) continue;
      ctx.logger.info({ job: job.name, slot }, 'running a missed slot (the service was not running at its time)');
      tally(result, await ctx.slots.run(job, at, tenant.timezone, tenant.id), tenant.id);
    }
  }
  return result;
}

/**
 * Runs again every slot (of the last week) left running by a replica whose lease ran out; `nextExpiryMs` is when
 * the next lease still held runs out (Infinity: none), so the caller can look again then.
 */
export async function rerunAbandonedSlots(ctx: RunContext): Promise<{ result: TickResult; nextExpiryMs: number }> {
  const result = emptyResult();
  const left = await runningSlots(
    ctx.db,
    ctx.jobs.map((j) => j.name),
    CATCH_UP_DAYS + 1,
  );
  const zones = new Map((await ctx.tenantsTimezones()).map((t) => [t.id, t.timezone]));
  let nextExpiryMs = Infinity;
  for (const running of left) {
    if (ctx.stopped()) return { result, nextExpiryMs: Infinity };
    if (ctx.slots.runningHere(running.job, running.slot)) continue;
    if (!ctx.exclusive && running.leaseLeftMs > 0) {
      nextExpiryMs = Math.min(nextExpiryMs, running.leaseLeftMs);
      continue;
    }
    const job = ctx.jobs.find((j) => j.name === running.job);
    const timezone = running.tenantId ? zones.get(running.tenantId) : ctx.defaultTimezone;
    const at = timezone ? slotInstant(running.slot, timezone) : undefined;
    if (!job || !timezone || !at) continue;
    ctx.logger.warn(
      { job: job.name, slot: running.slot, claimedBy: running.claimedBy },
      'a slot was left running by a replica that stopped; running it again',
    );
    tally(result, await ctx.slots.run(job, at, timezone, running.tenantId), running.tenantId);
  }
  return { result, nextExpiryMs };
}

/** Whether a slot of a job has a job_runs row (ran, failed or running): catch-up leaves it alone. */
async function slotSeen(db: Kysely<Database>, job: string, slot: string): Promise<boolean> {
  return rowExists(db.selectFrom('job_runs').where('job', '=', job).where('slot', '=', slot));
}

/** The instant a slot key ('YYYY-MM-DDTHH:mm[@tenant]') names in a time zone; undefined for a malformed key. */
function slotInstant(slot: string, timezone: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(slot);
  return match ? zonedInstant(match[1]!, Number(match[2]), Number(match[3]), timezone) : undefined;
}
