// Reading scores, access-checked and audited: one person's risk, a team's atmosphere, the people at a risk level.
// Reasons come rendered in the tenant's locale beside their raw codes and numbers.
import { fieldViewOf, fieldVisible, type Access, type FieldView } from '../access/index.js';
import { NotFoundError } from '../errors.js';
import { renderReasons, type RenderedReason } from '../../core/scoring/render.js';
import { explainRules, type RuleCheck } from '../../core/scoring/rules.js';
import type { Features, Reason, RiskLevel } from '../../core/scoring/types.js';
import type { Locale } from '../../core/i18n/index.js';
import {
  findEmployeeScore,
  findTeamScore,
  latestScoredDay,
  listEmployeeScores,
  loadRuleSetVersion,
} from '../../storage/repositories/scores.js';
import { subtreesOf } from '../../storage/repositories/reach.js';
import { findTeamByRef } from '../../storage/repositories/refs.js';
import type { EmployeeScoreRow } from '../../storage/tables/scoring.js';

export interface RiskView {
  employeeId: string;
  externalId: string;
  displayName: string;
  teamId: string | null;
  teamExternalId: string | null;
  asOf: string;
  status: string;
  riskScore: number | null;
  riskLevel: string | null;
  reasons: RenderedReason[];
  collaborationScore: number | null;
  collaborationComponents: Record<string, number | null>;
  ruleVersion: number;
  locale: Locale;
  computedAt: string;
  /**
   * One person's read only: every rule of the version the score used, each condition with the feature's value, its
   * operator and threshold and whether it held — so a reviewer sees why a rule fired or did not.
   */
  rules?: RuleCheck[];
}

export function riskView(
  row: EmployeeScoreRow,
  employee: {
    id: string;
    external_id: string;
    display_name: string;
    team_id: string | null;
    team_external_id: string | null;
  },
  locale: Locale,
): RiskView {
  return {
    employeeId: employee.id,
    externalId: employee.external_id,
    displayName: employee.display_name,
    teamId: employee.team_id,
    teamExternalId: employee.team_external_id,
    asOf: row.as_of,
    status: row.status,
    riskScore: row.risk_score,
    riskLevel: row.risk_level,
    reasons: renderReasons(locale, row.reasons as Reason[]),
    collaborationScore: row.collaboration_score,
    collaborationComponents: row.collaboration_components as Record<string, number | null>,
    ruleVersion: row.rule_version,
    locale,
    computedAt: new Date(row.computed_at).toISOString(),
  };
}

const noScore = (asOf: string | undefined) =>
  new NotFoundError(asOf ? `no score as of ${asOf}` : 'not scored yet', [
    { path: asOf ? '/asOf' : '/id', message: asOf ? `no score as of ${asOf}` : 'not scored yet' },
  ]);

/** One person's risk (latest, or as of a day): the person, their managers, hr/admin in reach. Audited. */
export async function readRisk(access: Access, query: { id: string; asOf?: string }): Promise<RiskView> {
  access.require('risk.read');
  const person = await access.person(query.id, 'risk');
  const row = await findEmployeeScore(access.db, access.tenantId, person.id, query.asOf);
  if (!row) throw noScore(query.asOf);
  await access.audit('risk.read', { type: 'employee', id: person.id }, { asOf: row.as_of, riskLevel: row.risk_level });
  const team = person.team_id ? await findTeamByRef(access.db, access.tenantId, person.team_id) : undefined;
  const view = riskView(
    row,
    { ...person, team_external_id: team?.external_id ?? null },
    (await access.tenant()).locale,
  );
  // Scores that were not scored (insufficient history, no data) evaluated no rule.
  const ruleSet =
    row.status === 'scored' ? await loadRuleSetVersion(access.db, access.tenantId, row.rule_version) : undefined;
  const fields = await fieldViewOf(access, person.id);
  const rules = ruleSet ? explainRules(row.features as Features, ruleSet.rules) : [];
  return {
    ...redact(view, fields),
    // A rule with a condition the viewer may not see is left out whole (its verdict would reveal the value).
    rules: rules.filter((rule) => rule.conditions.every((c) => fieldVisible(fields, c.feature))),
  };
}

export interface AtmosphereView {
  teamId: string;
  externalId: string;
  name: string;
  asOf: string;
  score: number | null;
  tier: string | null;
  memberCount: number;
  drivers: RenderedReason[];
  locale: Locale;
  computedAt: string;
}

/** A team's atmosphere (manager of someone in it, hr/admin in reach). Audited. */
export async function readAtmosphere(access: Access, query: { id: string; asOf?: string }): Promise<AtmosphereView> {
  access.require('atmosphere.read');
  const team = await access.team(query.id, 'atmosphere');
  const row = await findTeamScore(access.db, access.tenantId, team.id, query.asOf);
  if (!row) throw noScore(query.asOf);
  await access.audit('atmosphere.read', { type: 'team', id: team.id }, { asOf: row.as_of });
  const locale = (await access.tenant()).locale;
  return {
    teamId: team.id,
    externalId: team.external_id,
    name: team.name,
    asOf: row.as_of,
    score: row.score,
    tier: row.tier,
    memberCount: row.member_count,
    drivers: renderReasons(locale, row.drivers as Reason[], 'driver'),
    locale,
    computedAt: new Date(row.computed_at).toISOString(),
  };
}

