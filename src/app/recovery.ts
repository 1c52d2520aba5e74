// What a start does about a previous process that was killed mid-run (kill -9, OOM, a lost machine). Scoring days,
// imports and uploads are transactions, so nothing half-written stays visible; what can stay behind is scratch: the
// work tables of a scoring run or an NDJSON upload. Slots of scheduled jobs left 'running' are the scheduler's
// (leases, src/scheduler).
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { dropStaleScratchTables } from '../storage/repositories/scratch.js';

/** A run on another replica never keeps its scratch table longer than this (plus the longest request). */
export const SCRATCH_GRACE_MS = 60 * 60_000;

export interface ScratchSweepOptions {
  /** This process has the database to itself (PGlite): every scratch table is a dead process's. */
  exclusive: boolean;
  /** The longest a request may take (config.requestTimeoutMs; 0: unlimited): uploads stage for that long. */
  requestTimeoutMs?: number;
  now?: Date;
}

/** Drops the scratch tables of runs that cannot still be going on; returns their names. */
export async function dropScratchLeftByCrash(db: Kysely<Database>, options: ScratchSweepOptions): Promise<string[]> {
  if (options.exclusive) return dropStaleScratchTables(db);
  const requestTimeoutMs = options.requestTimeoutMs ?? 0;
  // With no request limit an upload could stage for any time: only the scoring grace is certain then.
  const graceMs = SCRATCH_GRACE_MS + (requestTimeoutMs > 0 ? requestTimeoutMs : 0);
  const now = options.now ?? new Date();
  return dropStaleScratchTables(db, new Date(now.getTime() - graceMs));
}
