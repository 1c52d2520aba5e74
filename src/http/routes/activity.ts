// GET /api/v1/employees/:id/activity — one person's daily rollups and the coverage of those days, so HR (and the
// person) can see exactly what was counted. An individual read: every call writes an audit row.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from '@sinclair/typebox';
import { isDay } from '../../core/time.js';
import type { Database } from '../../storage/database.js';
import { InvalidInputError } from '../../app/errors.js';
import { readActivity } from '../../app/signals/activity.js';
import { accessOf } from '../access.js';

export interface ActivityRoutesOptions {
  db: Kysely<Database>;
  now?: () => Date;
}

export const activityRoutes: FastifyPluginAsyncTypebox<ActivityRoutesOptions> = async (app, options) => {
  const { db } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    '/employees/:id/activity',
    {
      schema: {
        summary: "One employee's daily signal rollups and the coverage of those days (audited)",
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: 27 days before `to`)' })),
          to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: today in the tenant time zone)' })),
        }),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const problems = (['from', 'to'] as const)
        .filter((field) => request.query[field] !== undefined && !isDay(request.query[field]!))
        .map((field) => ({ path: `/${field}`, message: 'must be a date YYYY-MM-DD' }));
      if (problems.length) throw new InvalidInputError('invalid date range', problems);
      return readActivity(accessOf(db, request), { id: request.params.id, from, to }, now());
    },
  );
};
