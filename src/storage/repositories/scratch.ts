// Scratch tables: UNLOGGED work tables a run creates and drops itself — the scoring aggregate (scoring_agg_*) and
// the staging of an NDJSON upload (signal_upload_*). A process killed mid-run leaves its table behind; the next
// start drops them. Their names carry their creation time, so on a shared PostgreSQL a starting replica drops only
// tables too old to belong to a run still going on elsewhere.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.js';

export type ScratchKind = 'scoring_agg' | 'signal_upload';

const NAME = /^(scoring_agg|signal_upload)_(?:([0-9a-z]{8,10})_)?[0-9a-z]+$/;

/** A fresh scratch table name: kind, creation time (ms, base 36), random suffix. */
export function scratchTableName(kind: ScratchKind, now: Date = new Date()): string {
  return `${kind}_${now.getTime().toString(36)}_${randomBytes(5).toString('hex')}`;
}

/**
 * Drops scratch tables in the current schema created before `olderThan` (all of them when undefined: this process
 * has the database to itself). Names without a creation time (an earlier version's) count as old. Returns the names.
 */
export async function dropStaleScratchTables(db: Db, olderThan?: Date): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and (tablename like 'scoring\\_agg\\_%' or tablename like 'signal\\_upload\\_%')
    order by tablename`.execute(db);
  const dropped: string[] = [];
  for (const { name } of tables.rows) {
    const match = NAME.exec(name);
    if (!match) continue;
    const created = match[2] ? parseInt(match[2], 36) : 0;
    if (olderThan && created >= olderThan.getTime()) continue;
    await sql`drop table if exists ${sql.id(name)}`.execute(db);
    dropped.push(name);
  }
  return dropped;
}
