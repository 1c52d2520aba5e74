// GET /api/v1/employees/:id/activity — one person's daily rollups and the coverage of those days, so HR (and the
// person) can see exactly what was counted. An individual read: every call writes an audit row.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readActivity } from '../../app/signals/activity.js';
import { accessOf } from '../access.js';
import { byRefSchema } from '../schemas/common.js';
import { ActivityQuery, ActivityView } from '../schemas/signals.js';
import type { RouteDeps } from '../route-deps.js';

export const activityRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, now }) => {
  app.get(
    '/employees/:id/activity',
    {
      schema: byRefSchema(ActivityView, {
        tags: ['signals'],
        operationId: 'getEmployeeActivity',
        summary: "One employee's daily signal rollups and the coverage of those days (audited)",
        description: 'hr/admin within their sub-trees and the person themselves.',
        querystring: ActivityQuery,
      }),
    },
    async (request) => readActivity(accessOf(db, request), { id: request.params.id, ...request.query }, now()),
  );
};
