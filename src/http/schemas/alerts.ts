// Schemas of the alert routes.
import { Type } from '@sinclair/typebox';
import { FEEDBACK_VALUES } from '../../core/alerts/index.js';
import { Instant, Limit, Nullable, Reference, StringEnum } from './common.js';

export const PersonRef = Type.Object({
  id: Type.String(),
  externalId: Nullable(Type.String()),
  name: Nullable(Type.String()),
});
export const FeedbackView = Type.Object({
  value: StringEnum(FEEDBACK_VALUES),
  at: Type.String(),
  by: Nullable(Type.Object({ id: Type.String(), externalId: Nullable(Type.String()) })),
});
export const AlertView = Type.Object({
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

export const AlertListQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(['risk', 'team_warning'] as const)),
    since: Type.Optional(Instant('Only alerts created at or after this instant (ISO 8601 with an offset)')),
    limit: Type.Optional(Limit(500, 100)),
  },
  { additionalProperties: false },
);
export const FeedbackBody = Type.Object({ value: StringEnum(FEEDBACK_VALUES) }, { additionalProperties: false });

export const AlertParams = Type.Object({ id: Reference('The alert id') }, { additionalProperties: false });

export const FeedbackResult = Type.Object({
  alertId: Type.String(),
  value: StringEnum(FEEDBACK_VALUES),
  at: Type.String(),
  snoozedUntil: Nullable(Type.String()),
});
