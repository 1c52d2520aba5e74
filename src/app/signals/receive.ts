// Signals pushed by a caller (POST /api/v1/signals): a JSON batch or an NDJSON stream. Either everything valid is
// stored or, when any item is invalid (or the stream breaks off), nothing is written and the error lists every
// failing item and field (first 100). A caller limited to team sub-trees writes only about people in them: anyone
// else counts as unknown.
import type { Readable } from 'node:stream';
import type { SignalEvent } from '../../core/events.js';
import type { Access } from '../access/index.js';
import { InvalidInputError, PayloadTooLargeError } from '../errors.js';
import { ingestSignals, openIngestSession, type IngestInput, type IngestResult } from './ingest.js';
import {
  appendStaged,
  createUploadStaging,
  dropScratchTable,
  readStaged,
  type StagedLine,
} from '../../storage/repositories/scratch.js';
import { readLines } from './lines.js';
import { exitReasonCodes } from '../performance/exit-reasons.js';
import { validateSignalItem, type ItemError, type ValidateOptions } from './validate.js';

const MAX_DETAILS = 100;
/** Lines per staging INSERT and per page when storing; a batch also ends at STAGE_BATCH_BYTES of text. */
const STREAM_BATCH = 2000;
const STAGE_BATCH_BYTES = 4 * 1024 * 1024;

export interface ReceiveOptions {
  /** The dedupe namespace (default 'hr-api'). */
  source: string;
  now: Date;
  /** Raw-event retention (config.rawEventRetentionDays): older events are reported as expired, not stored. */
  retentionDays?: number;
}

/** What the caller is told: the ingestion's counts, without the internal rollup count. */
export type ReceiveSummary = Omit<IngestResult, 'rollupsRecomputed'>;

function summary(result: IngestResult): ReceiveSummary {
  const { rollupsRecomputed, ...told } = result;
  void rollupsRecomputed;
  return told;
}

function invalid(errors: ItemError[], invalidItems: number, total: number): InvalidInputError {
  const more = errors.length > MAX_DETAILS ? ` (first ${MAX_DETAILS} problems listed)` : '';
  return new InvalidInputError(
    `${invalidItems} of ${total} signals are invalid; nothing was stored${more}`,
    errors.slice(0, MAX_DETAILS),
  );
}

async function prepare(access: Access, options: ReceiveOptions) {
  access.require('signals.write');
  const tenant = await access.tenant();
  const people = await access.peopleFilter('signals');
  const validate: ValidateOptions = {
    now: options.now,
    timeZone: tenant.timezone,
    source: options.source,
    exitReasons: await exitReasonCodes(access.db, access.tenantId),
  };
  const ingest: Omit<IngestInput, 'events'> = {
    tenantId: access.tenantId,
    source: options.source,
    now: options.now,
    people,
    ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
  };
  return { validate, ingest };
}

/** A JSON batch `{ signals: [...] }` of at most `maxItems` items. */
export async function receiveSignalBatch(
  access: Access,
  signals: unknown,
  options: ReceiveOptions & { maxItems: number },
): Promise<ReceiveSummary> {
  const { validate, ingest } = await prepare(access, options);
  if (!Array.isArray(signals))
    throw new InvalidInputError('the body must be {"signals": [...]}', [
      { path: '/signals', message: 'must be an array' },
    ]);
  if (signals.length > options.maxItems) {
    throw new PayloadTooLargeError(
      `at most ${options.maxItems} signals per JSON request (got ${signals.length}); stream larger sets as application/x-ndjson`,
    );
  }
  const events: SignalEvent[] = [];
  const errors: ItemError[] = [];
  let invalidItems = 0;
  signals.forEach((item, index) => {
    const checked = validateSignalItem(item, validate, `/signals/${index}`);
    if (checked.ok) events.push(checked.event);
    else {
      invalidItems += 1;
      errors.push(...checked.errors);
    }
  });
  if (invalidItems > 0) throw invalid(errors, invalidItems, signals.length);
  return summary(await ingestSignals(access.db, { ...ingest, events }));
}

/**
 * An NDJSON stream, one item per line (paths `/lines/<n>/…`). A stream lasts as long as its client takes to send
 * it, so while it arrives nothing is held open: checked lines are staged in bounded batches, each INSERT its own
 * short statement, into an upload's scratch table. Only once the client has sent everything — and every line was
 * valid — are the staged lines stored, in one transaction that runs at the database's pace, so the request stays
 * all or nothing. A bad line, a dropped connection or a request timeout drops the staging table; so does the next
 * start, if the process dies meanwhile.
 */
export async function receiveSignalStream(
  access: Access,
  stream: Readable,
  options: ReceiveOptions & { maxLineBytes?: number },
): Promise<ReceiveSummary> {
  const { validate, ingest } = await prepare(access, options);
  const db = access.db;
  const table = await createUploadStaging(db);
  try {
    await stageLines(db, table, stream, validate, options.maxLineBytes);
    const result = await db.transaction().execute(async (trx) => {
      const session = await openIngestSession(trx, ingest);
      for (let after = 0; ;) {
        const page = await readStaged(trx, table, after, STREAM_BATCH);
        if (page.length === 0) break;
        await session.add(page.map((line) => restage(line, validate)));
        after = page[page.length - 1]!.line;
      }
      return session.finish();
    });
    return summary(result);
  } finally {
    await dropScratchTable(db, table);
  }
}

/** Reads and checks every line, staging the valid ones batch by batch; throws the complete 400 if any is bad. */
async function stageLines(
  db: Access['db'],
  table: string,
  stream: Readable,
  validate: ValidateOptions,
  maxLineBytes: number | undefined,
): Promise<void> {
  const errors: ItemError[] = [];
  let invalidItems = 0;
  let total = 0;
  let batch: StagedLine[] = [];
  let batchBytes = 0;
  for await (const line of readLines(stream, maxLineBytes)) {
    if (line.text.trim() === '') continue;
    total += 1;
    const prefix = `/lines/${line.number}`;
    let item: unknown;
    try {
      item = JSON.parse(line.text);
    } catch (error) {
      invalidItems += 1;
      if (errors.length < MAX_DETAILS)
        errors.push({ path: prefix, message: `malformed JSON: ${(error as Error).message}` });
      continue;
    }
    const checked = validateSignalItem(item, validate, prefix);
    if (!checked.ok) {
      invalidItems += 1;
      if (errors.length < MAX_DETAILS) errors.push(...checked.errors);
      continue;
    }
    // After the first bad line nothing more is staged; the rest is still checked so the 400 is complete.
    if (invalidItems > 0) continue;
    batch.push({ line: line.number, text: line.text });
    batchBytes += line.text.length;
    if (batch.length >= STREAM_BATCH || batchBytes >= STAGE_BATCH_BYTES) {
      await appendStaged(db, table, batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (invalidItems > 0) throw invalid(errors, invalidItems, total);
  await appendStaged(db, table, batch);
}

/** A staged line back as an event (it was checked when staged; the same check with the same clock). */
function restage(line: StagedLine, validate: ValidateOptions): SignalEvent {
  const checked = validateSignalItem(JSON.parse(line.text) as unknown, validate, `/lines/${line.line}`);
  if (!checked.ok) throw new Error(`staged line ${line.line} no longer passes its check`);
  return checked.event;
}
