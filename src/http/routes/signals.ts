// POST /api/v1/signals — HR systems push behavioural signals: a JSON batch `{ signals: [...] }` (≤ 10,000 items)
// or an application/x-ndjson stream (one item per line, stored in batches). Either everything valid is stored or,
// when any item is invalid, nothing is written and the 400 lists every failing item and field (first 100).
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import type { SignalEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { ingestSignals, openIngestSession, type IngestResult } from '../../app/signals/ingest.js';
import { SOURCE_PATTERN, validateSignalItem, type ItemError } from '../../app/signals/validate.js';
import { readLines } from '../../app/signals/lines.js';
import { InvalidInputError, PayloadTooLargeError } from '../../app/errors.js';
import { requireRole } from '../auth.js';

export interface SignalRoutesOptions {
  db: Kysely<Database>;
  now?: () => Date;
  /** Raw-event retention (config.rawEventRetentionDays): older events are reported as expired, not stored. */
  retentionDays?: number;
  maxJsonItems?: number;
  maxLineBytes?: number;
}

const MAX_DETAILS = 100;
const STREAM_BATCH = 2000;

function responseOf(result: IngestResult) {
  return {
    received: result.received,
    accepted: result.accepted,
    duplicates: result.duplicates,
    skippedUnknown: result.skippedUnknown,
    expired: result.expired,
    unknownEmployees: result.unknownEmployees,
  };
}

function invalid(errors: ItemError[], invalidItems: number, total: number): InvalidInputError {
  return new InvalidInputError(
    `${invalidItems} of ${total} signals are invalid; nothing was stored${errors.length > MAX_DETAILS ? ` (first ${MAX_DETAILS} problems listed)` : ''}`,
    errors.slice(0, MAX_DETAILS),
  );
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
      preHandler: requireRole('hr'),
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
      const { tenantId } = request.auth;
      const source = (request.query as { source?: string }).source ?? 'hr-api';
      const tenant = await db
        .selectFrom('tenants')
        .select('timezone')
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      const at = now();
      const validateOptions = { now: at, timeZone: tenant.timezone, source };
      const ingestOptions = {
        tenantId,
        source,
        now: at,
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      };

      if (request.headers['content-type']?.toLowerCase().startsWith('application/x-ndjson')) {
        return responseOf(await ingestNdjson(request.body as Readable));
      }

      const body = request.body as { signals?: unknown } | null | undefined;
      if (typeof body !== 'object' || body === null || !Array.isArray(body.signals)) {
        throw new InvalidInputError('the body must be {"signals": [...]}', [
          { path: '/signals', message: 'must be an array' },
        ]);
      }
      const items = body.signals as unknown[];
      if (items.length > maxJsonItems) {
        throw new PayloadTooLargeError(
          `at most ${maxJsonItems} signals per JSON request (got ${items.length}); stream larger sets as application/x-ndjson`,
        );
      }
      const events: SignalEvent[] = [];
      const errors: ItemError[] = [];
      let invalidItems = 0;
      items.forEach((item, index) => {
        const checked = validateSignalItem(item, validateOptions, `/signals/${index}`);
        if (checked.ok) events.push(checked.event);
        else {
          invalidItems += 1;
          errors.push(...checked.errors);
        }
      });
      if (invalidItems > 0) throw invalid(errors, invalidItems, items.length);
      return responseOf(await ingestSignals(db, { ...ingestOptions, events }));

      async function ingestNdjson(stream: Readable): Promise<IngestResult> {
        // One transaction for the whole stream: a bad line anywhere rolls back what was stored before it.
        return db.transaction().execute(async (trx) => {
          const session = await openIngestSession(trx, ingestOptions);
          const errors: ItemError[] = [];
          let invalidItems = 0;
          let total = 0;
          let batch: SignalEvent[] = [];
          for await (const line of readLines(stream, options.maxLineBytes)) {
            if (line.text.trim() === '') continue;
            total += 1;
            const prefix = `/lines/${line.number}`;
            let item: unknown;
            try {
              item = JSON.parse(line.text);
            } catch (error) {
              invalidItems += 1;
              errors.push({ path: prefix, message: `malformed JSON: ${(error as Error).message}` });
              continue;
            }
            const checked = validateSignalItem(item, validateOptions, prefix);
            if (!checked.ok) {
              invalidItems += 1;
              if (errors.length < MAX_DETAILS) errors.push(...checked.errors);
              continue;
            }
            // After the first bad line nothing more is stored; the rest is still checked so the 400 is complete.
            if (invalidItems > 0) continue;
            batch.push(checked.event);
            if (batch.length >= STREAM_BATCH) {
              await session.add(batch);
              batch = [];
            }
          }
          if (invalidItems > 0) throw invalid(errors, invalidItems, total);
          await session.add(batch);
          return session.finish();
        });
      }
    },
  );
};
