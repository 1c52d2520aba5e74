// Fault test (issue K1): `teampulse serve` is killed with -9 in the middle of the daily scoring run — after a batch
// of the day's scores was written, before the day's transaction commits. The day is atomic, so nothing of it is
// stored; the slot stays 'running'. The restart — at once, although the killed process left its data-directory lock —
// drops work tables a crash left, takes the slot over, scores the day once and plans its alerts. Always PGlite (a
// spawned service on its own data directory), loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/core/time.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { generateDemoOrganisation, writeSyntheticOrganisation } from '../../src/synthetic/index.js';
import { scratchTableName } from '../../src/storage/repositories/scratch.js';
import { childEnv, freePort, spawnTeampulse, type Spawned } from '../helpers/spawn.js';

const KILL_ON_LOG = fileURLToPath(new URL('../helpers/kill-on-log.mjs', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first JSON log line on stdout that satisfies `test` (or rejects after `ms`). */
async function logLine(run: Spawned, test: (line: Record<string, unknown>) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let seen = 0;
  while (Date.now() < deadline) {
    const lines = run.output().stdout.split('\n');
    for (; seen < lines.length - 1; seen++) {
      try {
        const line = JSON.parse(lines[seen]!) as Record<string, unknown>;
        if (test(line)) return line;
      } catch {
        // not a log line (the console platform prints messages too)
      }
    }
    if (run.child.exitCode !== null) break;
    await sleep(20);
  }
  throw new Error(`no such log line; stderr: ${run.output().stderr}\nstdout: ${run.output().stdout.slice(-3000)}`);
}

describe('kill -9 during the scoring run', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'teampulse-kill-'));
  const zone = 'Asia/Shanghai';
  // Midnight scoring in Demo Co's zone: its most recent slot is today's, scoring yesterday.
  const asOf = addDays(localDay(new Date(), zone), -1);
  const runs: Spawned[] = [];
  let tenantId: string;
  let port: number;

  const serve = (extra: Record<string, string> = {}) => {
    const run = spawnTeampulse(
      ['serve'],
      childEnv({
        ...extra,
        TEAMPULSE_DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        TEAMPULSE_DEMO: 'off',
        TEAMPULSE_SCORING_CRON: '0 0 * * *',
        TEAMPULSE_OUTBOX_WORKER: 'off',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
      }),
    );
    runs.push(run);
    return run;
  };
  const isScoringSlot = (line: Record<string, unknown>, msg: string) =>
    line.msg === msg && line.job === 'scoring' && String(line.slot).endsWith(`@${tenantId}`);

  beforeAll(async () => {
    port = await freePort();
    const handle = await openDatabase({ dataDir: dir });
    try {
      await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
      const org = await writeSyntheticOrganisation(handle.db, generateDemoOrganisation(7, { endDay: asOf }));
      tenantId = org.tenantId;
      // The tenant existed before today's slot, so the start catches that slot up.
      await handle.db
        .updateTable('tenants')
        .set({ created_at: new Date(Date.now() - 10 * 86_400_000) })
        .execute();
    } finally {
      await handle.close();
    }
  }, 180_000);

  afterAll(async () => {
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL');
        await run.exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing of the day; the restart completes the day once and its alert fires', async () => {
    // 1. The start catches up today's slot; the process is killed (-9) mid-run, the moment its first batch of scores
    //    is written inside the day's still open transaction — by itself (test/helpers/kill-on-log.mjs), so the kill
    //    lands there however loaded the machine is.
    const first = serve({
      NODE_OPTIONS: `--import ${pathToFileURL(KILL_ON_LOG).href}`,
      TEAMPULSE_TEST_KILL_ON: '"msg":"scoring progress"|"job":"scoring"',
    });
    expect(await first.exited, first.output().stderr).toEqual({ code: null, signal: 'SIGKILL' });
    expect(first.output().stdout).toMatch(/"msg":"slot claimed"/);
    expect(first.output().stdout).toMatch(/"done":[1-9]\d*,"total":[1-9]/);
    expect(first.output().stdout).not.toMatch(/"msg":"tenant scored"/);

    // 2. Nothing of the day is stored; the slot is still "running". (Opening the directory at once also shows
    //    the killed process's lock is recognised: its pid is gone.)
    let handle = await openDatabase({ dataDir: dir });
    try {
      const slot = await handle.db
        .selectFrom('job_runs')
        .selectAll()
        .where('job', '=', 'scoring')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      expect(slot).toMatchObject({ status: 'running', attempt: 1 });
      const stored = await handle.db
        .selectFrom('scoring_runs')
        .select('as_of')
        .where('tenant_id', '=', tenantId)
        .execute();
      expect(stored).toEqual([]);
      const scores = await handle.db
        .selectFrom('employee_scores')
        .select('as_of')
        .where('tenant_id', '=', tenantId)
        .execute();
      expect(scores).toEqual([]);
      // A work table as a run killed during its aggregation pass leaves one: the restart must drop it.
      await sql`create unlogged table ${sql.id(scratchTableName('scoring_agg'))} (id int)`.execute(handle.db);
    } finally {
      await handle.close();
    }

    // 3. The restart takes the slot over and finishes it.
    const second = serve();
    const finished = await logLine(second, (line) => isScoringSlot(line, 'slot finished'), 200_000);
    expect(finished.failed).toBe(false);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output().stdout).toMatch(/running a slot again: the replica that claimed it stopped/);

    handle = await openDatabase({ dataDir: dir });
    try {
      const slots = await handle.db
        .selectFrom('job_runs')
        .selectAll()
        .where('job', '=', 'scoring')
        .where('tenant_id', '=', tenantId)
        .execute();
      expect(slots).toHaveLength(1);
      expect(slots[0]).toMatchObject({ status: 'succeeded', attempt: 2, error: null });
      const days = await handle.db.selectFrom('scoring_runs').selectAll().where('tenant_id', '=', tenantId).execute();
      expect(days.map((d) => d.as_of)).toEqual([asOf]);
      const active = await handle.db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      const scored = await handle.db
        .selectFrom('employee_scores')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('as_of', '=', asOf)
        .executeTakeFirstOrThrow();
      expect(Number(scored.n)).toBe(Number(active.n));
      // The seed case (her manager left) is alerted, once.
      const alerts = await handle.db
        .selectFrom('alerts as a')
        .innerJoin('employees as e', 'e.id', 'a.subject_employee_id')
        .select(['e.external_id'])
        .where('a.tenant_id', '=', tenantId)
        .where('a.kind', '=', 'risk')
        .execute();
      expect(alerts.map((a) => a.external_id).filter((id) => id === 'li.na')).toHaveLength(1);
      // No work table a killed run left is there any more.
      const scratch = await sql<{ name: string }>`
        select tablename as name from pg_tables where tablename like 'scoring\\_agg\\_%'`.execute(handle.db);
      expect(scratch.rows).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
