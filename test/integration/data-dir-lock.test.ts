// PGlite has no lock of its own; ours must stop a second process from opening the same data directory —
// with a clear message, and without touching the files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
        '(If none is running, the lock of one that crashed expires within 60 s.)\n',
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
});
