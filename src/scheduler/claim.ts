// Slot claims in job_runs: the first replica to insert (job, slot) runs it; the others see a conflict and skip.
// A claim is a lease (0009): the runner renews it while the job runs, and a slot still 'running' after its lease ran
// out — its replica died mid-run — is taken over by exactly one claimant (the conflict update re-checks the lease
// under the row lock). `attempt` fences the bookkeeping of a replica that was only stalled past its lease.
import { sql } from 'kysely';
import type { Db } from '../storage/database.js';

export interface Claim {
  id: string;
  attempt: number;
}

const leaseEnd = (leaseMs: number) => sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`;

export async function claimSlot(
  db: Db,
  claim: {
    job: string;
    slot: string;
    tenantId: string | null;
    claimedBy: string;
    leaseMs: number;
    /** Take over a running slot whatever its lease (this process has the database to itself and did not run it). */
    takeOverRunning?: boolean;
  },
): Promise<Claim | null> {
  const expired = claim.takeOverRunning
    ? sql<boolean>`true`
    : sql<boolean>`coalesce(job_runs.lease_until, job_runs.started_at) < now()`;
  const row = await db
    .insertInto('job_runs')
    .values({
      job: claim.job,
      slot: claim.slot,
      tenant_id: claim.tenantId,
      claimed_by: claim.claimedBy,
      status: 'running',
      lease_until: leaseEnd(claim.leaseMs),
    })
    .onConflict((oc) =>
      oc
        .columns(['job', 'slot'])
        .doUpdateSet({
          claimed_by: (eb) => eb.ref('excluded.claimed_by'),
          lease_until: (eb) => eb.ref('excluded.lease_until'),
          started_at: sql`now()`,
          attempt: sql`job_runs.attempt + 1`,
        })
        .where('job_runs.status', '=', 'running')
        .where(expired),
    )
    .returning(['id', 'attempt'])
    .executeTakeFirst();
  return row ? { id: row.id, attempt: row.attempt } : null;
}

/** Extends a running claim's lease; false when the slot was taken over meanwhile (the lease had run out). */
export async function renewLease(db: Db, claim: Claim, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('job_runs')
    .set({ lease_until: leaseEnd(leaseMs) })
    .where('id', '=', claim.id)
    .where('attempt', '=', claim.attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the outcome; false when another replica took the slot over meanwhile (its outcome is the one kept). */
export async function finishSlot(db: Db, claim: Claim, error: unknown): Promise<boolean> {
  const result = await db
    .updateTable('job_runs')
    .set({
      status: error === undefined ? 'succeeded' : 'failed',
      error: error === undefined ? null : String((error as Error)?.message ?? error).slice(0, 2000),
      finished_at: new Date(),
      lease_until: null,
    })
    .where('id', '=', claim.id)
    .where('attempt', '=', claim.attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface RunningSlot {
  job: string;
  slot: string;
  tenantId: string | null;
  claimedBy: string;
  /** Milliseconds until its lease runs out (≤ 0: already out). */
  leaseLeftMs: number;
}

/** Slots still marked running for these jobs, started within the last `withinDays` days. */
export async function runningSlots(db: Db, jobs: readonly string[], withinDays: number): Promise<RunningSlot[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .selectFrom('job_runs')
    .select([
      'job',
      'slot',
      'tenant_id',
      'claimed_by',
      sql<number>`extract(epoch from (coalesce(lease_until, started_at) - now())) * 1000`.as('left_ms'),
    ])
    .where('status', '=', 'running')
    .where('job', 'in', jobs)
    .where('started_at', '>', sql<Date>`now() - ${withinDays} * interval '1 day'`)
    .orderBy('started_at')
    .execute();
  return rows.map((r) => ({
    job: r.job,
    slot: r.slot,
    tenantId: r.tenant_id,
    claimedBy: r.claimed_by,
    leaseLeftMs: Number(r.left_ms),
  }));
}
