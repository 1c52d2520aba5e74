// What planAlerts looks at: today's scored people at or above the policy's minimum level and today's negative
// teams, each next to its score on the previous scoring day (the policy compares the two).
import { sql } from 'kysely';
import type { RiskLevel } from '../../core/scoring/types.js';
import type { Db } from '../../storage/database.js';

/** People scored on `asOf` at one of `levels`, highest risk first, with their previous scoring day's score. */
export async function loadRiskCandidates(db: Db, tenantId: string, asOf: string, levels: readonly RiskLevel[]) {
  const previousDay = await previousScoredDay(db, 'employee_scores', tenantId, asOf);
  return db
    .selectFrom('employee_scores as cur')
    .leftJoin('employee_scores as prev', (join) => join.on(sameSubjectOn('employee_id', previousDay)))
    .select([
      'cur.employee_id',
      'cur.risk_level',
      'cur.risk_score',
      'cur.reasons',
      'cur.features',
      'prev.risk_level as prev_level',
      'prev.risk_score as prev_score',
      'prev.status as prev_status',
    ])
    .where((eb) => eb.and({ 'cur.tenant_id': tenantId, 'cur.as_of': asOf, 'cur.status': 'scored' }))
    .where('cur.risk_level', 'in', levels)
    .orderBy('cur.risk_score', 'desc')
    .execute();
}

/** Teams whose atmosphere is negative on `asOf`, worst first, with their previous scoring day's tier and score. */
export async function loadNegativeTeams(db: Db, tenantId: string, asOf: string) {
  const previousDay = await previousScoredDay(db, 'team_scores', tenantId, asOf);
  return db
    .selectFrom('team_scores as cur')
    .leftJoin('team_scores as prev', (join) => join.on(sameSubjectOn('team_id', previousDay)))
    .selectAll('cur')
    .select(['prev.tier as prev_tier', 'prev.score as prev_score'])
    .where((eb) => eb.and({ 'cur.tenant_id': tenantId, 'cur.as_of': asOf, 'cur.tier': 'negative' }))
    .orderBy('cur.score')
    .execute();
}

export type RiskCandidate = Awaited<ReturnType<typeof loadRiskCandidates>>[number];
export type NegativeTeam = Awaited<ReturnType<typeof loadNegativeTeams>>[number];

/** Joins a subject's row on `asOf` ("cur") to the same person's or team's row ("prev") on `previousDay`. */
const sameSubjectOn = (subject: 'employee_id' | 'team_id', previousDay: string) =>
  sql<boolean>`prev.tenant_id = cur.tenant_id and ${sql.ref(`prev.${subject}`)} = ${sql.ref(`cur.${subject}`)}
    and prev.as_of = ${previousDay}`;

/** The scoring day before `asOf` for a tenant ('0001-01-01' when there is none, so a join matches nothing). */
async function previousScoredDay(
  db: Db,
  table: 'employee_scores' | 'team_scores',
  tenantId: string,
  asOf: string,
): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('as_of').as('day'))
    .where('tenant_id', '=', tenantId)
    .where('as_of', '<', asOf)
    .executeTakeFirst();
  return row?.day ?? '0001-01-01';
}
