// /api/v1/teams: list (paged), get by id or external id, bulk upsert by external id (hr or admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { refuseScopedTokens, requireRole } from '../auth.js';
import { getTeam, listTeams, upsertDirectory } from '../../app/directory/index.js';
import { notFound } from '../../app/errors.js';
import {
  ErrorResponse,
  RefParams,
  TeamView,
  TeamsListQuery,
  TeamsUpsertBody,
  UpsertSummary,
  pageOf,
} from './directory-schemas.js';

export const teamRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/teams',
    {
      schema: {
        tags: ['directory'],
        summary: 'List teams, ordered by external id',
        querystring: TeamsListQuery,
        response: { 200: pageOf(TeamView), 400: ErrorResponse },
      },
    },
    async (request) =>
      listTeams(db, request.auth.tenantId, { limit: request.query.limit ?? 50, cursor: request.query.cursor }),
  );

  app.get(
    '/teams/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'One team by internal id or external id',
        params: RefParams,
        response: { 200: TeamView, 404: ErrorResponse },
      },
    },
    async (request) => {
      const team = await getTeam(db, request.auth.tenantId, request.params.id);
      if (!team) throw notFound('team', request.params.id, 'id');
      return team;
    },
  );

  app.post(
    '/teams',
    {
      // The role is checked before the body is validated: a caller without the role learns nothing from 400s.
      preValidation: [requireRole('hr'), refuseScopedTokens],
      schema: {
        tags: ['directory'],
        summary: 'Create or update teams by external id (idempotent; one transaction; up to 10,000 items)',
        description:
          'A parent may be defined later in the same batch. Unknown parents and cycles reject the whole batch with every failing path.',
        body: TeamsUpsertBody,
        response: { 200: UpsertSummary, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const result = await upsertDirectory(
        db,
        request.auth.tenantId,
        { teams: request.body.teams },
        { actor: request.auth.actor },
      );
      return result.teams;
    },
  );
};
