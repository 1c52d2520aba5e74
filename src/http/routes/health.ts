// /healthz: the process is alive. /readyz: the database answers and every migration is applied.
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { pendingMigrationsOf } from '../../app/database.js';

export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database>; schema: string }> = async (
  app,
  { db, schema },
) => {
  // Probes hit these every few seconds: log them only when something is wrong.
  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    try {
      const pending = await pendingMigrationsOf(db, schema);
      if (pending.length > 0) {
        return reply.status(503).send({ error: 'unavailable', message: 'migrations pending', details: { pending } });
      }
      return { status: 'ready' };
    } catch (error) {
      // Anyone may call /readyz: the database's own words (host names, roles, paths) go to the log, not to them.
      request.log.warn({ err: error }, 'readiness check: the database did not answer');
      return reply.status(503).send({ error: 'unavailable', message: 'database unreachable' });
    }
  });
};
