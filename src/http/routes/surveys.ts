// GET /api/v1/surveys/results: pulse-survey group results (managers for their teams, HR for the tenant or its
// sub-trees). Thin: src/app/surveys applies the anonymity rules, checks reach and writes the audit row.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { accessOf, permit } from '../access.js';
import { errors } from '../schemas/common.js';
import { SurveyResultsQuery, SurveyResultsView } from '../schemas/surveys.js';
import { surveyResults } from '../../app/surveys/index.js';
import type { Locale } from '../../core/i18n/index.js';

export const surveyRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/surveys/results',
    {
      preValidation: permit('surveys.results'),
      schema: {
        tags: ['surveys'],
        operationId: 'getSurveyResults',
        summary:
          'Pulse results per team and driver of the latest closed rounds: trend, response rate, and why a cell is suppressed',
        querystring: SurveyResultsQuery,
        response: { 200: SurveyResultsView, ...errors(400, 403, 404) },
      },
    },
    async (request) => {
      const { team, rounds, locale } = request.query;
      return surveyResults(accessOf(db, request), {
        ...(team !== undefined ? { team } : {}),
        ...(rounds !== undefined ? { rounds } : {}),
        ...(locale !== undefined ? { locale: locale as Locale } : {}),
      });
    },
  );
};
