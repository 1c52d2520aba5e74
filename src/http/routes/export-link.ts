// GET /links/export/<tenant>/<person>/<expires>/<signature>: the personal export behind a link the chat `export` verb gave (no bearer token: the
// link is signed and expires in minutes; see src/app/privacy/export-link.ts). Logged only on warnings, so the link
// never lands in the request log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EXPORT_LINK_PATH, exportByLink } from '../../app/privacy/export-link.js';
import { errors } from '../schemas/common.js';
import { PersonalExport } from '../schemas/privacy.js';
import type { RouteDeps } from '../route-deps.js';

export const exportLinkRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, options) => {
  const { now } = options;
  app.get(
    `${EXPORT_LINK_PATH}/:tenant/:person/:expires/:signature`,
    {
      logLevel: 'warn',
      schema: {
        tags: ['privacy'],
        operationId: 'exportByLink',
        summary: 'Your export through the short-lived link the chat `export` command gave you (no token needed)',
        params: Type.Object(
          {
            tenant: Type.String({ maxLength: 64 }),
            person: Type.String({ maxLength: 64 }),
            expires: Type.String({ maxLength: 16 }),
            signature: Type.String({ maxLength: 64 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: PersonalExport, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const data = await exportByLink(options.db, request.params, now());
      void reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="teampulse-export-${data.exportedAt.slice(0, 10)}.json"`);
      return data;
    },
  );
};
