// `teampulse import signals` is all or nothing: a bad line anywhere in a large file (here past the 100,000th line,
// where the old importer had already committed a transaction) is reported with its line number and nothing is
// written; a failure while loading (the database going away mid-file) leaves nothing behind either.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { createTenant } from '../helpers/fixtures.js';

describe('teampulse import signals: all or nothing', () => {
  let handle: TestDatabase;
  let dir: string;
  const day = addDays(new Date().toISOString().slice(0, 10), -3);

  beforeAll(async () => {
    handle = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tp-import-atomic-'));
    const tenantId = (await createTenant(handle.db, 'acme', { timezone: 'UTC', locale: 'en' })).id;
    await handle.db
      .insertInto('employees')
      .values({
        tenant_id: tenantId,
        external_id: 'e1',
        display_name: 'e1',
        email: null,
        team_id: null,
        manager_id: null,
        hire_date: null,
      })
      .execute();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await handle.destroy();
  });

  const stored = async () => ({
    events: Number(
      (await sql<{ n: number }>`select count(*)::int as n from signal_events`.execute(handle.db)).rows[0]!.n,
    ),
    rollups: Number(
      (await sql<{ n: number }>`select count(*)::int as n from daily_rollups`.execute(handle.db)).rows[0]!.n,
    ),
  });
  const message = (i: number, employee = 'e1') =>
    JSON.stringify({ id: `m${i}`, kind: 'message', employee, occurredAt: `${day}T09:00:00Z`, channelType: 'team' });

  it('a NUL on line 100,051 and a lone surrogate on line 100,052: both listed, exit 1, nothing written', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 100_050; i += 1) lines.push(message(i));
    lines.push(message(100_051, 'e1\u0000'), message(100_052, 'e1\ud800'));
    const file = join(dir, 'late-nul.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');

    const run = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 100051: /employee must not contain NUL characters');
    expect(run.stderr).toContain('line 100052: /employee must not contain unpaired UTF-16 surrogates');
    expect(run.stderr).toMatch(/teampulse: 2 bad lines: nothing imported/);
    expect(run.stdout).toBe('');
    expect(await stored()).toEqual({ events: 0, rollups: 0 });
  }, 180_000);

  it('a CSV cell with a NUL is a bad line too', async () => {
    const file = join(dir, 'nul.csv');
    writeFileSync(
      file,
      `id,kind,employee,occurredAt,channelType\nc1,message,e1,${day},team\nc2,message,e\u00001,${day},team\n`,
    );
    const run = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 3: /employee must not contain NUL characters');
    expect(await stored()).toEqual({ events: 0, rollups: 0 });
  });

  it('the database failing after two stored batches: one-line reason, exit 1, nothing written', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 12_000; i += 1) lines.push(message(i));
    const file = join(dir, 'fails-midway.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');

    // The third INSERT into signal_events fails, as a dropped connection would.
    let inserts = 0;
    const failing: KyselyPlugin = {
      transformQuery({ node }): RootOperationNode {
        const text = node.kind === 'RawNode' ? node.sqlFragments.join(' ') : '';
        if (/insert into signal_events/i.test(text) && ++inserts === 3) throw new Error('connection terminated');
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const run = await runCliWith({ ...handle, db: handle.db.withPlugin(failing) }, [
      'import',
      'signals',
      file,
      '--tenant',
      'acme',
    ]);
    expect(inserts).toBe(3);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('teampulse: import failed, nothing was written: connection terminated\n');
    expect(await stored()).toEqual({ events: 0, rollups: 0 });

    // The same file loads completely once the database answers again.
    const again = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 12_000, accepted: 12_000, badLines: 0 });
  }, 120_000);
});
