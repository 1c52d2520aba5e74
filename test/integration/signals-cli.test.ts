import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { runCli } from '../../src/cli/program.js';
import { addDays } from '../../src/core/time.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { collector, runCliWith } from '../helpers/cli.js';
import { createTenant } from '../helpers/fixtures.js';

describe('teampulse import signals / purge', () => {
  let handle: TestDatabase;
  let dir: string;
  let tenantId: string;
  const today = new Date().toISOString().slice(0, 10);
  const day = addDays(today, -3);

  beforeAll(async () => {
    handle = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tp-signals-'));
    tenantId = (await createTenant(handle.db, 'acme', { timezone: 'UTC', locale: 'en' })).id;
    await createTenant(handle.db, 'zh', { timezone: 'Asia/Shanghai', locale: 'zh-CN' });
    await handle.db
      .insertInto('employees')
      .values(
        ['e1', 'e2'].map((ext) => ({
          tenant_id: tenantId,
          external_id: ext,
          display_name: ext,
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: null,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await handle.destroy();
  });

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rollup = async (ext: string, d: string) =>
    handle.db
      .selectFrom('daily_rollups')
      .innerJoin('employees', 'employees.id', 'daily_rollups.employee_id')
      .selectAll('daily_rollups')
      .where('employees.external_id', '=', ext)
      .where('daily_rollups.day', '=', d)
      .executeTakeFirst();
  const eventCount = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from signal_events`.execute(handle.db)).rows[0]!.n);

  const ndjson = (items: object[]) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
  const messages = (n: number, prefix = 'm') =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      kind: 'message',
      employee: i % 2 ? 'e1' : 'e2',
      occurredAt: `${day}T09:00:00Z`,
      channelType: 'team',
      count: 2,
    }));

  it('imports an NDJSON file in batches and prints a summary', async () => {
    const file = write(
      'a.ndjson',
      ndjson([
        ...messages(12_000),
        { id: 'x1', kind: 'help', employee: 'ghost', occurredAt: `${day}T10:00:00Z`, peer: 'e1' },
      ]),
    );
    const run = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      rows: 12_001,
      accepted: 12_000,
      duplicates: 0,
      skippedUnknown: 1,
      unknownEmployees: ['ghost'],
      badLines: 0,
    });
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
    expect(await rollup('e1', day)).toMatchObject({ msgs_team: 12_000 });
    const coverage = await handle.db.selectFrom('signal_coverage').selectAll().where('source', '=', 'import').execute();
    expect(coverage).toEqual([expect.objectContaining({ signal_class: 'message', day, events: 12_000 })]);

    // Importing the same file again is a no-op.
    const again = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/12,001 rows read, 0 stored, 12,000 duplicates, 1 for unknown employees/);
    expect(again.stdout).toMatch(/not in the directory: ghost/);
    expect(await rollup('e1', day)).toMatchObject({ msgs_team: 12_000 });
  });

  it('shows a progress bar with rows/s on a TTY', async () => {
    const file = write('tty.ndjson', ndjson(messages(30, 'tty')));
    let err = '';
    const stdout = collector(() => undefined);
    const stderr = collector((c) => (err += c), { isTTY: true, columns: 120 });
    const code = await runCli(['import', 'signals', file, '--tenant', 'acme'], {
      env: { LOG_LEVEL: 'silent' },
      stdout,
      stderr,
      openDatabase: async () => ({ ...handle, close: async () => undefined }),
    });
    expect(code).toBe(0);
    expect(err).toMatch(/30\/30 rows \| \d+ rows\/s/);
  });

  it('reports bad lines and writes nothing unless --skip-invalid', async () => {
    const before = await eventCount();
    const future = addDays(today, 5);
    const file = write(
      'bad.ndjson',
      [
        JSON.stringify({ id: 'b1', kind: 'leave', employee: 'e1', occurredAt: day, leaveType: 'annual', days: 2 }),
        '{oops',
        '',
        JSON.stringify({
          id: 'b2',
          kind: 'message',
          employee: 'e1',
          occurredAt: `${future}T09:00:00Z`,
          channelType: 'team',
        }),
        JSON.stringify({ id: 'b3', kind: 'crm_activity', employee: 'e1', occurredAt: `${day}T09:00:00Z`, count: -1 }),
      ].join('\n'),
    );
    const run = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 2: \/ malformed JSON/);
    expect(run.stderr).toMatch(/line 4: \/occurredAt must not be more than one day in the future/);
    expect(run.stderr).toMatch(/line 5: \/count Expected integer to be greater or equal to 1/);
    expect(run.stderr).toMatch(/3 bad lines: nothing imported/);
    expect(await eventCount()).toBe(before);

    const skip = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme', '--skip-invalid', '--json']);
    expect(skip.code).toBe(0);
    const summary = JSON.parse(skip.stdout);
    expect(summary).toMatchObject({ accepted: 1, badLines: 3 });
    expect(summary.errors.map((e: { line: number; path: string }) => `${e.line}${e.path}`)).toEqual([
      '2/',
      '4/occurredAt',
      '5/count',
    ]);
    // The 2-day leave is recorded on its start day and counts on the first two working days from there.
    expect(await rollup('e1', day)).toMatchObject({ leave_events: 1 });
    const spread = await handle.db
      .selectFrom('daily_rollups as r')
      .innerJoin('employees as e', 'e.id', 'r.employee_id')
      .select((eb) => eb.fn.sum<number>('r.leave_annual_days').as('days'))
      .where('e.external_id', '=', 'e1')
      .where('r.day', '>=', day)
      .where('r.day', '<=', addDays(day, 20))
      .executeTakeFirstOrThrow();
    expect(Number(spread.days)).toBe(2);
  });

  it('imports CSV with line numbers, numeric columns and empty cells', async () => {
    const file = write(
      'hr.csv',
      [
        'id,kind,employee,occurredAt,channelType,count,peer,leaveType,days,status',
        `c1,message,e2,${day}T11:00:00Z,dm,3,e1,,,`,
        `c2,attendance,e2,${day}T09:00:00Z,,,,,,absent`,
        `c3,leave,e2,${day},,,,sick,abc,`,
      ].join('\n'),
    );
    const run = await runCliWith(handle, [
      'import',
      'signals',
      file,
      '--tenant',
      'acme',
      '--skip-invalid',
      '--source',
      'oa',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/line 4: \/days Expected number/);
    const r = await rollup('e2', day);
    expect(r).toMatchObject({ msgs_dm: 3, absences_unexcused: 1 });
    expect(r!.distinct_collaborators).toBe(1);

    const badHeader = write('bad.csv', 'id,kind,employee,occurredAt,text\nq,message,e1,2026-01-01T00:00:00Z,hi\n');
    const rejected = await runCliWith(handle, ['import', 'signals', badHeader, '--tenant', 'acme']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/unknown CSV column\(s\) text/);
  });

  it('fails clearly for an unknown tenant or file, and localises the summary', async () => {
    expect((await runCliWith(handle, ['import', 'signals', join(dir, 'a.ndjson'), '--tenant', 'nope'])).stderr).toMatch(
      /unknown tenant "nope"/,
    );
    expect(
      (await runCliWith(handle, ['import', 'signals', join(dir, 'missing.ndjson'), '--tenant', 'acme'])).code,
    ).toBe(1);
    expect((await runCliWith(handle, ['import', 'signals', join(dir, 'a.ndjson')])).code).toBe(2);
    const zh = await runCliWith(handle, [
      'import',
      'signals',
      write('zh.ndjson', ndjson(messages(1, 'zh'))),
      '--tenant',
      'zh',
    ]);
    expect(zh.stdout).toMatch(/读取 1 行/);
  });

  it('purge deletes raw events past the retention window and keeps rollups and org records', async () => {
    const old = addDays(today, -200);
    await handle.db
      .insertInto('signal_events')
      .values([
        {
          tenant_id: tenantId,
          source: 'legacy',
          external_id: 'old-msg',
          kind: 'message',
          employee_id: await rollupOwner('e1'),
          peer_employee_id: null,
          occurred_at: new Date(`${old}T09:00:00Z`),
          day: old,
          payload: '{"channel":"team","count":1}',
        },
        {
          tenant_id: tenantId,
          source: 'legacy',
          external_id: 'old-dep',
          kind: 'departure',
          employee_id: await rollupOwner('e2'),
          peer_employee_id: null,
          occurred_at: new Date(`${old}T09:00:00Z`),
          day: old,
          payload: '{"reason":"x"}',
        },
      ])
      .execute();
    await handle.db
      .insertInto('daily_rollups')
      .values({ tenant_id: tenantId, employee_id: await rollupOwner('e1'), day: old, msgs_team: 1 })
      .execute();
    const before = await eventCount();
    const run = await runCliWith(handle, ['purge', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ deleted: 1, retentionDays: 180, cutoff: addDays(today, -180) });
    expect(await eventCount()).toBe(before - 1);
    const left = await handle.db
      .selectFrom('signal_events')
      .select('external_id')
      .where('source', '=', 'legacy')
      .execute();
    expect(left).toEqual([{ external_id: 'old-dep' }]);
    expect(await rollup('e1', old)).toMatchObject({ msgs_team: 1 });
    // Nothing left to purge; recent events are untouched.
    expect(JSON.parse((await runCliWith(handle, ['purge', '--json'])).stdout).deleted).toBe(0);
    expect((await runCliWith(handle, ['purge', '--retention-days', '0'])).code).toBe(1);
  });

  async function rollupOwner(ext: string): Promise<string> {
    return (
      await handle.db.selectFrom('employees').select('id').where('external_id', '=', ext).executeTakeFirstOrThrow()
    ).id;
  }
});
