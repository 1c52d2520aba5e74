// Schemas of the scorecard, goals and weights routes (issue J).
import { Type } from '@sinclair/typebox';
import { GoalItemSchema, Period } from '../../app/performance/goals.js';
import { Nullable, Reference, Text } from './common.js';

export const ScorecardQuery = Type.Object({ period: Period }, { additionalProperties: false });

const Source = Type.Object({
  level: Type.String({ description: 'default, tenant, team or employee' }),
  version: Nullable(Type.Integer()),
  subject: Type.Optional(Type.String()),
});

const Component = Type.Object({
  key: Type.String({ description: 'individual, helping, projects or resources' }),
  value: Nullable(Type.Number()),
  weight: Type.Number(),
  points: Nullable(Type.Number()),
  source: Source,
  baseWeight: Type.Optional(Type.Number()),
  multiplier: Type.Optional(Type.Number()),
  multiplierSource: Type.Optional(Source),
});

const Weight = Type.Object({ value: Type.Number(), source: Source });

export const ScorecardView = Type.Object(
  {
    employee: Type.Object({ id: Type.String(), externalId: Type.String(), name: Type.String() }),
    team: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    period: Type.String(),
    from: Type.String(),
    to: Type.String(),
    individualResult: Nullable(
      Type.Object({ target: Type.Number(), actual: Type.Number(), attainmentPct: Type.Number() }),
    ),
    teamGoal: Nullable(
      Type.Object({
        period: Type.String(),
        target: Nullable(Type.Number()),
        actual: Nullable(Type.Number()),
        met: Type.Boolean(),
      }),
    ),
    collaboration: Type.Object({
      helpsGiven: Type.Number(),
      teamProjects: Type.Number(),
      resourceShares: Type.Number(),
      workingWeeks: Type.Number(),
    }),
    weights: Type.Object({
      helping: Weight,
      projects: Weight,
      resources: Weight,
      metMultiplier: Weight,
      missedMultiplier: Weight,
    }),
    components: Type.Array(Component),
    collaborationWeight: Type.Number(),
    total: Nullable(Type.Number()),
  },
  { title: 'Scorecard' },
);

export const GoalsBody = Type.Object(
  { goals: Type.Array(GoalItemSchema, { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);

export const GoalsSummary = Type.Object({ teams: Type.Integer(), people: Type.Integer() });

const Share = Type.Number({ minimum: 0, maximum: 1 });
const Multiplier = Type.Number({ minimum: 0.5, maximum: 2 });
export const WeightValues = Type.Object(
  {
    helping: Type.Optional(Share),
    projects: Type.Optional(Share),
    resources: Type.Optional(Share),
    metMultiplier: Type.Optional(Multiplier),
    missedMultiplier: Type.Optional(Multiplier),
  },
  { additionalProperties: false, description: 'Shares as fractions (0.25 = 25%); multipliers e.g. 1.1 and 0.95' },
);

export const WeightsBody = Type.Object(
  {
    team: Type.Optional(Reference('Override for this team')),
    employee: Type.Optional(Reference('Override for this person')),
    weights: WeightValues,
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

export const WeightVersionView = Type.Object({
  version: Type.Integer(),
  scope: Type.String(),
  subject: Nullable(Type.String()),
  weights: WeightValues,
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
});

export const WeightsList = Type.Object({
  defaults: Type.Object({
    helping: Type.Number(),
    projects: Type.Number(),
    resources: Type.Number(),
    metMultiplier: Type.Number(),
    missedMultiplier: Type.Number(),
  }),
  versions: Type.Array(WeightVersionView),
});

export const PlanStartBody = Type.Object(
  {
    template: Type.Unsafe<string>({
      type: 'string',
      enum: ['leadership', 'specialist', 'return_to_engagement', 'onboarding'],
      description: 'leadership, specialist, return_to_engagement or onboarding',
    }),
  },
  { additionalProperties: false },
);

export const PlanView = Type.Object(
  {
    id: Type.String(),
    employee: Type.Object({ id: Type.String(), externalId: Type.String(), name: Type.String() }),
    template: Type.String(),
    status: Type.String(),
    startDay: Type.String(),
    created: Type.Boolean(),
    steps: Type.Array(
      Type.Object({
        id: Type.String(),
        position: Type.Integer(),
        step: Type.String(),
        owner: Type.String(),
        dueDay: Type.String(),
        doneAt: Nullable(Type.String()),
      }),
    ),
  },
  { title: 'DevelopmentPlan' },
);

export const StepParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
