import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { knownMigrationNames, migrateToLatest, MigrationError, pendingMigrations } from '../../src/storage/migrator.js';
import { runCliWith } from '../helpers/cli.js';

// Each test builds a database from nothing: allow for a loaded 2-core machine.
describe('migrations', { timeout: 120_000 }, () => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.destroy();
    handle = undefined;
  });

  it('apply from an empty database, in order, and report nothing pending afterwards', async () => {
    handle = await createTestDatabase({ migrate: false });
    const db = handle.db as Kysely<unknown>;
    expect(await pendingMigrations(db, handle.schema)).toEqual(knownMigrationNames());
    const applied = await migrateToLatest(db, handle.schema);
    expect(applied).toEqual(knownMigrationNames());
    expect(await pendingMigrations(db, handle.schema)).toEqual([]);
    // Running again is a no-op.
    expect(await migrateToLatest(db, handle.schema)).toEqual([]);
    // Only this schema: Kysely's introspection of every schema fails when another session drops a table meanwhile
    // (scoring's and uploads' work tables, other test files' schemas).
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = ${handle.schema}`.execute(
      handle.db,
    );
    const names = tables.rows.map((t) => t.name);
    for (const table of [
      'tenants',
      'teams',
      'employees',
      'platform_identities',
      'role_grants',
      'api_tokens',
      'audit_log',
      'signal_events',
      'daily_rollups',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('a failed migration stops with its name and reason, and the CLI exits 1 saying so', async () => {
    handle = await createTestDatabase({ migrate: false });
    // A table in the way makes 0001 fail half-way: nothing of it may stay applied.
    await sql`create table tenants (id int)`.execute(handle.db);
    const error = await migrateToLatest(handle.db as Kysely<unknown>, handle.schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe('0001_directory');
    expect((error as Error).message).toMatch(/migration 0001_directory failed: .*tenants.* already exists/);
    expect(await pendingMigrations(handle.db as Kysely<unknown>, handle.schema)).toEqual(knownMigrationNames());
    const run = await runCliWith(handle, ['migrate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^teampulse: migration 0001_directory failed: .*already exists\n$/);
  });

  it('keeps the audit log append-only', async () => {
    handle = await createTestDatabase();
    const tenant = await handle.db
      .insertInto('tenants')
      .values({ slug: 'a', name: 'A', locale: 'en', timezone: 'UTC', legal_entity: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('audit_log')
      .values({ tenant_id: tenant.id, actor: 'cli', action: 'test', subject_type: null, subject_id: null })
      .execute();
    await expect(sql`update audit_log set action = 'changed'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(handle.db)).rejects.toThrow(/6 years/);
    const rows = await handle.db.selectFrom('audit_log').select('action').execute();
    expect(rows).toEqual([{ action: 'test' }]);
  });

  it('survives a failed statement inside a transaction: the next query still works', async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({ slug: 'dup', name: 'x', locale: 'en', timezone: 'UTC', legal_entity: null })
          .execute();
        // Unique violation: aborts the transaction. On PGlite's single connection, a missing ROLLBACK would poison later queries.
        await trx
          .insertInto('tenants')
          .values({ slug: 'dup', name: 'y', locale: 'en', timezone: 'UTC', legal_entity: null })
          .execute();
      }),
    ).rejects.toThrow();
    const count = await db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    await db
      .insertInto('tenants')
      .values({ slug: 'after', name: 'ok', locale: 'en', timezone: 'UTC', legal_entity: null })
      .execute();
    expect(await db.selectFrom('tenants').select('slug').execute()).toEqual([{ slug: 'after' }]);
  });

  it('reads DATE as YYYY-MM-DD and bigint as number on every dialect', async () => {
    handle = await createTestDatabase();
    const row = await sql<{ d: unknown; n: unknown }>`select date '2026-03-01' as d, 42::bigint as n`.execute(
      handle.db,
    );
    expect(row.rows[0]).toEqual({ d: '2026-03-01', n: 42 });
  });
});
