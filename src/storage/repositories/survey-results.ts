// Pulse-survey storage, results: the only reads of answers and participation for group results and scoring —
// counts by round, question, team and value, never a row per person.
import { sql } from 'kysely';
import type { Db } from '../database.js';

/** Over participation rows (`participation`: the table's name or alias in the query): invited, and answered. */
export const invitedAndAnswered = (participation: string) =>
  [
    sql<number>`count(*)`.as('invited'),
    sql<number>`count(*) filter (where ${sql.ref(`${participation}.answered`)})`.as('answered'),
  ] as const;

/** Answers of rounds grouped by round, question, team and value (the only way results read answers). */
export async function answerCounts(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_answers')
    .select(['round_id', 'question_id', 'team_id', 'value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .groupBy(['round_id', 'question_id', 'team_id', 'value'])
    .execute();
}

export async function commentsOf(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_comments')
    .select(['round_id', 'team_id', 'text'])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .orderBy('text')
    .execute();
}

export async function participationCounts(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_participation')
    .select(['round_id', 'team_id', ...invitedAndAnswered('survey_participation')])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .groupBy(['round_id', 'team_id'])
    .execute();
}

/** Per person: closed rounds opened in [since, until] they were invited to (and did not mute), and answered. */
export async function participationByPerson(db: Db, tenantId: string, since: string, until: string) {
  return db
    .selectFrom('survey_participation')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'survey_participation.round_id')
    .select(['survey_participation.employee_id', ...invitedAndAnswered('survey_participation')])
    .where((eb) => eb.and({ 'survey_participation.tenant_id': tenantId, 'survey_participation.muted': false }))
    .where('survey_rounds.closed_at', 'is not', null)
    .where((eb) => eb.between('survey_rounds.opened_on', since, until))
    .groupBy('survey_participation.employee_id')
    .execute();
}
