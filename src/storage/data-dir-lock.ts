// PGlite has no lock of its own: two processes on one data directory corrupt it. We take a lock file
// (proper-lockfile: atomic mkdir + heartbeat, stale after the holder dies) and refuse a second process.
// The holder writes its pid and host into the lock, so a lock left by a process that was killed (kill -9, OOM) on
// this machine is recognised at once — its pid is gone — instead of after the heartbeat's stale time.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock whose holder stopped refreshing it for this long is taken over (the holder crashed). Generous, because a
 * long synchronous PGlite (WASM) query also delays the refresh, and taking over a live lock would corrupt data.
 * Only needed when the holder's pid cannot be checked (another host sharing the directory, an older lock). */
const STALE_MS = 60_000;
const LOCK_NAME = 'teampulse.lock';
const OWNER_FILE = 'owner.json';

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `the data directory ${dataDir} is in use by another teampulse process (is "npm start" running?). ` +
        `Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes at once. ` +
        `(A lock left by a process that died on this machine is taken over at once; ` +
        `one from another machine expires within ${STALE_MS / 1000} s.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface Owner {
  pid: number;
  host: string;
}

function readOwner(lockDir: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(lockDir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : undefined;
  } catch {
    // No owner file yet (a holder between its mkdir and its write, or an older version): not provably dead.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else — alive as far as we can tell.
    return (error as { code?: string }).code !== 'ESRCH';
  }
}

/**
 * Moves a lock whose holder is provably dead out of the way. The lock is renamed (atomic) rather than deleted, and
 * the renamed copy checked: if another starter replaced the dead lock with its own live one in between, it is
 * put back and we report the directory as locked.
 */
function breakDeadLock(lockDir: string): boolean {
  const owner = readOwner(lockDir);
  if (!owner || owner.host !== hostname() || owner.pid === process.pid || isAlive(owner.pid)) return false;
  const tomb = `${lockDir}.dead-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockDir, tomb);
  } catch {
    return false;
  }
  const moved = readOwner(tomb);
  if (moved?.pid !== owner.pid || moved.host !== owner.host) {
    try {
      renameSync(tomb, lockDir);
    } catch {
      // Someone took the directory meanwhile; the moved lock was live, so theirs is the one to respect.
    }
    return false;
  }
  rmSync(tomb, { recursive: true, force: true });
  return true;
}

/** proper-lockfile removes its lock directory with rmdir; ours holds the owner file, so removal is recursive. */
const lockFs = {
  ...fs,
  rmdir: (path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.rm(path, { recursive: true, force: true }, callback),
  rmdirSync: (path: fs.PathLike) => fs.rmSync(path, { recursive: true, force: true }),
};

async function acquire(dataDir: string, lockDir: string): Promise<() => Promise<void>> {
  return lockfile.lock(dataDir, {
    fs: lockFs,
    lockfilePath: lockDir,
    stale: STALE_MS,
    update: STALE_MS / 3,
    realpath: false,
    // If the heartbeat is lost (e.g. the machine slept), keep running: we still hold the only handle.
    onCompromised: () => undefined,
  });
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockDir = join(dataDir, LOCK_NAME);
  let release: () => Promise<void>;
  try {
    try {
      release = await acquire(dataDir, lockDir);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED' || !breakDeadLock(lockDir)) throw error;
      release = await acquire(dataDir, lockDir);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
  const owner: Owner = { pid: process.pid, host: hostname() };
  // Writing the owner file changes the lock directory's mtime, which proper-lockfile's heartbeat reads as another
  // process having taken the lock: it then stops refreshing and the release leaves the lock behind (seen once the
  // event loop ran freely for 20 s while a child process initialised the database). Put the mtime back.
  const { atime, mtime } = statSync(lockDir);
  writeFileSync(join(lockDir, OWNER_FILE), JSON.stringify(owner));
  utimesSync(lockDir, atime, mtime);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await release().catch(() => undefined);
    },
  };
}
