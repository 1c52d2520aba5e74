// Routes for `teampulse console` while the service runs (PGlite allows one process per data directory, so the CLI
// cannot open the database itself). Registered only when the console platform is active. They answer only a direct
// loopback connection (no proxy header of any kind) that presents this start's secret (app/console/secret.ts: a
// 0600 file in the data directory that `teampulse console` reads); anything else gets 404 — as if they did not exist.
// The custom header also keeps browsers from posting here cross-site (it forces a CORS preflight nobody answers).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { InboundDispatcher } from '../../app/inbound/dispatch.js';
import {
  auditConsoleSession,
  consoleInbox,
  consoleInteract,
  resolveConsoleUser,
  type ConsoleInteraction,
} from '../../app/console/service.js';
import { CONSOLE_SECRET_HEADER, matchesConsoleSecret } from '../../app/console/secret.js';
import { isLoopback } from '../client-address.js';
import type { RouteDeps } from '../route-deps.js';

export const CONSOLE_HEADER = CONSOLE_SECRET_HEADER;

export interface ConsoleRoutesOptions extends RouteDeps {
  dispatcher: InboundDispatcher;
  /** This start's console secret; requests without it get 404. */
  secret: string;
}

const Who = Type.Object({ tenant: Type.Optional(Type.String({ minLength: 1 })), as: Type.String({ minLength: 1 }) });

export const consoleRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, options) => {
  const { now } = options;
  let sequence = 0;

  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopback(request) || !matchesConsoleSecret(request.headers[CONSOLE_HEADER], options.secret)) {
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