export interface RiskListQuery {
  level?: RiskLevel;
  asOf?: string;
  /** A team (id or external id): people in it and the teams below it. */
  team?: string;
  limit: number;
}

export interface RiskList {
  asOf: string | null;
  level: RiskLevel | null;
  items: RiskView[];
}

/** The people in the caller's charge at a risk level, highest first; one audit row naming everyone listed. */
export async function listRisks(access: Access, query: RiskListQuery): Promise<RiskList> {
  access.require('risk.list');
  // An unknown (or out-of-reach) team is a 404 whether or not anything was scored yet.
  const team = query.team !== undefined ? await access.team(query.team, 'structure', 'team') : undefined;
  const asOf = query.asOf ?? (await latestScoredDay(access.db, access.tenantId));
  if (!asOf) return { asOf: null, level: query.level ?? null, items: [] };
  const rows = await listEmployeeScores(access.db, {
    tenantId: access.tenantId,
    asOf,
    ...(query.level ? { level: query.level } : {}),
    ...(team ? { teamIds: await subtreesOf(access.db, access.tenantId, [team.id]) } : {}),
    people: await access.peopleFilter('risk'),
    limit: query.limit,
  });
  if (rows.length > 0) {
    await access.audit(
      'risk.list',
      { type: 'employee' },
      {
        asOf,
        level: query.level ?? null,
        count: rows.length,
        employeeIds: rows.map((r) => r.employee_id),
      },
    );
  }
  const locale = (await access.tenant()).locale;
  const fields = new Map<string, FieldView>();
  for (const row of rows) fields.set(row.employee_id, await fieldViewOf(access, row.employee_id));
  return {
    asOf,
    level: query.level ?? null,
    items: rows.map((row) =>
      redact(
        riskView(
          row,
          {
            id: row.employee_id,
            external_id: row.external_id,
            display_name: row.display_name,
            team_id: row.team_id,
            team_external_id: row.team_external_id,
          },
          locale,
        ),
        fields.get(row.employee_id)!,
      ),
    ),
  };
}

/** The view without the reasons this viewer may not see (field-level permissions, src/app/access/fields.ts). */
function redact(view: RiskView, fields: FieldView): RiskView {
  if (fields.full) return view;
  return { ...view, reasons: view.reasons.filter((r) => fieldVisible(fields, r.code)) };
}

export interface TrendPoint {
  asOf: string;
  score: number | null;
  level: string | null;
}

/** One score per week (the latest of each), newest last, from rows ordered newest first. */
function weekly<T extends { as_of: string }>(rows: readonly T[], weeks: number): T[] {
  const picked: T[] = [];
  for (const row of rows) {
    const last = picked[picked.length - 1];
    if (last && Date.parse(last.as_of) - Date.parse(row.as_of) < 7 * 86_400_000) continue;
    picked.push(row);
    if (picked.length === weeks) break;
  }
  return picked.reverse();
}

/** A team's atmosphere over the last `weeks` weeks (same reach as readAtmosphere; the caller audits the read). */
export async function teamTrend(access: Access, teamRef: string, weeks: number): Promise<TrendPoint[]> {
  access.require('atmosphere.read');
  const team = await access.team(teamRef, 'atmosphere');
  return weeklyScores(access, 'team', team.id, weeks);
}

/** A person's risk over the last `weeks` weeks (same reach as readRisk). Audited as an individual read. */
export async function riskHistory(access: Access, personRef: string, weeks: number): Promise<TrendPoint[]> {
  access.require('risk.read');
  const person = await access.person(personRef, 'risk');
  const points = await weeklyScores(access, 'employee', person.id, weeks);
  await access.audit('risk.history', { type: 'employee', id: person.id }, { weeks });
  return points;
}

/** Where a team's and a person's daily scores are stored: the table, its subject column, score and level. */
const SCORE_HISTORY = {
  team: { table: 'team_scores', subject: 'team_id', score: 'score', level: 'tier' },
  employee: { table: 'employee_scores', subject: 'employee_id', score: 'risk_score', level: 'risk_level' },
} as const;

/** One score per week of a team's or person's last `weeks` weeks (from their last weeks × 7 daily rows), newest last. */
async function weeklyScores(
  access: Access,
  of: keyof typeof SCORE_HISTORY,
  subjectId: string,
  weeks: number,
): Promise<TrendPoint[]> {
  const { table, subject, score, level } = SCORE_HISTORY[of];
  const rows = await access.db
    .selectFrom(table)
    .select((eb) => ['as_of', eb.ref(score).as('score'), eb.ref(level).as('level')])
    .where((eb) => eb.and([eb('tenant_id', '=', access.tenantId), eb(subject, '=', subjectId)]))
    .orderBy('as_of', 'desc')
    .limit(weeks * 7)
    .execute();
  return weekly(rows, weeks).map((r) => ({ asOf: r.as_of, score: r.score, level: r.level }));
}
