// The embedded database's start-up footprint (issue 18, P5): a new data directory is initialised by a child process
// (its initdb memory leaves with it), and a chain of queries lets the event loop run between them (requests and
// timers are served while Demo Co is built). Always PGlite: both are about the embedded database.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import {
  buildTemplate,
  copyTemplate,
  initialiseInChild,
  installedPgliteVersion,
  isInitialised,
} from '../../src/storage/pglite-init.js';

describe('PGlite start-up footprint', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'teampulse-footprint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('initialises a new directory in a child process, which this process then opens', async () => {
    const pgliteDir = join(dir, 'child', 'pglite');
    expect(isInitialised(pgliteDir)).toBe(false);
    await expect(initialiseInChild(pgliteDir)).resolves.toBe(true);
    expect(isInitialised(pgliteDir)).toBe(true);
    // An initialised directory is left alone (no second child).
    await expect(initialiseInChild(pgliteDir)).resolves.toBe(true);

    const handle = await openDatabase({ dataDir: join(dir, 'child') });
    try {
      const { rows } = await sql<{ answer: number }>`select 41 + 1 as answer`.execute(handle.db);
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await handle.close();
    }
  });

  it("copies the build's template cluster into a new directory, only when the installed PGlite made it", async () => {
    const template = join(dir, 'template');
    await buildTemplate(template);
    expect(readFileSync(`${template}.version`, 'utf8')).toBe(installedPgliteVersion());

    const copied = join(dir, 'copied', 'pglite');
    await expect(initialiseInChild(copied, undefined, template)).resolves.toBe(true);
    expect(isInitialised(copied)).toBe(true);
    const handle = await openDatabase({ dataDir: join(dir, 'copied') });
    try {
      await sql`create table probe (n int)`.execute(handle.db);
      await sql`insert into probe values (7)`.execute(handle.db);
      const { rows } = await sql<{ n: number }>`select n from probe`.execute(handle.db);
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await handle.close();
    }
    // The copy is the copy's own: the template holds no table of it.
    expect(copyTemplate(template, join(dir, 'second', 'pglite'))).toBe(true);
    const second = await openDatabase({ dataDir: join(dir, 'second') });
    try {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_tables where tablename = 'probe'`.execute(second.db);
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await second.close();
    }

    // A template made by another PGlite is not copied; the child initialises the directory instead.
    writeFileSync(`${template}.version`, '0.0.0-other');
    expect(copyTemplate(template, join(dir, 'other', 'pglite'))).toBe(false);
    expect(isInitialised(join(dir, 'other', 'pglite'))).toBe(false);
    await expect(initialiseInChild(join(dir, 'other', 'pglite'), undefined, template)).resolves.toBe(true);
    expect(isInitialised(join(dir, 'other', 'pglite'))).toBe(true);
  });

  it('lets timers run while queries follow each other without a pause', async () => {
    const handle = await openDatabase({ dataDir: undefined });
    try {
      let fired = 0;
      let firedAfterQueries = -1;
      const timer = setInterval(() => (fired += 1), 1);
      const started = performance.now();
      let queries = 0;
      // Back-to-back awaited queries for 300 ms: without the plugin, no timer fires until the chain ends.
      while (performance.now() - started < 300) {
        await sql`select count(*) from generate_series(1, 2000)`.execute(handle.db);
        queries += 1;
        if (firedAfterQueries < 0 && fired > 0) firedAfterQueries = queries;
      }
      clearInterval(timer);
      // A timer ran while the chain was still going (not only once it ended).
      expect(firedAfterQueries).toBeGreaterThan(0);
      expect(firedAfterQueries).toBeLessThan(queries);
    } finally {
      await handle.close();
    }
  });
});
