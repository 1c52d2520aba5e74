// `mute` / `unmute`: a person opts out of (and back into) pulse surveys. Stored in survey_mutes (migration 0014);
// the surveys area checks isSurveyMuted() before asking anyone.
import type { Db } from '../../storage/database.js';
import { rowExists } from '../../storage/repositories/rows.js';
import type { Access } from '../access/index.js';
import { ForbiddenError } from '../errors.js';

export async function setSurveyMute(access: Access, muted: boolean): Promise<{ changed: boolean }> {
  const me = access.actor.employeeId;
  if (me === null) throw new ForbiddenError('only a person can mute their surveys');
  const { db, tenantId } = access;
  const result = muted
    ? await db
        .insertInto('survey_mutes')
        .values({ tenant_id: tenantId, employee_id: me })
        .onConflict((oc) => oc.columns(['tenant_id', 'employee_id']).doNothing())
        .executeTakeFirst()
    : await db
        .deleteFrom('survey_mutes')
        .where((eb) => eb.and({ tenant_id: tenantId, employee_id: me }))
        .executeTakeFirst();
  const changed =
    Number('numInsertedOrUpdatedRows' in result ? result.numInsertedOrUpdatedRows : result.numDeletedRows) > 0;
  if (changed) await access.audit(muted ? 'survey.mute' : 'survey.unmute', { type: 'employee', id: me });
  return { changed };
}

/** Whether the person asked not to get surveys (for the surveys area). */
export async function isSurveyMuted(db: Db, tenantId: string, employeeId: string): Promise<boolean> {
  return rowExists(
    db.selectFrom('survey_mutes').where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId })),
  );
}
