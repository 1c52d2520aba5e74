// The database as the edges see it: opened and brought up to date for a CLI verb (closed again if that fails), and
// the readiness the /readyz probe reports. src/cli and src/http call these instead of storage directly.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../storage/db.js';
import { migrateToLatest, pendingMigrations } from '../storage/migrator.js';

export interface MigratedDatabase {
  handle: DatabaseHandle;
  /** Migrations this call applied (usually none). */
  applied: string[];
}

/** Opens the database (or takes the caller's opener, as tests do) and applies pending migrations. */
export async function openMigratedDatabase(
  options: OpenDatabaseOptions,
  open: (options: OpenDatabaseOptions) => Promise<DatabaseHandle> = openDatabase,
): Promise<MigratedDatabase> {
  const handle = await open(options);
  try {
    const applied = await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    return { handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Throws when the database does not answer; otherwise the migrations it still lacks (none ⇒ ready). */
export async function pendingMigrationsOf(db: Kysely<Database>, schema: string): Promise<string[]> {
  await sql`select 1`.execute(db);
  return pendingMigrations(db as Kysely<unknown>, schema);
}
