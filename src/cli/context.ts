// Shared plumbing for CLI verbs: read the configuration once, open and migrate the database, close it after.
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrator.js';
import type { Database } from '../storage/database.js';

export interface CliContext {
  config: Config;
  handle: DatabaseHandle;
  db: Kysely<Database>;
}

export async function withDatabase<T>(fn: (ctx: CliContext) => Promise<T>, env = process.env): Promise<T> {
  const config = loadConfig(env);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    return await fn({ config, handle, db: handle.db });
  } finally {
    await handle.close();
  }
}

/** Writes to stdout as JSON (for --json) or as text. */
export function output(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}
