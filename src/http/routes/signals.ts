// POST /api/v1/signals — HR systems push behavioural signals: a JSON batch `{ signals: [...] }` (≤ 10,000 items)
// or an application/x-ndjson stream (one item per line, stored in batches). The use case (src/app/signals/receive.ts)
// stores everything valid or, when any item is invalid, nothing.
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import type { Database } from '../../storage/database.js';
import { receiveSignalBatch, receiveSignalStream } from '../../app/signals/receive.js';
import { SOURCE_PATTERN } from '../../app/signals/validate.js';
import { accessOf, permit } from '../access.js';

export interface SignalRoutesOptions {
  db: Kysely<Database>;
  now?: () => Date;
  /** Raw-event retention (config.rawEventRetentionDays): older events are reported as expired, not stored. */
  retentionDays?: number;
  maxJsonItems?: number;
  maxLineBytes?: number;
}

export const signalRoutes: FastifyPluginAsync<SignalRoutesOptions> = async (app, options) => {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const maxJsonItems = options.maxJsonItems ?? 10_000;

  // Scoped to this plugin: the NDJSON body reaches the handler as the raw stream and is parsed line by line.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));

  app.post(
    '/signals',
    {
      preHandler: permit('signals.write'),
      schema: {
        summary:
          'Push HR signals (JSON batch or application/x-ndjson stream); retries with the same ids change nothing',
        querystring: {
          type: 'object',
          properties: {
            source: {
              type: 'string',
              pattern: SOURCE_PATTERN.source,
              description: "dedupe namespace (default 'hr-api')",
            },
          },
        },
      },
    },
    async (request) => {
      const access = accessOf(db, request);
      const receive = {
        source: (request.query as { source?: string }).source ?? 'hr-api',
        now: now(),
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      };
      if (request.headers['content-type']?.toLowerCase().startsWith('application/x-ndjson')) {
        return receiveSignalStream(access, request.body as Readable, {
          ...receive,
          ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
        });
      }
      const body = request.body as { signals?: unknown } | null | undefined;
      const signals = typeof body === 'object' && body !== null ? body.signals : undefined;
      return receiveSignalBatch(access, signals, { ...receive, maxItems: maxJsonItems });
    },
  );
};
