// Applies the frozen migrations from migrations/index.ts. A failed migration throws with its name and reason.
import { Migrator, type Kysely, type MigrationResult, type MigrationProvider, type Migration } from 'kysely';
import { migrations } from '../../migrations/index.js';

class RegistryProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    readonly reason: unknown,
  ) {
    const why = reason instanceof Error ? reason.message : String(reason);
    super(migrationName ? `migration ${migrationName} failed: ${why}` : `migrations failed: ${why}`);
    this.name = 'MigrationError';
  }
}

function migratorFor(db: Kysely<unknown>, schema: string): Migrator {
  return new Migrator({ db, provider: new RegistryProvider(), migrationTableSchema: schema });
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<unknown>, schema = 'public'): Promise<string[]> {
  const { error, results } = await migratorFor(db, schema).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of known migrations not yet applied (empty ⇒ the schema is current). */
export async function pendingMigrations(db: Kysely<unknown>, schema = 'public'): Promise<string[]> {
  const list = await migratorFor(db, schema).getMigrations();
  return list.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export const knownMigrationNames = (): string[] => Object.keys(migrations);
