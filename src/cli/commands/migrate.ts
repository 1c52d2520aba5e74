import type { Command } from 'commander';
import type { CliIo } from '../context.js';
import { withDatabase } from '../context.js';

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      // withDatabase applies the migrations; report what is current afterwards.
      await withDatabase(io, async ({ handle }) => {
        io.stdout.write(`database is up to date (${handle.dialect})\n`);
      });
    });
}
