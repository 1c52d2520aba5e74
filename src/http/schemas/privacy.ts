// Schemas of the data-rights routes (/api/v1/me, /me/export, DELETE /me) and the audit log (/api/v1/audit).
import { Type } from '@sinclair/typebox';
import { Instant, Limit, Nullable, StringEnum, Text } from './common.js';
import { CallerView } from './access.js';
import { RiskView } from './scores.js';
import { ActivityView } from './signals.js';

const Rows = Type.Array(Type.Record(Type.String(), Type.Unknown()));

export const MeView = Type.Object({ caller: CallerView, risk: Nullable(RiskView), activity: ActivityView });

export const PersonalExport = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  tenant: Type.Object({ slug: Type.String(), name: Type.String() }),
  person: Type.Record(Type.String(), Type.Unknown()),
  identities: Type.Array(Type.Object({ platform: Type.String(), platformUserId: Type.String() })),
  roles: Type.Array(Type.Object({ role: Type.String(), scope: Nullable(Type.String()) })),
  signalEvents: Rows,
  dailyRollups: Rows,
  scores: Rows,
  alertsAboutMe: Rows,
  requests: Rows,
  surveyMuted: Type.Boolean(),
  surveyAnswers: Type.Array(
    Type.Object({
      roundOpenedOn: Type.String(),
      question: Type.String(),
      driver: Type.String(),
      value: Type.Integer(),
    }),
    { description: 'Your own answers of confidential-mode rounds (anonymous-mode answers are linked to nobody)' },
  ),
  surveyComments: Type.Array(Type.Object({ roundOpenedOn: Type.String(), text: Type.String() })),
  readsOfMyData: Type.Array(
    Type.Object({ at: Type.String({ format: 'date-time' }), action: Type.String(), source: Nullable(Type.String()) }),
  ),
});

export const ErasureRequested = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  status: StringEnum(['open', 'done', 'declined'] as const),
  /** HR contacts notified; 0 when an open request already existed. */
  notified: Type.Integer(),
  existing: Type.Boolean(),
});

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Limit(500, 100)),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page' })),
    action: Type.Optional(Text(100)),
    subject: Type.Optional(Text(100)),
    since: Type.Optional(Instant('Only rows at or after this instant')),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String({ format: 'date-time' }),
      actor: Type.String(),
      action: Type.String(),
      subject: Nullable(Type.Object({ type: Type.String(), id: Nullable(Type.String()) })),
      source: Nullable(Type.String()),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
