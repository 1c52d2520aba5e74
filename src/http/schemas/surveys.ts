// Schemas of the survey routes: group results by team and driver, with suppression reasons instead of numbers
// where a group is too small (or hidden to protect a smaller one).
import { Type } from '@sinclair/typebox';
import { Nullable, Reference, StringEnum } from './common.js';

const Driver = StringEnum(
  ['team_support', 'workload', 'recognition', 'growth', 'manager', 'belonging', 'future', 'enps'],
  'What the questions measure',
);

const Suppression = Type.Object({
  reason: StringEnum(
    ['min_respondents', 'sibling_protection', 'comments_min_respondents'],
    'min_respondents: fewer answers than the threshold; sibling_protection: hidden so a smaller group cannot be worked out by subtraction; comments_min_respondents: too few commenters',
  ),
  message: Type.String({ description: "The reason in the tenant's language, e.g. “fewer than 5 responses”" }),
});

const RoundRef = Type.Object({ id: Type.String({ format: 'uuid' }), openedOn: Type.String(), closesOn: Type.String() });

export const SurveyResultsQuery = Type.Object(
  {
    team: Type.Optional(Reference('Only this team and its sub-tree (internal or external id)')),
    rounds: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 12, description: 'Closed rounds in the trend (default 6)' }),
    ),
    locale: Type.Optional(StringEnum(['zh-CN', 'en'], "Language of the messages (default: the tenant's)")),
  },
  { additionalProperties: false },
);

export const SurveyResultsView = Type.Object(
  {
    locale: StringEnum(['zh-CN', 'en']),
    thresholds: Type.Object({ minRespondents: Type.Integer(), minCommentRespondents: Type.Integer() }),
    round: Nullable(RoundRef),
    openRound: Nullable(
      Type.Object({
        ...RoundRef.properties,
        responseRate: Nullable(Type.Integer({ description: 'Percent of those asked who answered so far' })),
      }),
    ),
    groups: Type.Array(
      Type.Object({
        teamId: Nullable(Type.String({ format: 'uuid', description: 'null: the whole tenant' })),
        externalId: Nullable(Type.String()),
        name: Type.String(),
        parentId: Nullable(Type.String()),
        responseRate: Type.Object({
          invited: Type.Integer(),
          answered: Type.Integer(),
          pct: Nullable(Type.Integer()),
        }),
        drivers: Type.Array(
          Type.Object({
            driver: Driver,
            scale: StringEnum(['agree5', 'nps11']),
            score: Nullable(Type.Number({ description: 'Mean 1–5, or eNPS −100…100; null when suppressed' })),
            respondents: Nullable(Type.Integer()),
            suppressed: Nullable(Suppression),
            trend: Type.Array(
              Type.Object({ roundId: Type.String(), openedOn: Type.String(), score: Nullable(Type.Number()) }),
            ),
          }),
        ),
        comments: Type.Object({
          shown: Type.Boolean(),
          items: Type.Array(Type.String()),
          suppressed: Nullable(Suppression),
        }),
      }),
    ),
  },
  { title: 'SurveyResults' },
);
