import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig(process.env);
      const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await handle.close();
      }
    });
}
