// Rule sets (versioned per tenant), employee and team scores per as_of, and reads for the API and alerts.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { EmployeeScoreRow, TeamScoreRow } from '../tables/scoring.js';
import type { RiskLevel, RiskRule, RuleSet, Thresholds } from '../../core/scoring/types.js';
import { DEFAULT_RULE_SET } from '../../core/scoring/rules.js';
import { inPeopleScope, type PeopleScope } from './reach.js';
import { upsertInBatches } from './upsert.js';
import { nextNumber } from './next-number.js';

export async function loadCurrentRuleSet(
  db: Db,
  tenantId: string,
): Promise<RuleSet & { createdAt: Date | null; createdBy: string | null }> {
  const row = await db
    .selectFrom('risk_rule_sets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_RULE_SET, createdAt: null, createdBy: null };
  return {
    version: row.version,
    rules: row.rules as RiskRule[],
    thresholds: row.thresholds as Thresholds,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The rule set of a version (0 = the built-in defaults); undefined when that version does not exist. */
export async function loadRuleSetVersion(db: Db, tenantId: string, version: number): Promise<RuleSet | undefined> {
  if (version === 0) return DEFAULT_RULE_SET;
  const row = await db
    .selectFrom('risk_rule_sets')
    .selectAll()
    .where((eb) => eb.and({ tenant_id: tenantId, version }))
    .executeTakeFirst();
  return row
    ? { version: row.version, rules: row.rules as RiskRule[], thresholds: row.thresholds as Thresholds }
    : undefined;
}

/** Stores a new version (current + 1); a concurrent writer taking the same number makes this retry. */
export async function insertRuleSetVersion(
  db: Db,
  tenantId: string,
  rules: RiskRule[],
  thresholds: Thresholds,
  createdBy: string,
): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await db
      .insertInto('risk_rule_sets')
      .values({
        tenant_id: tenantId,
        version: nextNumber('risk_rule_sets', 'version', tenantId),
        rules: JSON.stringify(rules),
        thresholds: JSON.stringify(thresholds),
        created_by: createdBy,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('version')
      .executeTakeFirst();
    if (inserted) return inserted.version;
  }
  throw new Error('could not allocate a rule-set version');
}

/** A person's score of a day as stored (computed_at is the time of the write). */
export type EmployeeScoreInsert = Omit<EmployeeScoreRow, 'computed_at'>;

/**
 * Writes scores as multi-row VALUES upserts (11 parameters a row; batches of 1,000 stay far below PostgreSQL's
 * 65,535); a rewrite of a person-day replaces its values. An INSERT … SELECT FROM unnest of one array per column
 * was tried (4d19a0e) and was slower in each of three paired bench runs (2.97 vs 2.86 s, 4.27 vs 4.04 s, 6.46 vs
 * 5.66 s for 20,000 people): the server parses the jsonb[] array literals more slowly than it binds the rows'
 * parameters.
 */
export async function upsertEmployeeScores(db: Db, rows: readonly EmployeeScoreInsert[]): Promise<void> {
  await upsertInBatches(
    db,
    {
      table: 'employee_scores',
      key: ['tenant_id', 'employee_id', 'as_of'],
      refresh: 'rest',
      touched: 'computed_at',
      batch: 1000,
    },
    rows.map((r) => ({
      ...r,
      reasons: JSON.stringify(r.reasons),
      features: JSON.stringify(r.features),
      collaboration_components: JSON.stringify(r.collaboration_components),
    })),
  );
}

/** A team's score of a day as stored (computed_at is the time of the write). */
export type TeamScoreInsert = Omit<TeamScoreRow, 'computed_at'>;

/** Writes team scores in upserts of 500 rows; a rewrite of a team-day replaces its values. */
export async function upsertTeamScores(db: Db, rows: readonly TeamScoreInsert[]): Promise<void> {
  await upsertInBatches(
    db,
    { table: 'team_scores', key: ['tenant_id', 'team_id', 'as_of'], refresh: 'rest', touched: 'computed_at' },
    rows.map((r) => ({ ...r, drivers: JSON.stringify(r.drivers) })),
  );
}

/** Marks a tenant-day complete (in the transaction that wrote its scores). */
export async function recordScoringRun(
  db: Db,
  run: { tenantId: string; asOf: string; ruleVersion: number; startedAt: Date; summary: unknown },
): Promise<void> {
  await db
    .insertInto('scoring_runs')
    .values({
      tenant_id: run.tenantId,
      as_of: run.asOf,
      rule_version: run.ruleVersion,
      summary: JSON.stringify(run.summary),
      started_at: run.startedAt,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'as_of']).doUpdateSet((eb) => ({
        rule_version: eb.ref('excluded.rule_version'),
        summary: eb.ref('excluded.summary'),
        started_at: eb.ref('excluded.started_at'),
        completed_at: sql`now()`,
      })),
    )
    .execute();
}

/** The score of an employee as of a day, or the latest one. */
export async function findEmployeeScore(
  db: Db,
  tenantId: string,
  employeeId: string,
  asOf?: string,
): Promise<EmployeeScoreRow | undefined> {
  let query = db
    .selectFrom('employee_scores')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId);
  if (asOf) query = query.where('as_of', '=', asOf);
  return query.orderBy('as_of', 'desc').limit(1).executeTakeFirst();
}

export async function findTeamScore(
  db: Db,
  tenantId: string,
  teamId: string,
  asOf?: string,
): Promise<TeamScoreRow | undefined> {
  let query = db.selectFrom('team_scores').selectAll().where('tenant_id', '=', tenantId).where('team_id', '=', teamId);
  if (asOf) query = query.where('as_of', '=', asOf);
  return query.orderBy('as_of', 'desc').limit(1).executeTakeFirst();
}

export async function latestScoredDay(db: Db, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('employee_scores')
    .select((eb) => eb.fn.max('as_of').as('d'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? undefined;
}

export interface ListedRisk extends EmployeeScoreRow {
  external_id: string;
  display_name: string;
  team_id: string | null;
  team_external_id: string | null;
}

/** Scores of one as_of day, optionally filtered by level and team set, highest risk first. */
export async function listEmployeeScores(
  db: Db,
  params: {
    tenantId: string;
    asOf: string;
    level?: RiskLevel;
    /** Members of these teams only. */
    teamIds?: readonly string[];
    /** Only people within this scope (what the caller may see). */
    people?: PeopleScope;
    limit: number;
  },
): Promise<ListedRisk[]> {
  let query = db
    .selectFrom('employee_scores as s')
    .innerJoin('employees as e', 'e.id', 's.employee_id')
    .leftJoin('teams as t', 't.id', 'e.team_id')
    .selectAll('s')
    .select(['e.external_id', 'e.display_name', 'e.team_id', 't.external_id as team_external_id'])
    .where((eb) => eb.and({ 's.tenant_id': params.tenantId, 'e.tenant_id': params.tenantId }))
    .where('s.as_of', '=', params.asOf);
  if (params.level) query = query.where('s.risk_level', '=', params.level);
  if (params.people) query = query.where(inPeopleScope(params.people, 'e.team_id', 'e.id'));
  if (params.teamIds)
    query = params.teamIds.length ? query.where('e.team_id', 'in', params.teamIds) : query.where(sql<boolean>`false`);
  return query
    .orderBy('s.risk_score', (ob) => ob.desc().nullsLast())
    .orderBy('e.external_id')
    .limit(params.limit)
    .execute();
}
