// Onboarding rounds (a new joiner's one-person pulse, kind 'onboarding', created_by `onboarding:<pulse step>`): the
// reads that pool them with a team's regular round for team atmosphere, and the HR onboarding report's counts. Only
// closed rounds give answers (closing erases respondent keys and shuffles the rows, see closeRoundStorage).
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { invitedAndAnswered } from './survey-results.js';

/** Ids of the tenant's onboarding rounds closed after `after` (when given) and at or before `until`. */
export async function onboardingRoundsClosedBetween(
  db: Db,
  tenantId: string,
  window: { after: Date | null; until: Date; openedFrom: string },
): Promise<string[]> {
  let query = db
    .selectFrom('survey_rounds')
    .select('id')
    .where((eb) => eb.and({ tenant_id: tenantId, kind: 'onboarding' }))
    .where('closed_at', 'is not', null)
    .where('closed_at', '<=', window.until)
    .where('opened_on', '>=', window.openedFrom);
  if (window.after) query = query.where('closed_at', '>', window.after);
  return (await query.execute()).map((r) => r.id);
}

/** Per team, how many distinct new joiners answered in these onboarding rounds (from participation, not answers). */
export async function onboardingRespondentsByTeam(
  db: Db,
  tenantId: string,
  roundIds: readonly string[],
): Promise<Map<string, number>> {
  const respondents = new Map<string, number>();
  if (roundIds.length === 0) return respondents; // `in ()` is not SQL
  const perTeam = db
    .selectFrom('survey_participation')
    .select(['team_id', sql<number>`count(distinct employee_id)`.as('n')])
    .where((eb) => eb.and({ tenant_id: tenantId, answered: true }))
    .where('round_id', 'in', roundIds)
    .where('team_id', 'is not', null)
    .groupBy('team_id');
  for (const row of await perTeam.execute()) respondents.set(row.team_id!, Number(row.n));
  return respondents;
}

/** The tenant's onboarding rounds opened in a span of days, with their invitations and answers counted. */
export async function onboardingRoundsOpenedIn(db: Db, tenantId: string, from: string, to: string) {
  return db
    .selectFrom('survey_rounds as r')
    .innerJoin('survey_participation as p', 'p.round_id', 'r.id')
    .select(['r.id', 'r.created_by', 'r.opened_on', 'r.closed_at', ...invitedAndAnswered('p')])
    .where((eb) => eb.and({ 'r.tenant_id': tenantId, 'r.kind': 'onboarding' }))
    .where((eb) => eb.between('r.opened_on', from, to))
    .groupBy(['r.id', 'r.created_by', 'r.opened_on', 'r.closed_at'])
    .execute();
}
