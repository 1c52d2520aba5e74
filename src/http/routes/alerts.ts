// /api/v1/alerts: HR's list of alerts raised (with their feedback), and feedback on one alert.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { FEEDBACK_VALUES } from '../../core/alerts/index.js';
import { giveAlertFeedback } from '../../app/alerts/feedback.js';
import type { Database } from '../../storage/database.js';
import { browseAlerts } from '../../app/alerts/reads.js';
import { accessOf, permit } from '../access.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const ErrorResponse = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

const PersonRef = Type.Object({
  id: Type.String(),
  externalId: Nullable(Type.String()),
  name: Nullable(Type.String()),
});
const FeedbackView = Type.Object({
  value: StringEnum(FEEDBACK_VALUES),
  at: Type.String(),
  by: Nullable(Type.Object({ id: Type.String(), externalId: Nullable(Type.String()) })),
});
const AlertView = Type.Object({
  id: Type.String(),
  kind: StringEnum(['risk', 'team_warning'] as const),
  subject: Type.Object({
    type: StringEnum(['employee', 'team'] as const),
    id: Type.String(),
    externalId: Nullable(Type.String()),
    name: Nullable(Type.String()),
  }),
  level: Type.String(),
  score: Nullable(Type.Integer()),
  reasons: Type.Array(
    Type.Object({
      code: Type.String(),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
      contribution: Type.Number(),
    }),
  ),
  asOf: Type.String(),
  trigger: Type.String(),
  recipient: Nullable(PersonRef),
  routedVia: StringEnum(['manager', 'skip_level', 'hr'] as const),
  outboxId: Nullable(Type.String()),
  createdAt: Type.String(),
  snoozedUntil: Nullable(Type.String()),
  feedback: Type.Array(FeedbackView),
});

const ListQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(['risk', 'team_warning'] as const)),
    since: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only alerts created at or after this instant' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
const FeedbackBody = Type.Object({ value: StringEnum(FEEDBACK_VALUES) }, { additionalProperties: false });

export const alertRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; now?: () => Date }> = async (
  app,
  { db, now },
) => {
  const clock = now ?? (() => new Date());

  app.get(
    '/alerts',
    {
      preValidation: permit('alerts.list'),
      schema: {
        tags: ['alerts'],
        summary: 'Alerts raised for this tenant, newest first, with the feedback given on each (hr or admin)',
        querystring: ListQuery,
        response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), 400: ErrorResponse, 403: ErrorResponse },
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
        summary: 'Record feedback on an alert: done | one_on_one | snooze (2 weeks) | not_accurate',
        description:
          'Managers may answer alerts sent to them (their token must name their employee); HR and admins any alert of the tenant.',
        params: Type.Object({ id: Type.String() }),
        body: FeedbackBody,
        response: {
          201: Type.Object({
            alertId: Type.String(),
            value: StringEnum(FEEDBACK_VALUES),
            at: Type.String(),
            snoozedUntil: Nullable(Type.String()),
          }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
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
