// Read API for scores: one person's risk, a team's atmosphere, and the list of people at a level. Reasons come
// rendered in the tenant's locale beside their raw codes and numbers. Every read of an individual's score is audited.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { AuthContext } from '../auth.js';
import { requireRole } from '../auth.js';
import { InvalidInputError, NotFoundError, notFound } from '../../app/errors.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import {
  findEmployeeScore,
  findTeamScore,
  latestScoredDay,
  listEmployeeScores,
  teamSubtree,
} from '../../storage/repositories/scores.js';
import { renderReasons } from '../../core/scoring/render.js';
import type { Reason } from '../../core/scoring/types.js';
import type { Locale } from '../../core/i18n/index.js';
import { isDay } from '../../core/time.js';
import type { Employee } from '../../storage/tables/directory.js';
import type { EmployeeScoreRow } from '../../storage/tables/scoring.js';

const Ref = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const AsOfQuery = Type.Object({ asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) });
const ReasonView = Type.Object({
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  contribution: Type.Number(),
  text: Type.String(),
});
const ErrorView = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const RiskView = Type.Object({
  employeeId: Type.String(),
  externalId: Type.String(),
  displayName: Type.String(),
  teamId: Nullable(Type.String()),
  asOf: Type.String(),
  status: Type.String(),
  riskScore: Nullable(Type.Integer()),
  riskLevel: Nullable(Type.String()),
  reasons: Type.Array(ReasonView),
  collaborationScore: Nullable(Type.Integer()),
  collaborationComponents: Type.Record(Type.String(), Nullable(Type.Number())),
  ruleVersion: Type.Integer(),
  locale: Type.String(),
  computedAt: Type.String(),
});

const HR = new Set(['hr', 'admin']);

async function tenantLocale(db: Kysely<Database>, tenantId: string): Promise<Locale> {
  const row = await db.selectFrom('tenants').select('locale').where('id', '=', tenantId).executeTakeFirst();
  return row?.locale ?? 'zh-CN';
}

function checkAsOf(asOf: string | undefined): void {
  if (asOf !== undefined && !isDay(asOf))
    throw new InvalidInputError('invalid asOf', [{ path: '/asOf', message: 'must be a calendar day YYYY-MM-DD' }]);
}

/** hr/admin: anyone; a manager: their direct reports or their scoped team sub-tree; an employee: themselves. */
async function mayReadPerson(db: Kysely<Database>, auth: AuthContext, employee: Employee): Promise<boolean> {
  if (HR.has(auth.role)) return true;
  if (auth.employeeId !== null && employee.id === auth.employeeId) return true;
  if (auth.role !== 'manager') return false;
  if (auth.employeeId !== null && employee.manager_id === auth.employeeId) return true;
  if (auth.scopeTeamId && employee.team_id)
    return (await teamSubtree(db, auth.tenantId, auth.scopeTeamId)).includes(employee.team_id);
  return false;
}

