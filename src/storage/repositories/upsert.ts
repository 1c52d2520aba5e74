// Multi-row upserts in batches: ON CONFLICT on the row's natural key, the listed columns take the new values (and
// the "touched" column, if any, becomes now()), so a rewrite of the same key refreshes the stored row instead of
// failing. Used by the score writers and the synthetic organisation writer.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, Db } from '../database.js';
import { chunked } from './chunks.js';

type Table = keyof Database & string;
type Column<T extends Table> = keyof Database[T] & string;

export interface UpsertSpec<T extends Table> {
  table: T;
  /** The natural key a rewrite collides on; empty ⇒ any unique constraint. */
  key: readonly Column<T>[];
  /**
   * The columns a rewrite refreshes ('rest': every column the rows set but the key); empty (and no `touched`) ⇒ a
   * clash keeps the stored row.
   */
  refresh: readonly Column<T>[] | 'rest';
  /** A column a rewrite sets to now() (when the row was last written). */
  touched?: Column<T>;
  /** Rows per statement (500 unless given). */
  batch?: number;
}

const BATCH = 500;

/** Stores `rows` in batches. */
export async function upsertInBatches<T extends Table>(
  db: Db,
  spec: UpsertSpec<T>,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (const batch of chunked(rows, spec.batch ?? BATCH)) await upsertBatch(db, spec, batch).execute();
}

/** Stores `rows` in batches and answers each stored row's id by its external id (teams, employees). */
export async function upsertIdsByExternalId<T extends 'teams' | 'employees'>(
  db: Db,
  spec: UpsertSpec<T>,
  rows: readonly Insertable<Database[T]>[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const batch of chunked(rows, spec.batch ?? BATCH)) {
    const stored = await upsertBatch(db, spec, batch).returning(['id', 'external_id']).execute();
    for (const row of stored) ids[row.external_id] = row.id;
  }
  return ids;
}

function upsertBatch<T extends Table>(db: Db, spec: UpsertSpec<T>, batch: Insertable<Database[T]>[]) {
  // Kysely types a query by a table known at compile time; here the table is the spec's, and the rows were typed
  // against it by the caller, so the builder is used through a table-agnostic view.
  const untyped = db as unknown as Kysely<Record<string, { id: string; external_id: string }>>;
  const refresh =
    spec.refresh === 'rest' ? Object.keys(batch[0]!).filter((c) => !spec.key.includes(c as Column<T>)) : spec.refresh;
  const set: Record<string, unknown> = Object.fromEntries(refresh.map((c) => [c, sql.ref(`excluded.${c}`)]));
  if (spec.touched) set[spec.touched] = sql`now()`;
  return untyped
    .insertInto(spec.table)
    .values(batch as never)
    .onConflict((oc) => {
      const target = spec.key.length > 0 ? oc.columns(spec.key as never) : oc;
      if (Object.keys(set).length === 0) return target.doNothing();
      return target.doUpdateSet(set as never);
    });
}
