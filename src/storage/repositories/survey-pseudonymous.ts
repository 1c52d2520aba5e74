// A person's own confidential-mode survey data, found through their pseudonym (survey_pseudonyms): for their
// export only. Anonymous-mode rows carry no pseudonym and are never found here.
import type { Db } from '../database.js';

export async function confidentialSurveyData(db: Db, tenantId: string, employeeId: string) {
  const pseudonym = await db
    .selectFrom('survey_pseudonyms')
    .select('pseudonym')
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId }))
    .executeTakeFirst();
  if (!pseudonym) return { answers: [], comments: [] };
  const answers = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_rounds as r', 'r.id', 'a.round_id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['r.opened_on', 'q.key as question_key', 'q.driver', 'a.value'])
    .where((eb) => eb.and({ 'a.tenant_id': tenantId, 'a.pseudonym': pseudonym.pseudonym }))
    .orderBy('r.opened_on')
    .orderBy('q.key')
    .execute();
  const comments = await db
    .selectFrom('survey_comments as c')
    .innerJoin('survey_rounds as r', 'r.id', 'c.round_id')
    .select(['r.opened_on', 'c.text'])
    .where((eb) => eb.and({ 'c.tenant_id': tenantId, 'c.pseudonym': pseudonym.pseudonym }))
    .orderBy('r.opened_on')
    .execute();
  return { answers, comments };
}
