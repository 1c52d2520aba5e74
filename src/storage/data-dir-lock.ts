// PGlite has no lock of its own: two processes on one data directory corrupt it. We take a lock file
// (proper-lockfile: atomic mkdir + heartbeat, stale after the holder dies) and refuse a second process.
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock whose holder stopped refreshing it for this long is taken over (the holder crashed). Generous, because a
 * long synchronous PGlite (WASM) query also delays the refresh, and taking over a live lock would corrupt data. */
const STALE_MS = 60_000;

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `the data directory ${dataDir} is in use by another teampulse process (is "npm start" running?). ` +
        `Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes at once. ` +
        `(If none is running, the lock of one that crashed expires within ${STALE_MS / 1000} s.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'teampulse.lock'),
      stale: STALE_MS,
      update: STALE_MS / 3,
      realpath: false,
      // If the heartbeat is lost (e.g. the machine slept), keep running: we still hold the only handle.
      onCompromised: () => undefined,
    });
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await release().catch(() => undefined);
      },
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}
