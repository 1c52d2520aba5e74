// Pulse-survey storage, answers: answers and comments written without any person id (see migrations/0013_surveys.ts);
// callers pass the respondent key of an open round, or a pseudonym in confidential mode.
import type { Db } from '../database.js';

export async function pseudonymOf(db: Db, tenantId: string, employeeId: string): Promise<string> {
  await db
    .insertInto('survey_pseudonyms')
    .values({ tenant_id: tenantId, employee_id: employeeId })
    .onConflict((oc) => oc.columns(['tenant_id', 'employee_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('survey_pseudonyms')
    .select('pseudonym')
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId }))
    .executeTakeFirstOrThrow();
  return row.pseudonym;
}

/** The value already given to a question by this respondent key in an open round. */
export async function answerByKey(db: Db, roundId: string, questionId: string, respondentKey: string) {
  return db
    .selectFrom('survey_answers')
    .select(['id', 'value'])
    .where((eb) => eb.and({ round_id: roundId, question_id: questionId, respondent_key: respondentKey }))
    .executeTakeFirst();
}

export async function answeredQuestionIds(db: Db, roundId: string, respondentKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_answers')
    .select('question_id')
    .where((eb) => eb.and({ round_id: roundId, respondent_key: respondentKey }))
    .execute();
  return rows.map((r) => r.question_id);
}

export async function upsertAnswer(
  db: Db,
  input: {
    tenantId: string;
    roundId: string;
    questionId: string;
    teamId: string | null;
    value: number;
    respondentKey: string;
    pseudonym: string | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_answers')
    .values({
      tenant_id: input.tenantId,
      round_id: input.roundId,
      question_id: input.questionId,
      team_id: input.teamId,
      value: input.value,
      respondent_key: input.respondentKey,
      pseudonym: input.pseudonym,
    })
    .onConflict((oc) => oc.columns(['round_id', 'question_id', 'respondent_key']).doUpdateSet({ value: input.value }))
    .execute();
}

export async function upsertComment(
  db: Db,
  input: {
    tenantId: string;
    roundId: string;
    teamId: string | null;
    text: string;
    respondentKey: string;
    pseudonym: string | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_comments')
    .values({
      tenant_id: input.tenantId,
      round_id: input.roundId,
      team_id: input.teamId,
      text: input.text,
      respondent_key: input.respondentKey,
      pseudonym: input.pseudonym,
    })
    .onConflict((oc) => oc.columns(['round_id', 'respondent_key']).doUpdateSet({ text: input.text }))
    .execute();
}
