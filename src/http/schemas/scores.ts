// Schemas of the score and rule routes.
import { Type } from '@sinclair/typebox';
import { Day, Limit, Nullable, Reference, StringEnum } from './common.js';

export const ReasonView = Type.Object({
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  contribution: Type.Number(),
  text: Type.String({ description: "Rendered in the tenant's language" }),
});

export const AsOfQuery = Type.Object(
  { asOf: Type.Optional(Day('The scoring day (default: the latest)')) },
  { additionalProperties: false },
);

// What the score views say in /docs/json beyond "a string": the values a field takes and the form of ids and times.
const Uuid = Type.String({ format: 'uuid' });
const ScoredDay = Type.String({ format: 'date', description: 'The scoring day (YYYY-MM-DD, tenant time zone)' });
const ComputedAt = Type.String({ format: 'date-time', description: 'When the score was written' });
const ScoreLocale = StringEnum(['zh-CN', 'en'], "The tenant's language, in which the reasons are rendered");
const Score = Type.Integer({ minimum: 0, maximum: 100 });

export const RiskView = Type.Object({
  employeeId: Uuid,
  externalId: Type.String(),
  displayName: Type.String(),
  teamId: Nullable(Uuid),
  teamExternalId: Nullable(Type.String()),
  asOf: ScoredDay,
  status: StringEnum(['scored', 'insufficient_history', 'no_data'], 'Only `scored` carries a score and a level'),
  riskScore: Nullable(Score),
  riskLevel: Nullable(StringEnum(['low', 'medium', 'high'])),
  reasons: Type.Array(ReasonView),
  collaborationScore: Nullable(Score),
  collaborationComponents: Type.Record(Type.String(), Nullable(Type.Number())),
  ruleVersion: Type.Integer({ description: 'The rule set version used (0 = built-in defaults)' }),
  locale: ScoreLocale,
  computedAt: ComputedAt,
  rules: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.Optional(Type.String()),
        contribution: Type.Number(),
        fired: Type.Boolean(),
        points: Type.Number(),
        conditions: Type.Array(
          Type.Object({
            feature: Type.String(),
            op: Type.String(),
            threshold: Type.Number(),
            value: Nullable(Type.Number()),
            held: Type.Boolean(),
          }),
        ),
      }),
      { description: 'Every rule of the version used, each condition with its value and threshold (one person only)' },
    ),
  ),
});

export const AtmosphereView = Type.Object({
  teamId: Uuid,
  externalId: Type.String(),
  name: Type.String(),
  asOf: ScoredDay,
  score: Nullable(Score),
  tier: Nullable(StringEnum(['positive', 'neutral', 'negative'])),
  memberCount: Type.Integer(),
  drivers: Type.Array(ReasonView),
  locale: ScoreLocale,
  computedAt: ComputedAt,
});

export const RiskListQuery = Type.Object(
  {
    level: Type.Optional(StringEnum(['low', 'medium', 'high'] as const)),
    asOf: Type.Optional(Day('The scoring day (default: the latest)')),
    team: Type.Optional(Reference('A team (id or external id): people in it and below it')),
    limit: Type.Optional(Limit(1000, 100)),
  },
  { additionalProperties: false },
);

export const RiskList = Type.Object({
  asOf: Nullable(Type.String()),
  level: Nullable(Type.String()),
  items: Type.Array(RiskView),
});

/** Rules are checked by the use case (every problem with its path); the schema bounds their size. */
const Condition = Type.Object(
  {
    feature: Type.String({ maxLength: 100 }),
    op: Type.String({ maxLength: 4 }),
    value: Type.Number(),
  },
  { additionalProperties: false },
);
const Rule = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    when: Type.Array(Condition, { minItems: 1, maxItems: 20 }),
    contribution: Type.Number(),
  },
  { additionalProperties: false },
);
const Thresholds = Type.Object(
  { medium: Type.Number(), high: Type.Number(), positive: Type.Number(), negative: Type.Number() },
  { additionalProperties: false },
);

export const RulesBody = Type.Object(
  { rules: Type.Array(Rule, { maxItems: 100 }), thresholds: Type.Optional(Thresholds) },
  { additionalProperties: false },
);

export const RuleSetView = Type.Object({
  version: Type.Integer(),
  rules: Type.Array(
    Type.Object({
      id: Type.String(),
      description: Type.Optional(Type.String()),
      when: Type.Array(Type.Object({ feature: Type.String(), op: Type.String(), value: Type.Number() })),
      contribution: Type.Number(),
    }),
  ),
  thresholds: Type.Object({
    medium: Type.Number(),
    high: Type.Number(),
    positive: Type.Number(),
    negative: Type.Number(),
  }),
  createdAt: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  features: Type.Array(Type.String()),
});
