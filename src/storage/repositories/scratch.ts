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

/** A staged line of an upload: its 1-based line number and its text (checked already). */
export interface StagedLine {
  line: number;
  text: string;
}

/** Creates an upload's staging table (UNLOGGED scratch, dropped by the caller or at the next start). */
export async function createUploadStaging(db: Db): Promise<string> {
  const table = scratchTableName('signal_upload');
  await sql`create unlogged table ${sql.id(table)} (line integer primary key, item text not null)`.execute(db);
  return table;
}

/** Appends lines in one statement (its own short transaction when `db` is not one). */
export async function appendStaged(db: Db, table: string, lines: readonly StagedLine[]): Promise<void> {
  if (lines.length === 0) return;
  await sql`
    insert into ${sql.id(table)} (line, item)
    select * from unnest(${lines.map((l) => l.line)}::int[], ${lines.map((l) => l.text)}::text[])`.execute(db);
}

/** One page of staged lines after `afterLine`, in line order. */
export async function readStaged(db: Db, table: string, afterLine: number, limit: number): Promise<StagedLine[]> {
  const rows = await sql<{ line: number; item: string }>`
    select line, item from ${sql.id(table)} where line > ${afterLine} order by line limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ line: Number(r.line), text: r.item }));
}

export async function dropScratchTable(db: Db, table: string): Promise<void> {
  await sql`drop table if exists ${sql.id(table)}`.execute(db);
}
