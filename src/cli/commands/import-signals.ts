// `teampulse import signals <file.ndjson|file.csv> --tenant <slug> [--source import] [--skip-invalid] [--json]`
// All or nothing, in two passes over the file: the first checks every line (any bad line ⇒ the lines are listed,
// exit 1, nothing written — unless --skip-invalid), the second streams the valid rows in batches through the same
// ingestion path as the HTTP API inside ONE transaction, so a failure while loading (a management cycle, the
// database going away) leaves nothing behind either.
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { exitReasonCodes } from '../../app/performance/exit-reasons.js';
import type { Kysely } from 'kysely';
import { parse } from 'csv-parse';
import cliProgress from 'cli-progress';
import type { SignalEvent } from '../../core/events.js';
import type { Database } from '../../storage/database.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { ingestStream, type IngestInput, type IngestResult } from '../../app/signals/ingest.js';
import { readLines } from '../../app/signals/lines.js';
import {
  csvRowToItem,
  SIGNAL_FIELDS,
  SOURCE_PATTERN,
  validateSignalItem,
  type ItemError,
  type ValidateOptions,
} from '../../app/signals/validate.js';
import { AppError } from '../../app/errors.js';
import { requireTenant } from '../../app/directory/index.js';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

// Rows per stored batch (one INSERT … unnest each); the touched days are recomputed once, at the end.
const BATCH = 5000;
const LISTED_BAD_LINES = 1000;

interface RawItem {
  line: number;
  item?: unknown;
  error?: ItemError;
}

interface BadLine {
  line: number;
  path: string;
  message: string;
}

/** What the first pass found: every line counted, the bad ones numbered (the first LISTED_BAD_LINES listed). */
interface FileCheck {
  rows: number;
  badCount: number;
  badLines: BadLine[];
  badLineNumbers: Set<number>;
}

interface ImportOptions {
  tenant: string;
  source: string;
  skipInvalid?: boolean;
  json?: boolean;
}

