// Read API for scores: one person's risk, a team's atmosphere, and the people in the caller's charge at a level.
// Reasons come rendered in the tenant's locale beside their raw codes and numbers. Individual reads are audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { listRisks, readAtmosphere, readRisk } from '../../app/scoring/reads.js';
import { accessOf, permit } from '../access.js';
import { byRefSchema, errors } from '../schemas/common.js';
import { AsOfQuery, AtmosphereView, RiskList, RiskListQuery, RiskView } from '../schemas/scores.js';

export const scoreRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/employees/:id/risk',
    {
      schema: byRefSchema(RiskView, {
        tags: ['scores'],
        operationId: 'getEmployeeRisk',
        summary: "An employee's attrition risk with reasons (latest, or ?asOf=YYYY-MM-DD); audited",
        description: 'The person, their managers (recursively) and hr/admin within their sub-trees may read it.',
        querystring: AsOfQuery,
      }),
    },
    async (request) => readRisk(accessOf(db, request), { id: request.params.id, asOf: request.query.asOf }),
  );

  app.get(
    '/teams/:id/atmosphere',
    {
      preValidation: permit('atmosphere.read'),
      schema: byRefSchema(
        AtmosphereView,
        {
          tags: ['scores'],
          operationId: 'getTeamAtmosphere',
          summary: "A team's atmosphere 0–100, tier and drivers (latest, or ?asOf=YYYY-MM-DD); audited",
          description: 'hr/admin within their sub-trees; a manager for the teams of the people they manage.',
          querystring: AsOfQuery,
        },
        403,
      ),
    },
    async (request) => readAtmosphere(accessOf(db, request), { id: request.params.id, asOf: request.query.asOf }),
  );

  app.get(
    '/risks',
    {
      preValidation: permit('risk.list'),
      schema: {
        tags: ['scores'],
        operationId: 'listRisks',
        summary: 'People in your charge by risk level as of a day (default: the latest scored day), highest first',
        description:
          'hr/admin: the tenant or their sub-trees; a manager: their reports, recursively. One audit row names ' +
          'everyone listed. An unknown team (or one outside your sub-trees) is a 404.',
        querystring: RiskListQuery,
        response: { 200: RiskList, ...errors(400, 403, 404) },
      },
    },
    async (request) => {
      const { level, team, asOf, limit = 100 } = request.query;
      return listRisks(accessOf(db, request), { level, team, limit, asOf });
    },
  );
};
