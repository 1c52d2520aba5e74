// Shared plumbing for CLI verbs. The I/O (env, stdout, stderr, stdin, database opener) is injected so tests
// run verbs in-process against their own database; the real process passes its own.
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrator.js';
import type { Database } from '../storage/database.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Tests inject their own database; the CLI otherwise opens the configured one. */
  openDatabase?: (config: Config) => Promise<DatabaseHandle>;
}

export const processIo = (): CliIo => ({
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

export interface CliContext {
  io: CliIo;
  config: Config;
  handle: DatabaseHandle;
  db: Kysely<Database>;
  /** Migrations applied by this invocation (usually none). */
  applied: string[];
}

export async function withDatabase<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const handle = io.openDatabase
    ? await io.openDatabase(config)
    : await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    return await fn({ io, config, handle, db: handle.db, applied });
  } finally {
    await handle.close();
  }
}

/** Writes to stdout as JSON (for --json) or as text. */
export function output(io: CliIo, json: boolean, value: unknown, text: string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}
