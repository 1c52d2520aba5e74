// What planAlerts looks at: today's scored people at or above the policy's minimum level and today's negative
// teams, each next to its score on the previous scoring day (the policy compares the two).
import type { RiskLevel } from '../../core/scoring/types.js';
import type { Db } from '../../storage/database.js';

/** People scored on `asOf` at one of `levels`, highest risk first, with their previous scoring day's score. */
export async function loadRiskCandidates(db: Db, tenantId: string, asOf: string, levels: readonly RiskLevel[]) {
  const previousDay = await previousScoredDay(db, 'employee_scores', tenantId, asOf);
  return db
    .selectFrom('employee_scores as cur')
    .leftJoin('employee_scores as prev', (join) =>
      join
        .onRef('prev.tenant_id', '=', 'cur.tenant_id')
        .onRef('prev.employee_id', '=', 'cur.employee_id')
        .on('prev.as_of', '=', previousDay),
    )
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
    .where('cur.tenant_id', '=', tenantId)
    .where('cur.as_of', '=', asOf)
    .where('cur.status', '=', 'scored')
    .where('cur.risk_level', 'in', levels)
    .orderBy('cur.risk_score', 'desc')
    .execute();
}

/** Teams whose atmosphere is negative on `asOf`, worst first, with their previous scoring day's tier and score. */
export async function loadNegativeTeams(db: Db, tenantId: string, asOf: string) {
  const previousDay = await previousScoredDay(db, 'team_scores', tenantId, asOf);
  return db
    .selectFrom('team_scores as cur')
    .leftJoin('team_scores as prev', (join) =>
      join
        .onRef('prev.tenant_id', '=', 'cur.tenant_id')
        .onRef('prev.team_id', '=', 'cur.team_id')
        .on('prev.as_of', '=', previousDay),
    )
    .select([
      'cur.team_id',
      'cur.tier',
      'cur.score',
      'cur.drivers',
      'cur.member_count',
      'prev.tier as prev_tier',
      'prev.score as prev_score',
    ])
    .where('cur.tenant_id', '=', tenantId)
    .where('cur.as_of', '=', asOf)
    .where('cur.tier', '=', 'negative')
    .orderBy('cur.score')
    .execute();
}

export type RiskCandidate = Awaited<ReturnType<typeof loadRiskCandidates>>[number];
export type NegativeTeam = Awaited<ReturnType<typeof loadNegativeTeams>>[number];

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
