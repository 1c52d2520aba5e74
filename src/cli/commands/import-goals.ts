// `teampulse import goals <file> --tenant <slug> [--json]`: team goals and individual results per period from a CSV
// (columns team, employee, period, target, actual, met) or a JSON file ({"goals": [...]} as POST /api/v1/goals takes).
// All or nothing: any bad row rejects the file with every problem listed.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Command } from 'commander';
import { importGoals, type GoalItem } from '../../app/performance/goals.js';
import { output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

function fromCsv(text: string): GoalItem[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => {
    const item: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === '') continue;
      if (key === 'target' || key === 'actual') item[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      else if (key === 'met') item[key] = /^(true|yes|1|met)$/i.test(value);
      else item[key] = value;
    }
    return item as unknown as GoalItem;
  });
}

export function registerImportGoals(importCommand: Command, io: CliIo): void {
  importCommand
    .command('goals')
    .description(
      'import team goals and individual results per period (CSV: team, employee, period, target, actual, met)',
    )
    .argument('<file>', 'a CSV file with a header row, or a JSON file {"goals": [...]}')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, opts: { tenant: string; json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      let items: GoalItem[];
      try {
        if (/^\s*[[{]/.test(text)) {
          const parsed = JSON.parse(text) as unknown;
          items = (Array.isArray(parsed) ? parsed : (parsed as { goals?: GoalItem[] }).goals) as GoalItem[];
          if (!Array.isArray(items)) throw new Error('expected {"goals": [...]}');
        } else items = fromCsv(text);
      } catch (error) {
        throw new CliError(`cannot parse ${file}: ${(error as Error).message}`);
      }
      await withOperator(io, opts.tenant, async ({ access }) => {
        const result = await importGoals(access, items);
        output(io, opts.json, result, `stored ${result.teams} team goals and ${result.people} individual results`);
      });
    });
}
