// GET/PUT /api/v1/rules: the tenant's published risk rules (hr or admin). A PUT validates every rule and stores a
// new version; the next score run uses it and records the version with each score.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { publishRules, readRules } from '../../app/scoring/rules.js';
import { accessOf, permit } from '../access.js';
import { batchSchema, withoutInputSchema } from '../schemas/common.js';
import { RuleSetView, RulesBody } from '../schemas/scores.js';

export const ruleRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/rules',
    {
      preValidation: permit('rules.read'),
      schema: withoutInputSchema(RuleSetView, {
        tags: ['scores'],
        operationId: 'getRules',
        summary: 'The current risk rules and thresholds (version 0 = built-in defaults; hr or admin)',
      }),
    },
    async (request) => readRules(accessOf(db, request)),
  );

  app.put(
    '/rules',
    {
      preValidation: permit('rules.write'),
      schema: batchSchema(RuleSetView, {
        tags: ['scores'],
        operationId: 'putRules',
        summary: 'Publish a new version of the risk rules (hr or admin over the whole tenant)',
        description: 'At most 100 rules of 1–20 conditions each; every problem is listed with its path.',
        body: RulesBody,
      }),
    },
    async (request) => publishRules(accessOf(db, request), request.body),
  );
};
