// Loopback-only routes for `teampulse console` while the service runs (PGlite allows one process per data
// directory, so the CLI cannot open the database itself). Registered only when the console platform is
// active. Requests from other hosts get 404; a custom header keeps browsers on this machine from posting
// here cross-site (it forces a CORS preflight nobody answers).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { InboundDispatcher } from '../../app/inbound/dispatch.js';
import {
  auditConsoleSession,
  consoleInbox,
  consoleInteract,
  resolveConsoleUser,
  type ConsoleInteraction,
} from '../../app/console/service.js';

export const CONSOLE_HEADER = 'x-teampulse-console';

export interface ConsoleRoutesOptions {
  db: Kysely<Database>;
  dispatcher: InboundDispatcher;
  now?: () => Date;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

const Who = Type.Object({ tenant: Type.Optional(Type.String({ minLength: 1 })), as: Type.String({ minLength: 1 }) });

export const consoleRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  let sequence = 0;

  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopback(request) || request.headers[CONSOLE_HEADER] !== '1') {
      return reply.status(404).send({ error: 'not_found', message: 'not found' });
    }
  });
  app.get('/console/ping', { schema: { hide: true } }, async () => ({ console: true }));

  app.post('/console/session', { schema: { hide: true, body: Who } }, async (request) => {
    const user = await resolveConsoleUser(options.db, request.body.tenant, request.body.as);
    await auditConsoleSession(options.db, user);
    return user;
  });

  app.get(
    '/console/messages',
    {
      schema: {
        hide: true,
        querystring: Type.Intersect([Who, Type.Object({ after: Type.Optional(Type.String({ format: 'date-time' })) })]),
      },
    },
    async (request) => {
      const user = await resolveConsoleUser(options.db, request.query.tenant, request.query.as);
      return consoleInbox(options.db, user, request.query.after);
    },
  );

  app.post(
    '/console/interactions',
    {
      schema: {
        hide: true,
        body: Type.Intersect([
          Who,
          Type.Object({
            interaction: Type.Union([
              Type.Object({
                type: Type.Literal('action'),
                actionId: Type.String({ minLength: 1 }),
                value: Type.String(),
                messageRef: Type.Optional(Type.String()),
              }),
              Type.Object({
                type: Type.Literal('command'),
                command: Type.String({ minLength: 1 }),
                args: Type.Array(Type.String()),
              }),
            ]),
          }),
        ]),
      },
    },
    async (request) => {
      const user = await resolveConsoleUser(options.db, request.body.tenant, request.body.as);
      return consoleInteract(
        options.dispatcher,
        user,
        request.body.interaction as ConsoleInteraction,
        now(),
        ++sequence,
      );
    },
  );
};