/** Items of an NDJSON or CSV file with their line numbers; unparseable lines come back as errors. */
async function* readItems(file: string): AsyncGenerator<RawItem> {
  if (extname(file).toLowerCase() === '.csv') {
    const parser = createReadStream(file).pipe(
      parse({
        bom: true,
        info: true,
        skip_empty_lines: true,
        columns: (header: string[]) => {
          const unknown = header.filter((h) => h !== 'kind' && !SIGNAL_FIELDS.includes(h));
          if (unknown.length)
            throw new CliError(
              `${basename(file)}: unknown CSV column(s) ${unknown.join(', ')} (known: ${SIGNAL_FIELDS.join(', ')})`,
            );
          return header;
        },
      }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        yield { line: info.lines, item: csvRowToItem(record) };
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${basename(file)}: ${(error as Error).message}`);
    }
    return;
  }
  for await (const line of readLines(createReadStream(file))) {
    if (line.text.trim() === '') continue;
    try {
      yield { line: line.number, item: JSON.parse(line.text) };
    } catch (error) {
      yield { line: line.number, error: { path: '/', message: `malformed JSON: ${(error as Error).message}` } };
    }
  }
}

export function registerImportSignals(importCommand: Command, io: CliIo): void {
  importCommand
    .command('signals <file>')
    .description('import HR signals from an NDJSON or CSV file (same fields as POST /api/v1/signals)')
    .requiredOption('--tenant <slug>', 'the tenant the signals belong to')
    .option('--source <name>', 'dedupe namespace: ids are unique per source', 'import')
    .option('--skip-invalid', 'load the valid lines even when some are bad (they are still listed)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      if (!SOURCE_PATTERN.test(opts.source))
        throw new CliError('--source must be lower-case letters, digits, ".", "_" or "-" (at most 64)');
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
      } catch {
        throw new CliError(`cannot read ${file}`);
      }
      await withDatabase(io, async ({ db, config }) => {
        const tenant = await requireTenant(db, opts.tenant);
        const locale: Locale = tenant.locale;
        const now = new Date();
        const validateOptions = {
          now,
          timeZone: tenant.timezone,
          source: opts.source,
          exitReasons: await exitReasonCodes(db, tenant.id),
        };

        const check = await checkFile(file, validateOptions);
        if (check.badCount > 0 && !opts.skipInvalid) {
          if (opts.json)
            output(
              io,
              true,
              { file, imported: false, rows: check.rows, badLines: check.badCount, errors: check.badLines },
              '',
            );
          else listBadLines(io, locale, check);
          throw new CliError(t(locale, 'signals.import.rejected', { bad: check.badCount }));
        }

        const started = process.hrtime.bigint();
        let totals: IngestResult;
        try {
          totals = await loadFile(
            db,
            { tenantId: tenant.id, source: opts.source, now, retentionDays: config.rawEventRetentionDays },
            file,
            validateOptions,
            check,
            io,
          );
        } catch (error) {
          // Mapped errors (AppError) already say what to fix; anything else is said in one line, not a stack.
          if (error instanceof AppError || error instanceof CliError) throw error;
          throw new CliError(t(locale, 'signals.import.failed', { reason: (error as Error).message ?? String(error) }));
        }
        const rate = Math.round(
          (check.rows - check.badCount) / Math.max(Number(process.hrtime.bigint() - started) / 1e9, 0.001),
        );
        if (!opts.json) listBadLines(io, locale, check);
        output(
          io,
          opts.json,
          summaryOf(file, opts, check, totals, rate),
          summaryText(locale, file, check, totals, rate),
        );
      });
    });
}

/** Pass 1: checks every line; nothing is written. */
async function checkFile(file: string, options: ValidateOptions): Promise<FileCheck> {
  const check: FileCheck = { rows: 0, badCount: 0, badLines: [], badLineNumbers: new Set() };
  for await (const raw of readItems(file)) {
    check.rows += 1;
    const errors = raw.error ? [raw.error] : validateOrErrors(raw.item, options);
    if (errors.length === 0) continue;
    check.badCount += 1;
    check.badLineNumbers.add(raw.line);
    for (const error of errors)
      if (check.badLines.length < LISTED_BAD_LINES) check.badLines.push({ line: raw.line, ...error });
  }
  return check;
}

/** Pass 2: streams the valid rows in batches into one transaction (all or nothing), with a progress bar on a TTY. */
async function loadFile(
  db: Kysely<Database>,
  input: Omit<IngestInput, 'events'>,
  file: string,
  options: ValidateOptions,
  check: FileCheck,
  io: CliIo,
): Promise<IngestResult> {
  const bar = progressBar(io, check.rows - check.badCount);
  const started = process.hrtime.bigint();
  let done = 0;
  async function* validBatches(): AsyncGenerator<SignalEvent[]> {
    let batch: SignalEvent[] = [];
    for await (const raw of readItems(file)) {
      if (check.badLineNumbers.has(raw.line) || raw.error) continue;
      const checked = validateSignalItem(raw.item, options);
      if (!checked.ok) continue;
      batch.push(checked.event);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  try {
    return await ingestStream(db, input, validBatches(), {
      rowsPerTransaction: Number.POSITIVE_INFINITY,
      onBatch: (n) => {
        done += n;
        const seconds = Math.max(Number(process.hrtime.bigint() - started) / 1e9, 0.001);
        bar?.update(done, { speed: Math.round(done / seconds).toString() });
      },
    });
  } finally {
    bar?.stop();
  }
}

function progressBar(io: CliIo, total: number): cliProgress.SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: 'signals |{bar}| {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { speed: '0' });
  return bar;
}

function listBadLines(io: CliIo, locale: Locale, check: FileCheck): void {
  for (const bad of check.badLines)
    io.stderr.write(
      `${t(locale, 'signals.import.badLine', { line: String(bad.line), path: bad.path, message: bad.message })}\n`,
    );
  const listedLines = new Set(check.badLines.map((b) => b.line)).size;
  if (check.badCount > listedLines)
    io.stderr.write(`${t(locale, 'signals.import.moreBadLines', { count: check.badCount - listedLines })}\n`);
}

function summaryOf(file: string, opts: ImportOptions, check: FileCheck, totals: IngestResult, rate: number) {
  return {
    file,
    tenant: opts.tenant,
    source: opts.source,
    imported: true,
    rows: check.rows,
    accepted: totals.accepted,
    duplicates: totals.duplicates,
    skippedUnknown: totals.skippedUnknown,
    expired: totals.expired,
    unknownEmployees: totals.unknownEmployees,
    badLines: check.badCount,
    errors: check.badLines,
    rowsPerSecond: rate,
  };
}

function summaryText(locale: Locale, file: string, check: FileCheck, totals: IngestResult, rate: number): string {
  const lines = [
    t(locale, 'signals.import.summary', {
      file: basename(file),
      rows: check.rows,
      accepted: totals.accepted,
      duplicates: totals.duplicates,
      unknown: totals.skippedUnknown,
      expired: totals.expired,
      bad: check.badCount,
      rate,
    }),
  ];
  const unknown = totals.unknownEmployees;
  if (unknown.length)
    lines.push(
      t(locale, 'signals.import.unknownEmployees', {
        ids: unknown.slice(0, 50).join(', ') + (unknown.length > 50 ? ', …' : ''),
      }),
    );
  return lines.join('\n');
}

function validateOrErrors(item: unknown, options: ValidateOptions): ItemError[] {
  const checked = validateSignalItem(item, options);
  return checked.ok ? [] : checked.errors;
}
