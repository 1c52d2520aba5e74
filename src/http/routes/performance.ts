// Scorecards (GET /employees/:id/scorecard), team goals and individual results (POST /goals), scorecard weight
// overrides (GET/PUT /scorecard-weights). Every scorecard read and weight change is audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { readScorecard } from '../../app/performance/scorecard.js';
import { importGoals } from '../../app/performance/goals.js';
import { listWeights, setWeights } from '../../app/performance/weights.js';
import { listPlans, startPlan } from '../../app/performance/plans/start.js';
import { completeStep } from '../../app/performance/plans/progress.js';
import { accessOf, permit } from '../access.js';
import { batchSchema, byRefSchema, errors, withoutInputSchema } from '../schemas/common.js';
import {
  GoalsBody,
  PlanStartBody,
  PlanView,
  StepParams,
  GoalsSummary,
  ScorecardQuery,
  ScorecardView,
  WeightsBody,
  WeightsList,
  WeightVersionView,
} from '../schemas/performance.js';
import type { RouteDeps } from '../route-deps.js';

interface PerformanceRoutesOptions extends RouteDeps {
  quietHours?: boolean;
}

export const performanceRoutes: FastifyPluginAsyncTypebox<PerformanceRoutesOptions> = async (app, options) => {
  await planRoutes(app, options);
  await scorecardRoutes(app, options);
};

/** Development plans: start and list a person's plans, complete a step. */
const planRoutes: FastifyPluginAsyncTypebox<PerformanceRoutesOptions> = async (app, { db, now: clock, quietHours }) => {
  app.post(
    '/employees/:id/plans',
    {
      preValidation: permit('plans.write'),
      schema: byRefSchema(
        PlanView,
        {
          tags: ['plans'],
          operationId: 'startPlan',
          summary:
            'Start a development plan for a person (hr, or a manager for their reports); the person is told at once',
          description: 'A template already running for the person is returned as it is (created: false). Audited.',
          body: PlanStartBody,
        },
        403,
      ),
    },
    async (request) =>
      startPlan(accessOf(db, request), request.params.id, request.body.template, {
        now: clock(),
        field: 'id',
        ...(quietHours !== undefined ? { quietHours } : {}),
      }),
  );

  app.get(
    '/employees/:id/plans',
    {
      schema: byRefSchema(Type.Array(PlanView), {
        tags: ['plans'],
        operationId: 'listPlans',
        summary: "A person's development plans with their steps (the person, their managers, hr)",
      }),
    },
    async (request) => listPlans(accessOf(db, request), request.params.id),
  );

  app.put(
    '/plan-steps/:id',
    {
      schema: {
        tags: ['plans'],
        operationId: 'completePlanStep',
        summary: 'Mark a plan step done (the person, their managers, hr); the plan completes with its last step',
        params: StepParams,
        body: Type.Object({ done: Type.Literal(true) }, { additionalProperties: false }),
        response: { 200: PlanView, ...errors(400, 404) },
      },
    },
    async (request) => (await completeStep(accessOf(db, request), request.params.id, clock())).plan,
  );
};

/** Scorecards and what they are made of: the scorecard, goals, weights. */
const scorecardRoutes: FastifyPluginAsyncTypebox<PerformanceRoutesOptions> = async (app, { db, now: clock }) => {
  app.get(
    '/employees/:id/scorecard',
    {
      preValidation: permit('scorecards.read'),
      schema: byRefSchema(
        ScorecardView,
        {
          tags: ['scorecards'],
          operationId: 'getScorecard',
          summary:
            "A person's scorecard for a month or quarter: each component, its weight and where the weight came from",
          description:
            'Individual result (attainment) + collaboration (helping 10%, team projects 15%, resource sharing 5% by ' +
            'default); the individual weight × 1.10 when the team met its goal, × 0.95 when it missed. The person, their ' +
            'managers or hr/admin in reach; audited.',
          querystring: ScorecardQuery,
        },
        403,
      ),
    },
    async (request) =>
      readScorecard(accessOf(db, request), request.params.id, {
        period: request.query.period,
        now: clock(),
      }),
  );

  app.post(
    '/goals',
    {
      preValidation: permit('goals.write'),
      schema: batchSchema(GoalsSummary, {
        tags: ['scorecards'],
        operationId: 'importGoals',
        summary: 'Store team goals (target/actual or met) and individual results (target/actual) per period',
        description: 'Idempotent per (team or person, period). Any invalid item rejects the whole batch.',
        body: GoalsBody,
      }),
    },
    async (request) => importGoals(accessOf(db, request), request.body.goals),
  );

  app.get(
    '/scorecard-weights',
    {
      preValidation: permit('weights.write'),
      schema: withoutInputSchema(WeightsList, {
        tags: ['scorecards'],
        operationId: 'listScorecardWeights',
        summary: 'The default scorecard weights and every override version (hr or admin)',
      }),
    },
    async (request) => listWeights(accessOf(db, request)),
  );

  app.put(
    '/scorecard-weights',
    {
      preValidation: permit('weights.write'),
      schema: {
        tags: ['scorecards'],
        operationId: 'putScorecardWeights',
        summary: 'Override scorecard weights tenant-wide, for a team or for a person (a new version; audited)',
        body: WeightsBody,
        response: { 200: WeightVersionView, ...errors(400, 403, 404) },
      },
    },
    async (request) => setWeights(accessOf(db, request), request.body),
  );
};
