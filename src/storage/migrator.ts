// Applies the frozen migrations from migrations/index.ts. A failed migration throws with its name and reason.
import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type MigrationResult,
  type MigrationProvider,
  type Migration,
  type TableMetadata,
} from 'kysely';
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

/**
 * Kysely's migrator asks whether its own tables exist by introspecting every table of every schema. That query
 * fails ("relation … does not exist") when another session drops a table meanwhile — scoring's scratch tables on
 * another replica, or another test file's schema — so a replica starting during a scoring run could refuse to
 * start. The migrator only needs to know about tables in its own schema: answer exactly that.
 */
function withScopedIntrospection(db: Kysely<unknown>, schema: string): Kysely<unknown> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: (options) => db.introspection.getMetadata(options),
    getTables: async (): Promise<TableMetadata[]> => {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
      return rows.map((row) => ({ name: row.name, schema, isView: false, columns: [] }));
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: methods must run with the real instance as `this`.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function migratorFor(db: Kysely<unknown>, schema: string): Migrator {
  return new Migrator({
    db: withScopedIntrospection(db, schema),
    provider: new RegistryProvider(),
    migrationTableSchema: schema,
    // Numbers are reserved per area (COORDINATION.md) and land in any order: a database that already applied 0014
    // must still accept 0008 when it lands later, instead of reporting the history as corrupted.
    allowUnorderedMigrations: true,
  });
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
