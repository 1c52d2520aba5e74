// Opening the database for a unit of work outside the service (a CLI verb): open it, bring the schema up to date,
// and close it again if that fails. The edges (src/cli) call this instead of storage directly.
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrator.js';

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
