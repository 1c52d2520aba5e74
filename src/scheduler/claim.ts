// Slot claims in job_runs: the first replica to insert (job, slot) runs it; the others see a conflict and skip.
import type { Db } from '../storage/database.js';

export async function claimSlot(
  db: Db,
  claim: { job: string; slot: string; tenantId: string | null; claimedBy: string },
): Promise<string | null> {
  const row = await db
    .insertInto('job_runs')
    .values({
      job: claim.job,
      slot: claim.slot,
      tenant_id: claim.tenantId,
      claimed_by: claim.claimedBy,
      status: 'running',
    })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function finishSlot(db: Db, id: string, error: unknown): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({
      status: error === undefined ? 'succeeded' : 'failed',
      error: error === undefined ? null : String((error as Error)?.message ?? error).slice(0, 2000),
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}
