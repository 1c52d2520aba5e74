import type { Command } from 'commander';
import type { CliIo } from '../context.js';
import { output, withDatabase } from '../context.js';

export function registerMigrate(command: Command, io: CliIo): void {
  command
    .option('--json', 'print the dialect and the migrations applied as JSON')
    .action(async (opts: { json?: boolean }) => {
      // withDatabase applies the migrations; report what it did.
      await withDatabase(io, async ({ handle, applied }) => {
        const text = applied.length
          ? `applied ${applied.join(', ')}; database is up to date (${handle.dialect})`
          : `database is up to date (${handle.dialect})`;
        output(io, opts.json, { dialect: handle.dialect, applied, upToDate: true }, text);
      });
    });
}
