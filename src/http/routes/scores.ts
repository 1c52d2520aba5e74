// Read API for scores: one person's risk, a team's atmosphere, and the list of people at a level. Reasons come
// rendered in the tenant's locale beside their raw codes and numbers. Every read of an individual's score is audited.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { accessOf, permit } from '../access.js';
import { InvalidInputError } from '../../app/errors.js';
import { listRisks, readAtmosphere, readRisk } from '../../app/scoring/reads.js';
import { isDay } from '../../core/time.js';

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
  teamExternalId: Nullable(Type.String()),
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
  rules: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.Optional(Type.String()),
        contribution: Type.Number(),
        fired: Type.Boolean(),
        points: Type.Number(),
        conditions: Type.Array(
          Type.Object({
            feature: Type.String(),
            op: Type.String(),
            threshold: Type.Number(),
            value: Nullable(Type.Number()),
            held: Type.Boolean(),
          }),
        ),
      }),
      { description: 'Every rule of the version used, each condition with its value and threshold (one person only)' },
    ),
  ),
});

/** The pattern lets 2026-02-30 through; a day that does not exist is a 400 naming the field. */
function checkedAsOf(query: { asOf?: string }): string | undefined {
  if (query.asOf !== undefined && !isDay(query.asOf))
    throw new InvalidInputError('invalid asOf', [{ path: '/asOf', message: 'must be a calendar day YYYY-MM-DD' }]);
  return query.asOf;
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
    async (request) => readRisk(accessOf(db, request), { id: request.params.id, asOf: checkedAsOf(request.query) }),
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
      preValidation: permit('atmosphere.read'),
    },
    async (request) =>
      readAtmosphere(accessOf(db, request), { id: request.params.id, asOf: checkedAsOf(request.query) }),
  );

  app.get(
    '/risks',
    {
      schema: {
        tags: ['scores'],
        summary:
          'People in your charge by risk level as of a day (default: the latest scored day), highest first; audited',
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
          404: ErrorView,
        },
      },
      preValidation: permit('risk.list'),
    },
    async (request) => {
      const { level, team, limit = 100 } = request.query;
      return listRisks(accessOf(db, request), { level, team, limit, asOf: checkedAsOf(request.query) });
    },
  );
};
