// `teampulse import employees <file.csv> --tenant <slug> [--json]`: the whole file in one transaction.
// A file with bad rows is rejected whole, each bad line listed; nothing is written.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { importEmployeesCsv, type CsvProblem } from '../../app/directory/index.js';

export function registerImportEmployees(importCommand: Command, io: CliIo): void {
  importCommand
    .command('employees')
    .description(
      'import teams and employees from a CSV file (columns: external_id, name, email, team, team_parent, ' +
        'manager_external_id, hire_date, slack_id, dingtalk_id, wecom_id)',
    )
    .argument('<file.csv>', 'CSV file with a header row')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, opts: { tenant: string; json?: boolean }) => {
      const json = opts.json === true;
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const text = decode(bytes, io);
      await withOperator(io, opts.tenant, async ({ access, tenant }) => {
        const reject = (problems: CsvProblem[]): never => {
          if (json) output(io, json, { ok: false, file: basename(file), tenant: tenant.slug, errors: problems }, '');
          else
            for (const p of problems)
              io.stderr.write(`line ${p.line}: ${p.column ? `${p.column}: ` : ''}${p.message}\n`);
          const lines = new Set(problems.map((p) => p.line)).size;
          throw new CliError(
            `${basename(file)} rejected: ${lines} bad line${lines === 1 ? '' : 's'}; nothing was written`,
          );
        };

        const bar = io.stderr.isTTY
          ? new cliProgress.SingleBar(
              { stream: io.stderr, format: 'importing [{bar}] {value}/{total} rows', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        let started = false;
        const progress = (done: number, total: number) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        };
        const outcome = await importEmployeesCsv(access, text, progress).finally(() => bar?.stop());
        if (!outcome.ok) return reject(outcome.problems);
        const summary = {
          ok: true,
          file: basename(file),
          tenant: tenant.slug,
          rows: outcome.rows,
          teams: outcome.teams,
          employees: outcome.employees,
        };
        const c = (x: { created: number; updated: number; unchanged: number }) =>
          `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`;
        output(
          io,
          json,
          summary,
          `imported ${summary.file} into ${tenant.slug}: employees ${c(outcome.employees)}; teams ${c(outcome.teams)}`,
        );
      });
    });
}

/**
 * UTF-8 (with or without BOM) is expected; Excel in zh-CN saves "CSV" as GBK, so a file that is not valid UTF-8
 * is read as GB18030 (a superset of GBK) and the user is told.
 */
function decode(bytes: Buffer, io: CliIo): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    io.stderr.write('note: the file is not UTF-8; reading it as GB18030/GBK (Excel "CSV" in Chinese locales)\n');
    return new TextDecoder('gb18030').decode(bytes);
  }
}
