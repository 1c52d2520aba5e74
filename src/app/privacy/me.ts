// "What do you hold about me and how do you score me": the person's record, their latest risk with the same reasons
// a manager sees, and the last 28 days of their signals (GET /api/v1/me; the chat verb `me` shows the same).
import { describeCaller, type Access, type CallerView } from '../access/index.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { readRisk, type RiskView } from '../scoring/reads.js';
import { readActivity, type ActivityView } from '../signals/activity.js';

export interface MeView {
  caller: CallerView;
  risk: RiskView | null;
  activity: ActivityView;
}

export async function readMe(access: Access, now: Date): Promise<MeView> {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('this token does not act for a person (token create --employee …)');
  const risk = await readRisk(access, { id: me }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  return { caller: await describeCaller(access), risk, activity: await readActivity(access, { id: me }, now) };
}
