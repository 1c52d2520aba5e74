// GET /api/v1/whoami: the tenant, role, person and sub-trees behind the calling token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { describeCaller } from '../../app/access/index.js';
import { accessOf } from '../access.js';
import { errors } from '../schemas/common.js';
import { CallerView } from '../schemas/access.js';

export const whoamiRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/whoami',
    {
      schema: {
        tags: ['access'],
        operationId: 'whoami',
        summary: 'The tenant, role, person and team sub-trees behind the calling token',
        response: { 200: CallerView, ...errors() },
      },
    },
    async (request) => describeCaller(accessOf(db, request)),
  );
};
