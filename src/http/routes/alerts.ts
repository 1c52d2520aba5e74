// /api/v1/alerts: HR's list of alerts raised (with their feedback), and feedback on one alert.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { giveAlertFeedback } from '../../app/alerts/feedback.js';
import { browseAlerts } from '../../app/alerts/reads.js';
import { accessOf, permit } from '../access.js';
import { Type } from '@sinclair/typebox';
import { errors } from '../schemas/common.js';
import { AlertListQuery, AlertParams, AlertView, FeedbackBody, FeedbackResult } from '../schemas/alerts.js';
import type { RouteDeps } from '../route-deps.js';
export const alertRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, now: clock }) => {
  app.get(
    '/alerts',
    {
      preValidation: permit('alerts.list'),
      schema: {
        tags: ['alerts'],
        operationId: 'listAlerts',
        summary: 'Alerts raised for this tenant, newest first, with the feedback given on each (hr or admin)',
        description: 'A token scoped to a team sub-tree sees alerts about people and teams in it; audited per person.',
        querystring: AlertListQuery,
        response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), ...errors(400, 403) },
      },
    },
    async (request) =>
      browseAlerts(accessOf(db, request), {
        ...(request.query.kind ? { kind: request.query.kind } : {}),
        ...(request.query.since ? { since: new Date(request.query.since) } : {}),
        limit: request.query.limit ?? 100,
      }),
  );

  app.post(
    '/alerts/:id/feedback',
    {
      preValidation: permit('alerts.feedback'),
      schema: {
        tags: ['alerts'],
        operationId: 'postAlertFeedback',
        summary: 'Record feedback on an alert: done | one_on_one | snooze (2 weeks) | not_accurate',
        description:
          'Managers answer alerts sent to them (their token must name their employee); HR and admins any alert ' +
          'about someone within their sub-trees (others are answered like a missing alert).',
        params: AlertParams,
        body: FeedbackBody,
        response: { 201: FeedbackResult, ...errors(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const outcome = await giveAlertFeedback(accessOf(db, request), {
        alertId: request.params.id,
        value: request.body.value,
        source: 'api',
        now: clock(),
      });
      return reply.status(201).send({
        alertId: outcome.alert.id,
        value: outcome.value,
        at: new Date(outcome.at).toISOString(),
        snoozedUntil: outcome.snoozedUntil ? outcome.snoozedUntil.toISOString() : null,
      });
    },
  );
};
