// /api/v1/teams: list (paged), get by id or external id, bulk upsert by external id (hr or admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { browseTeams, readTeam, upsertTeams } from '../../app/directory/actions.js';
import { accessOf, permit } from '../access.js';
import { batchSchema, byRefSchema, errors, pageOf } from '../schemas/common.js';
import { TeamsListQuery, TeamsUpsertBody, TeamView, UpsertSummary } from '../schemas/directory.js';

export const teamRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/teams',
    {
      schema: {
        tags: ['directory'],
        operationId: 'listTeams',
        summary: 'List teams, ordered by external id (a token scoped to a sub-tree sees that sub-tree)',
        querystring: TeamsListQuery,
        response: { 200: pageOf(TeamView), ...errors(400) },
      },
    },
    async (request) =>
      browseTeams(accessOf(db, request), { limit: request.query.limit ?? 50, cursor: request.query.cursor }),
  );

  app.get(
    '/teams/:id',
    {
      schema: byRefSchema(TeamView, {
        tags: ['directory'],
        operationId: 'getTeam',
        summary: 'One team by internal id or external id',
      }),
    },
    async (request) => readTeam(accessOf(db, request), request.params.id),
  );

  app.post(
    '/teams',
    {
      // The role is checked before the body is validated: a caller without the role learns nothing from 400s.
      preValidation: permit('teams.write'),
      schema: batchSchema(UpsertSummary, {
        tags: ['directory'],
        operationId: 'upsertTeams',
        summary: 'Create or update teams by external id (idempotent; one transaction; up to 10,000 items)',
        description:
          'A parent may be defined later in the same batch. Unknown parents and cycles reject the whole batch with every failing path. hr or admin over the whole tenant.',
        body: TeamsUpsertBody,
      }),
    },
    async (request) => upsertTeams(accessOf(db, request), request.body.teams),
  );
};
