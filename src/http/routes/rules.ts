// GET/PUT /api/v1/rules: the tenant's published risk rules (hr or admin). A PUT validates every rule and stores a
// new version; the next score run uses it and records the version with each score.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { requireRole } from '../auth.js';
import { getRuleSet, updateRuleSet } from '../../app/scoring/rules.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { FEATURE_NAMES } from '../../core/scoring/types.js';

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
      preValidation: requireRole('hr'),
      schema: {
        tags: ['scores'],
        summary: 'The current risk rules and thresholds (version 0 = built-in defaults)',
        response: { 200: RuleSetView, 403: ErrorView },
      },
    },
    async (request) => {
      const set = await getRuleSet(db, request.auth.tenantId);
      return {
        ...set,
        createdAt: set.createdAt ? new Date(set.createdAt).toISOString() : null,
        features: [...FEATURE_NAMES],
      };
    },
  );

  app.put(
    '/rules',
    {
      preValidation: requireRole('hr'),
      schema: {
        tags: ['scores'],
        summary: 'Publish a new version of the risk rules (hr or admin)',
        body: Type.Object({ rules: Type.Array(Rule, { maxItems: 100 }), thresholds: Type.Optional(Thresholds) }),
        response: { 200: RuleSetView, 400: ErrorView, 403: ErrorView },
      },
    },
    async (request) => {
      const { tenantId, actor } = request.auth;
      const set = await updateRuleSet(db, tenantId, request.body, actor);
      await recordAudit(db, {
        tenantId,
        actor,
        action: 'rules.update',
        subjectType: 'risk_rule_set',
        subjectId: String(set.version),
        details: { rules: set.rules.length },
      });
      const stored = await getRuleSet(db, tenantId);
      return {
        ...stored,
        createdAt: stored.createdAt ? new Date(stored.createdAt).toISOString() : null,
        features: [...FEATURE_NAMES],
      };
    },
  );
};
