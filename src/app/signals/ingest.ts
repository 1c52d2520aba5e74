// The one ingestion path for signals — HR API, file import and chat adapters: ingestSignals for one list of events,
// ingestStream for a long import. Both run ingest sessions (session.ts).
import type { Kysely, Transaction } from 'kysely';
import type { SignalEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { addCounts, emptyIngestResult, UNKNOWN_LIST_LIMIT, type IngestResult } from './ingest-result.js';
import { openIngestSession, type IngestInput } from './session.js';

export type { IngestResult } from './ingest-result.js';
export { openIngestSession, type IngestInput, type IngestSession } from './session.js';

type EventsDb = Kysely<Database> | Transaction<Database>;

/** Ingests one list of events in its own transaction (or inside the caller's, when `db` is a transaction). */
export async function ingestSignals(db: EventsDb, input: IngestInput): Promise<IngestResult> {
  const run = async (trx: Transaction<Database>) => {
    const session = await openIngestSession(trx, input);
    await session.add(input.events);
    return session.finish();
  };
  if (db.isTransaction) return run(db as Transaction<Database>);
  return db.transaction().execute(run);
}

export interface StreamOptions {
  /** Events per transaction: each transaction stores its batches, then recomputes the days they touched once. */
  rowsPerTransaction?: number;
  /** Called after each batch is stored (progress bars). */
  onBatch?: (events: number) => void;
}

/**
 * Ingests a stream of event batches (the file importer): transactions of up to `rowsPerTransaction` events, each an
 * ingest session, so a long import neither holds one huge transaction nor recomputes the same day per batch.
 */
export async function ingestStream(
  db: Kysely<Database>,
  input: Omit<IngestInput, 'events'>,
  batches: AsyncIterable<readonly SignalEvent[]> | Iterable<readonly SignalEvent[]>,
  options: StreamOptions = {},
): Promise<IngestResult> {
  const limit = options.rowsPerTransaction ?? 100_000;
  const iterator =
    Symbol.asyncIterator in batches
      ? batches[Symbol.asyncIterator]()
      : (batches as Iterable<readonly SignalEvent[]>)[Symbol.iterator]();
  const totals = emptyIngestResult();
  const unknown = new Set<string>();
  let done = false;
  while (!done) {
    const result = await db.transaction().execute(async (trx) => {
      const session = await openIngestSession(trx, input);
      let rows = 0;
      while (rows < limit) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        await session.add(next.value);
        rows += next.value.length;
        options.onBatch?.(next.value.length);
      }
      return session.finish();
    });
    addCounts(totals, result);
    for (const id of result.unknownEmployees) unknown.add(id);
  }
  totals.unknownEmployees = [...unknown].sort().slice(0, UNKNOWN_LIST_LIMIT);
  return totals;
}
