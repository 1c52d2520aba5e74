// /api/v1/alerts: HR's list of alerts raised (with their feedback), and feedback on one alert.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { FEEDBACK_VALUES, type FeedbackValue } from '../../core/alerts/index.js';
import { giveAlertFeedback } from '../../app/alerts/feedback.js';
import type { Database } from '../../storage/database.js';
import { feedbackForAlerts, listAlerts } from '../../storage/repositories/alerts.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { teamSubtreeIds } from '../../storage/repositories/teams.js';
import { requireRole } from '../auth.js';

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
      preValidation: requireRole('hr'),
      schema: {
        tags: ['alerts'],
        summary: 'Alerts raised for this tenant, newest first, with the feedback given on each (hr or admin)',
        querystring: ListQuery,
        response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const { tenantId } = request.auth;
      // A token scoped to a team sub-tree sees only alerts about people and teams inside it.
      const scope = request.auth.scopeTeamId;
      const rows = await listAlerts(db, tenantId, {
        kind: request.query.kind,
        since: request.query.since ? new Date(request.query.since) : undefined,
        limit: request.query.limit ?? 100,
        teamIds: scope ? await teamSubtreeIds(db, tenantId, scope) : undefined,
      });
      const feedback = await feedbackForAlerts(
        db,
        tenantId,
        rows.map((r) => r.id),
      );
      // Listing alerts reads individuals' risk: one audit row per person shown.
      const people = [...new Set(rows.map((r) => r.subject_employee_id).filter((id): id is string => id !== null))];
      for (const employeeId of people) {
        await recordAudit(db, {
          tenantId,
          actor: request.auth.actor,
          action: 'alerts.list',
          subjectType: 'employee',
          subjectId: employeeId,
        });
      }
      return {
        alerts: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          subject: {
            type: row.subject_employee_id ? ('employee' as const) : ('team' as const),
            id: (row.subject_employee_id ?? row.subject_team_id)!,
            externalId: row.subject_external_id,
            name: row.subject_name,
          },
          level: row.level,
          score: row.score,
          reasons: Array.isArray(row.reasons)
            ? (row.reasons as Array<{ code: string; params: Record<string, string | number>; contribution: number }>)
            : [],
          asOf: row.as_of,
          trigger: row.trigger,
          recipient: row.recipient_employee_id
            ? { id: row.recipient_employee_id, externalId: row.recipient_external_id, name: row.recipient_name }
            : null,
          routedVia: row.routed_via,
          outboxId: row.outbox_id,
          createdAt: new Date(row.created_at).toISOString(),
          snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until).toISOString() : null,
          feedback: feedback
            .filter((f) => f.alert_id === row.id)
            .map((f) => ({
              value: f.value as FeedbackValue,
              at: new Date(f.at).toISOString(),
              by: f.employee_id ? { id: f.employee_id, externalId: f.employee_external_id } : null,
            })),
        })),
      };
    },
  );

  app.post(
    '/alerts/:id/feedback',
    {
      preValidation: requireRole('manager'),
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
      const { auth } = request;
      const outcome = await giveAlertFeedback(db, {
        tenantId: auth.tenantId,
        alertId: request.params.id,
        value: request.body.value,
        employeeId: auth.employeeId,
        source: 'api',
        privileged: auth.role === 'hr' || auth.role === 'admin',
        ...(auth.scopeTeamId ? { scopeTeamIds: await teamSubtreeIds(db, auth.tenantId, auth.scopeTeamId) } : {}),
        now: clock(),
        actor: auth.actor,
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