function riskView(
  row: EmployeeScoreRow,
  employee: { id: string; external_id: string; display_name: string; team_id: string | null },
  locale: Locale,
) {
  return {
    employeeId: employee.id,
    externalId: employee.external_id,
    displayName: employee.display_name,
    teamId: employee.team_id,
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

export const scoreRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/employees/:id/risk',
    {
      schema: {
        tags: ['scores'],
        summary: "An employee's attrition risk with reasons (latest, or ?asOf=YYYY-MM-DD); audited",
        params: Ref,
        querystring: AsOfQuery,
        response: { 200: RiskView, 400: ErrorView, 403: ErrorView, 404: ErrorView },
      },
    },
    async (request, reply) => {
      const { tenantId, actor } = request.auth;
      checkAsOf(request.query.asOf);
      const employee = await findEmployeeByRef(db, tenantId, request.params.id);
      if (!employee) throw notFound('employee', request.params.id, 'id');
      if (!(await mayReadPerson(db, request.auth, employee))) {
        return reply
          .status(403)
          .send({ error: 'forbidden', message: 'only hr, admin, the employee or their manager may read this score' });
      }
      const row = await findEmployeeScore(db, tenantId, employee.id, request.query.asOf);
      if (!row) throw new NotFoundError(request.query.asOf ? `no score as of ${request.query.asOf}` : 'not scored yet');
      await recordAudit(db, {
        tenantId,
        actor,
        action: 'risk.read',
        subjectType: 'employee',
        subjectId: employee.id,
        details: { asOf: row.as_of, riskLevel: row.risk_level },
      });
      return riskView(row, employee, await tenantLocale(db, tenantId));
    },
  );

  app.get(
    '/teams/:id/atmosphere',
    {
      schema: {
        tags: ['scores'],
        summary: "A team's atmosphere 0–100, tier and drivers (latest, or ?asOf=YYYY-MM-DD)",
        params: Ref,
        querystring: AsOfQuery,
        response: {
          200: Type.Object({
            teamId: Type.String(),
            externalId: Type.String(),
            name: Type.String(),
            asOf: Type.String(),
            score: Nullable(Type.Integer()),
            tier: Nullable(Type.String()),
            memberCount: Type.Integer(),
            drivers: Type.Array(ReasonView),
            locale: Type.String(),
            computedAt: Type.String(),
          }),
          400: ErrorView,
          403: ErrorView,
          404: ErrorView,
        },
      },
      preValidation: requireRole('manager'),
    },
    async (request, reply) => {
      const { tenantId, actor, role, scopeTeamId } = request.auth;
      checkAsOf(request.query.asOf);
      const team = await findTeamByRef(db, tenantId, request.params.id);
      if (!team) throw notFound('team', request.params.id, 'id');
      if (!HR.has(role) && scopeTeamId && !(await teamSubtree(db, tenantId, scopeTeamId)).includes(team.id)) {
        return reply.status(403).send({ error: 'forbidden', message: 'this team is outside your scope' });
      }
      const row = await findTeamScore(db, tenantId, team.id, request.query.asOf);
      if (!row) throw new NotFoundError(request.query.asOf ? `no score as of ${request.query.asOf}` : 'not scored yet');
      await recordAudit(db, {
        tenantId,
        actor,
        action: 'atmosphere.read',
        subjectType: 'team',
        subjectId: team.id,
        details: { asOf: row.as_of },
      });
      const locale = await tenantLocale(db, tenantId);
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
    },
  );

  app.get(
    '/risks',
    {
      schema: {
        tags: ['scores'],
        summary: 'People by risk level as of a day (default: the latest scored day), highest first; audited',
        querystring: Type.Object({
          level: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
          asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          team: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: {
          200: Type.Object({
            asOf: Nullable(Type.String()),
            level: Nullable(Type.String()),
            items: Type.Array(RiskView),
          }),
          400: ErrorView,
          403: ErrorView,
        },
      },
      preValidation: requireRole('manager'),
    },
    async (request) => {
      const { tenantId, actor, role, scopeTeamId, employeeId } = request.auth;
      const { level, team, limit = 100 } = request.query;
      checkAsOf(request.query.asOf);
      const asOf = request.query.asOf ?? (await latestScoredDay(db, tenantId));
      if (!asOf) return { asOf: null, level: level ?? null, items: [] };
      let teamIds: string[] | undefined;
      if (team !== undefined) {
        const found = await findTeamByRef(db, tenantId, team);
        if (!found) throw new InvalidInputError('unknown team', [{ path: '/team', message: `no team "${team}"` }]);
        teamIds = await teamSubtree(db, tenantId, found.id);
      }
      let managerId: string | undefined;
      if (!HR.has(role)) {
        if (scopeTeamId) {
          const scope = await teamSubtree(db, tenantId, scopeTeamId);
          teamIds = teamIds ? teamIds.filter((id) => scope.includes(id)) : scope;
        } else if (employeeId) managerId = employeeId;
        else teamIds = [];
      }
      const rows = await listEmployeeScores(db, {
        tenantId,
        asOf,
        ...(level ? { level } : {}),
        ...(teamIds ? { teamIds } : {}),
        ...(managerId ? { managerId } : {}),
        limit,
      });
      if (rows.length > 0) {
        // One audit row listing everyone shown.
        await recordAudit(db, {
          tenantId,
          actor,
          action: 'risk.list',
          subjectType: 'employee',
          details: { asOf, level: level ?? null, count: rows.length, employeeIds: rows.map((r) => r.employee_id) },
        });
      }
      const locale = await tenantLocale(db, tenantId);
      return {
        asOf,
        level: level ?? null,
        items: rows.map((row) =>
          riskView(
            row,
            { id: row.employee_id, external_id: row.external_id, display_name: row.display_name, team_id: row.team_id },
            locale,
          ),
        ),
      };
    },
  );
};
