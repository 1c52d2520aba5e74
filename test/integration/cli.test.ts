import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';

describe('teampulse CLI basics', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => handle.destroy());

  it('unknown verbs exit 2 with a one-line reason and the usage', async () => {
    const run = await runCliWith(handle, ['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(run.stderr).toMatch(/usage: teampulse/);
  });

  it('bad flags exit 2 with the usage of the verb that was called', async () => {
    const run = await runCliWith(handle, ['migrate', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
    expect(run.stderr).toMatch(/usage: teampulse migrate \[options\]/);
    const nested = await runCliWith(handle, ['import', 'employees']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/usage: teampulse import employees \[options\] <file\.csv>/);
  });

  it('migrate applies migrations and exits 0', async () => {
    const run = await runCliWith(handle, ['migrate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^applied 0001_directory, 0002_signals, .*; database is up to date \((pglite|postgres)\)\n$/,
    );
    // Only this schema: Kysely's introspection of every schema fails when another session drops a table meanwhile
    // (scoring's and uploads' work tables, other test files' schemas).
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
      handle.db,
    );
    expect(tables.rows.map((t) => t.name)).toContain('employees');
  });

  it('migrate --json reports the dialect and that nothing was left to apply', async () => {
    const run = await runCliWith(handle, ['migrate', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ dialect: handle.dialect, applied: [], upToDate: true });
  });

  it('a bad configuration exits 1 with the variable named', async () => {
    const run = await runCliWith(handle, ['migrate'], { PORT: 'nope' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PORT: must be a whole number/);
  });
});
