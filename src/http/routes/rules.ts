// GET/PUT /api/v1/rules: the tenant's published risk rules (hr or admin). A PUT validates every rule and stores a
// new version; the next score run uses it and records the version with each score.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { publishRules, readRules } from '../../app/scoring/rules.js';
import { accessOf, permit } from '../access.js';

const Condition = Type.Object({ feature: Type.String(), op: Type.String(), value: Type.Number() });
const Rule = Type.Object({
  id: Type.String(),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  when: Type.Array(Condition),
  contribution: Type.Number(),
});
const Thresholds = Type.Object({
  medium: Type.Number(),
  high: Type.Number(),
  positive: Type.Number(),
  negative: Type.Number(),
});
const RuleSetView = Type.Object({
  version: Type.Integer(),
  rules: Type.Array(Rule),
  thresholds: Thresholds,
  createdAt: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  features: Type.Array(Type.String()),
});
const ErrorView = Type.Object({ error: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) });

export const ruleRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/rules',
    {
      preValidation: permit('rules.read'),
      schema: {
        tags: ['scores'],
        summary: 'The current risk rules and thresholds (version 0 = built-in defaults)',
        response: { 200: RuleSetView, 403: ErrorView },
      },
    },
    async (request) => readRules(accessOf(db, request)),
  );

  app.put(
    '/rules',
    {
      preValidation: permit('rules.write'),
      schema: {
        tags: ['scores'],
        summary: 'Publish a new version of the risk rules (hr or admin over the whole tenant)',
        body: Type.Object({ rules: Type.Array(Rule, { maxItems: 100 }), thresholds: Type.Optional(Thresholds) }),
        response: { 200: RuleSetView, 400: ErrorView, 403: ErrorView },
      },
    },
    async (request) => publishRules(accessOf(db, request), request.body),
  );
};
