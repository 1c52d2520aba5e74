// A plan step done — by its owner's button or the API (progress.ts) or by the survey engine asking an onboarding pulse
// (nudges.ts) — and its plan completing with its last undone step: one place for both.
import type { Db } from '../../../storage/database.js';

/** Marks the step done (and nudged, when asked) and completes its plan if no step is left; true ⇒ plan completed. */
export async function markStepDone(
  db: Db,
  step: { id: string; planId: string },
  done: { at: Date; by: string; nudged?: boolean },
): Promise<boolean> {
  await db
    .updateTable('plan_steps')
    .set({ done_at: done.at, done_by: done.by, ...(done.nudged ? { nudged_at: done.at } : {}) })
    .where('id', '=', step.id)
    .execute();
  const open = await db
    .selectFrom('plan_steps')
    .select('id')
    .where('plan_id', '=', step.planId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  if (open) return false;
  await db
    .updateTable('development_plans')
    .set({ status: 'completed', completed_at: done.at })
    .where('id', '=', step.planId)
    .execute();
  return true;
}
