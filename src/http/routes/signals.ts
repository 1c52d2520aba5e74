// POST /api/v1/signals — HR systems push behavioural signals: a JSON batch `{ signals: [...] }` (≤ 10,000 items)
// or an application/x-ndjson stream (one item per line, stored in batches). The use case (src/app/signals/receive.ts)
// checks every item and stores everything valid or, when any item is invalid, nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { receiveSignalBatch, receiveSignalStream } from '../../app/signals/receive.js';
import { accessOf, permit } from '../access.js';
import { bodyCheckedByUseCase } from '../validation.js';
import { batchSchema } from '../schemas/common.js';
import { ReceiveSummary, SignalsBody, SignalsQuery } from '../schemas/signals.js';
import type { RouteDeps } from '../route-deps.js';

export interface SignalRoutesOptions extends RouteDeps {
  /** Raw-event retention (config.rawEventRetentionDays): older events are reported as expired, not stored. */
  retentionDays?: number;
  maxJsonItems?: number;
  maxLineBytes?: number;
}

const NDJSON = 'application/x-ndjson';

export const signalRoutes: FastifyPluginAsyncTypebox<SignalRoutesOptions> = async (app, options) => {
  const { db } = options;
  const { now } = options;
  const maxJsonItems = options.maxJsonItems ?? 10_000;

  // Scoped to this plugin: the NDJSON body reaches the handler as the raw stream and is parsed line by line.
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  app.post(
    '/signals',
    {
      preValidation: permit('signals.write'),
      // The body schema documents the format; the use case checks it item by item (errors per item and per line).
      validatorCompiler: bodyCheckedByUseCase,
      schema: batchSchema(ReceiveSummary, {
        tags: ['signals'],
        operationId: 'postSignals',
        summary:
          'Push HR signals (JSON batch or application/x-ndjson stream); retries with the same ids change nothing',
        description:
          'hr or admin. A token scoped to a team sub-tree writes only about people in it: signals about anyone else ' +
          'count as unknown people (skippedUnknown, unknownEmployees).',
        consumes: ['application/json', NDJSON],
        querystring: SignalsQuery,
        body: SignalsBody,
      }),
    },
    async (request) => {
      const access = accessOf(db, request);
      const receive = {
        source: request.query.source ?? 'hr-api',
        now: now(),
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      };
      if (request.headers['content-type']?.toLowerCase().startsWith(NDJSON)) {
        return receiveSignalStream(access, request.body as unknown as Readable, {
          ...receive,
          ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
        });
      }
      const body = request.body as unknown;
      const signals = typeof body === 'object' && body !== null ? (body as { signals?: unknown }).signals : undefined;
      return receiveSignalBatch(access, signals, { ...receive, maxItems: maxJsonItems });
    },
  );
};
