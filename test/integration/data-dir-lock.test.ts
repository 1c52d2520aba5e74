// PGlite has no lock of its own; ours must stop a second process from opening the same data directory —
// with a clear message, and without touching the files.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { DataDirLockedError, lockDataDir } from '../../src/storage/data-dir-lock.js';
import { childEnv, spawnTeampulse } from '../helpers/spawn.js';

/** A fingerprint of every file under dir (paths and contents). */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

// Spawned processes start slowly on a loaded 2-core machine (this file once timed out at 30 s): generous timeouts.
describe('PGlite data-directory lock', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teampulse-lock-'));
    const handle = await openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    await handle.db
      .insertInto('tenants')
      .values({ slug: 'acme', name: 'Acme', locale: 'en', timezone: 'UTC', legal_entity: null })
      .execute();
    await handle.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder in the same process', async () => {
    const lock = await lockDataDir(dir);
    try {
      await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another teampulse process/);
    } finally {
      await lock.release();
    }
  });

  it('makes a second process exit non-zero with a clear line, leaving the data untouched', async () => {
    const before = fingerprint(join(dir, 'pglite'));
    const lock = await lockDataDir(dir);
    let result;
    let output;
    try {
      const run = spawnTeampulse(['migrate'], childEnv({ TEAMPULSE_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
      result = await run.exited;
      output = run.output();
    } finally {
      await lock.release();
    }
    expect(result.code).toBe(1);
    expect(output.stderr).toBe(
      `teampulse: the data directory ${dir} is in use by another teampulse process (is "npm start" running?). ` +
        'Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes at once. ' +
        '(A lock left by a process that died on this machine is taken over at once; ' +
        'one from another machine expires within 60 s.)\n',
    );
    expect(output.stdout).toBe('');
    expect(fingerprint(join(dir, 'pglite'))).toBe(before);

    // Once the lock is free, the same command works and the data is all there.
    const again = spawnTeampulse(['migrate'], childEnv({ TEAMPULSE_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    expect((await again.exited).code).toBe(0);
    expect(again.output().stdout).toMatch(/up to date \(pglite\)/);
    const handle = await openDatabase({ dataDir: dir });
    try {
      expect(await handle.db.selectFrom('tenants').select('slug').execute()).toEqual([{ slug: 'acme' }]);
    } finally {
      await handle.close();
    }
  });

  // A holder killed with -9 leaves its lock directory behind, fresh (its heartbeat ran until the end). Its pid is
  // gone, so the next start takes the lock at once instead of refusing for 60 s.
  describe('a lock left by a killed process', () => {
    const plant = (pid: number) => {
      const lockDir = join(dir, 'teampulse.lock');
      rmSync(lockDir, { recursive: true, force: true });
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner.json'), JSON.stringify({ pid, host: hostname() }));
      return lockDir;
    };
    const child = () => spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)'], { stdio: 'ignore' });

    it('is taken over at once when its pid is gone', async () => {
      const dead = child();
      const pid = dead.pid!;
      dead.kill('SIGKILL');
      await new Promise((resolve) => dead.once('exit', resolve));
      const lockDir = plant(pid);
      const started = Date.now();
      const handle = await openDatabase({ dataDir: dir });
      try {
        expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s stale time
        expect(await handle.db.selectFrom('tenants').select('slug').execute()).toEqual([{ slug: 'acme' }]);
        expect(JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'))).toEqual({
          pid: process.pid,
          host: hostname(),
        });
      } finally {
        await handle.close();
      }
      expect(existsSync(lockDir)).toBe(false); // released with its owner file
    });

    it('is respected while its pid is alive', async () => {
      const alive = child();
      try {
        plant(alive.pid!);
        await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      } finally {
        alive.kill('SIGKILL');
        rmSync(join(dir, 'teampulse.lock'), { recursive: true, force: true });
      }
    });
  });
});
