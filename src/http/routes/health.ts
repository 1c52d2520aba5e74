// /healthz: the process is alive. /readyz: the database answers and every migration is applied.
import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { pendingMigrations } from '../../storage/migrator.js';

export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database>; schema: string }> = async (
  app,
  { db, schema },
) => {
  // Probes hit these every few seconds: log them only when something is wrong.
  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      const pending = await pendingMigrations(db as Kysely<unknown>, schema);
      if (pending.length > 0) {
        return reply.status(503).send({ error: 'unavailable', message: 'migrations pending', details: { pending } });
      }
      return { status: 'ready' };
    } catch (error) {
      return reply
        .status(503)
        .send({ error: 'unavailable', message: `database unreachable: ${(error as Error).message}` });
    }
  });
};
