// `teampulse import signals <file.ndjson|file.csv> --tenant <slug> [--source import] [--skip-invalid] [--json]`
// Two passes over the file: the first checks every line (nothing is written if any is bad, unless --skip-invalid),
// the second streams the valid rows in batches through the same ingestion path as the HTTP API, in transactions of
// 100k rows — an interrupted import is simply run again (event ids make re-imports no-ops).
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import cliProgress from 'cli-progress';
import type { SignalEvent } from '../../core/events.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { ingestStream, type IngestResult } from '../../app/signals/ingest.js';
import { readLines } from '../../app/signals/lines.js';
import { csvRowToItem, SIGNAL_FIELDS, validateSignalItem, type ItemError } from '../../app/signals/validate.js';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

// Rows per stored batch (one INSERT … unnest each). ingestStream groups batches into transactions of 100k rows and
// recomputes the touched days once per transaction.
const BATCH = 5000;
const LISTED_BAD_LINES = 1000;
const SOURCE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

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
    .action(async (file: string, opts: { tenant: string; source: string; skipInvalid?: boolean; json?: boolean }) => {
      if (!SOURCE.test(opts.source))
        throw new CliError('--source must be lower-case letters, digits, ".", "_" or "-" (at most 64)');
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
      } catch {
        throw new CliError(`cannot read ${file}`);
      }
      await withDatabase(io, async ({ db, config }) => {
        const tenant = await db
          .selectFrom('tenants')
          .select(['id', 'timezone', 'locale'])
          .where('slug', '=', opts.tenant)
          .executeTakeFirst();
        if (!tenant) throw new CliError(`no tenant with slug "${opts.tenant}"`);
        const locale: Locale = tenant.locale;
        const now = new Date();
        const validateOptions = { now, timeZone: tenant.timezone, source: opts.source };

        // Pass 1: check every line.
        const badLines: BadLine[] = [];
        let badCount = 0;
        let rows = 0;
        const badLineNumbers = new Set<number>();
        for await (const raw of readItems(file)) {
          rows += 1;
          const errors = raw.error ? [raw.error] : validateOrErrors(raw.item, validateOptions);
          if (errors.length === 0) continue;
          badCount += 1;
          badLineNumbers.add(raw.line);
          for (const error of errors)
            if (badLines.length < LISTED_BAD_LINES) badLines.push({ line: raw.line, ...error });
        }

        const listBadLines = () => {
          if (opts.json) return;
          for (const bad of badLines)
            io.stderr.write(
              `${t(locale, 'signals.import.badLine', { line: String(bad.line), path: bad.path, message: bad.message })}\n`,
            );
          const listedLines = new Set(badLines.map((b) => b.line)).size;
          if (badCount > listedLines)
            io.stderr.write(`${t(locale, 'signals.import.moreBadLines', { count: badCount - listedLines })}\n`);
        };

        if (badCount > 0 && !opts.skipInvalid) {
          listBadLines();
          if (opts.json) output(io, true, { file, imported: false, rows, badLines: badCount, errors: badLines }, '');
          throw new CliError(t(locale, 'signals.import.rejected', { bad: badCount }));
        }

        // Pass 2: stream the valid rows in batches.
        const valid = rows - badCount;
        const bar = io.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                stream: io.stderr as NodeJS.WritableStream,
                format: 'signals |{bar}| {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}',
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(valid, 0, { speed: '0' });
        const started = process.hrtime.bigint();
        const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
        let done = 0;
        async function* validBatches(): AsyncGenerator<SignalEvent[]> {
          let batch: SignalEvent[] = [];
          for await (const raw of readItems(file)) {
            if (badLineNumbers.has(raw.line) || raw.error) continue;
            const checked = validateSignalItem(raw.item, validateOptions);
            if (!checked.ok) continue;
            batch.push(checked.event);
            if (batch.length >= BATCH) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length > 0) yield batch;
        }
        let totals: IngestResult;
        try {
          totals = await ingestStream(
            db,
            { tenantId: tenant.id, source: opts.source, now, retentionDays: config.rawEventRetentionDays },
            validBatches(),
            {
              onBatch: (n) => {
                done += n;
                bar?.update(done, { speed: Math.round(done / Math.max(elapsed(), 0.001)).toString() });
              },
            },
          );
        } finally {
          bar?.stop();
        }

        const rate = Math.round(done / Math.max(elapsed(), 0.001));
        const unknownEmployees = totals.unknownEmployees;
        listBadLines();
        const summary = {
          file,
          tenant: opts.tenant,
          source: opts.source,
          imported: true,
          rows,
          accepted: totals.accepted,
          duplicates: totals.duplicates,
          skippedUnknown: totals.skippedUnknown,
          expired: totals.expired,
          unknownEmployees,
          badLines: badCount,
          errors: badLines,
          rowsPerSecond: rate,
        };
        const lines = [
          t(locale, 'signals.import.summary', {
            file: basename(file),
            rows,
            accepted: totals.accepted,
            duplicates: totals.duplicates,
            unknown: totals.skippedUnknown,
            expired: totals.expired,
            bad: badCount,
            rate,
          }),
        ];
        if (unknownEmployees.length)
          lines.push(
            t(locale, 'signals.import.unknownEmployees', {
              ids: unknownEmployees.slice(0, 50).join(', ') + (unknownEmployees.length > 50 ? ', …' : ''),
            }),
          );
        output(io, opts.json, summary, lines.join('\n'));
      });
    });
}

function validateOrErrors(item: unknown, options: { now: Date; timeZone: string; source: string }): ItemError[] {
  const checked = validateSignalItem(item, options);
  return checked.ok ? [] : checked.errors;
}
