// Planner hygiene for bulk ingestion inside one transaction: fresh statistics after a bulk load, JIT off for
// statements the planner overprices.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';

/**
 * A bulk load into a fresh table runs ahead of autovacuum: while the planner believes a table is (nearly) empty,
 * the recompute joins degrade to nested loops over whole days. Analyse a table when this transaction alone added
 * more than four times what its statistics know of (the planner scales later growth by the table's page count).
 */
export async function refreshStatistics(
  trx: Transaction<Database>,
  table: 'signal_events' | 'interaction_edges',
  added: number,
): Promise<void> {
  if (added < 1000) return;
  const stats = await sql<{
    reltuples: number;
  }>`select reltuples::float8 as reltuples from pg_class where oid = to_regclass(${table})`.execute(trx);
  const known = stats.rows[0]?.reltuples;
  if (known === undefined) return;
  if (known < 0 || added > 4 * known) await sql`analyze ${sql.id(table)}`.execute(trx);
}

/**
 * Runs the recompute with JIT compilation off. Its statements are many cheap per-key index lookups whose estimated
 * cost passes jit_above_cost from a few thousand keys on: compiling them took ≈ 30 ms a statement and saved nothing.
 * Transaction-local and restored afterwards (the caller's transaction may go on); not restored on failure, when the
 * transaction is aborted anyway.
 */
export async function withoutJit(
  trx: Transaction<Database>,
  enabled: boolean,
  work: () => Promise<void>,
): Promise<void> {
  if (!enabled) return work();
  const saved = await sql<{
    jit: string;
  }>`select current_setting('jit') as jit, set_config('jit', 'off', true)`.execute(trx);
  await work();
  await sql`select set_config('jit', ${saved.rows[0]?.jit ?? 'on'}, true)`.execute(trx);
}
