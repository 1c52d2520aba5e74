// Multi-row upserts in batches of 500, the one way the synthetic writer fills a table: ON CONFLICT on the row's
// natural key, the listed columns take the new values, so a rerun refreshes an organisation instead of failing.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { chunked } from '../storage/repositories/chunks.js';

const BATCH = 500;

type Table = keyof Database & string;
type Column<T extends Table> = keyof Database[T] & string;

export interface UpsertSpec<T extends Table> {
  table: T;
  /** The natural key a rerun collides on; empty ⇒ any unique constraint. */
  key: readonly Column<T>[];
  /** The columns a rerun refreshes; empty ⇒ a clash keeps the stored row. */
  refresh: readonly Column<T>[];
}

/** Stores `rows` in batches. */
export async function upsertInBatches<T extends Table>(
  db: Kysely<Database>,
  spec: UpsertSpec<T>,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (const batch of chunked(rows, BATCH)) await upsertBatch(db, spec, batch).execute();
}

/** Stores `rows` in batches and answers each stored row's id by its external id (teams, employees). */
export async function upsertIdsByExternalId<T extends 'teams' | 'employees'>(
  db: Kysely<Database>,
  spec: UpsertSpec<T>,
  rows: readonly Insertable<Database[T]>[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const batch of chunked(rows, BATCH)) {
    const stored = await upsertBatch(db, spec, batch).returning(['id', 'external_id']).execute();
    for (const row of stored) ids[row.external_id] = row.id;
  }
  return ids;
}

function upsertBatch<T extends Table>(db: Kysely<Database>, spec: UpsertSpec<T>, batch: Insertable<Database[T]>[]) {
  // Kysely types a query by a table known at compile time; here the table is the spec's, and the rows were typed
  // against it by the caller, so the builder is used through a table-agnostic view.
  const untyped = db as unknown as Kysely<Record<string, { id: string; external_id: string }>>;
  return untyped
    .insertInto(spec.table)
    .values(batch as never)
    .onConflict((oc) => {
      const target = spec.key.length > 0 ? oc.columns(spec.key as never) : oc;
      if (spec.refresh.length === 0) return target.doNothing();
      return target.doUpdateSet(Object.fromEntries(spec.refresh.map((c) => [c, sql.ref(`excluded.${c}`)])) as never);
    });
}
