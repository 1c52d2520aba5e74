// Two scheduler instances sharing one database run each slot exactly once (ticks called directly with a fixed
// slot; no waiting on cron). On PostgreSQL the second instance has its own connection pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskOptions } from 'node-cron';
import type { TestDatabase } from '../helpers/db.js';
import { silentLogger, twoReplicasTwoZones, type SchedulerFixture } from '../helpers/scheduler.js';
import { scenarioOrganisation, SCORING_END } from '../helpers/scoring-orgs.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createScheduler, slotMinute, type JobContext, type SchedulerJob } from '../../src/scheduler/index.js';
import { createScoringJob } from '../../src/scheduler/jobs.js';
import { writeSyntheticOrganisation } from '../../src/synthetic/index.js';

const silent = silentLogger;

describe('scheduler', () => {
  let fixture: SchedulerFixture;
  let handle: TestDatabase;
  let second: DatabaseHandle;
  let shanghai: string;
  let berlin: string;

  beforeAll(async () => {
    fixture = await twoReplicasTwoZones();
    ({ handle, second, shanghai, berlin } = fixture);
  });
  afterAll(async () => fixture.close());

  it('names slots by the tenant-local minute', () => {
    expect(slotMinute(new Date('2026-11-28T18:00:30Z'), 'Asia/Shanghai')).toBe('2026-11-29T02:00');
    expect(slotMinute(new Date('2026-11-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-11-29T02:00');
  });

  it('two instances ticking the same slot run each tenant once; a later tick of the same slot is skipped', async () => {
    const runs: JobContext[] = [];
    const job: SchedulerJob = {
      name: 'count',
      cron: '0 2 * * *',
      perTenant: true,
      run: async (ctx) => void runs.push(ctx),
    };
    const a = createScheduler({ db: handle.db, logger: silent, jobs: [job], instanceId: 'a' });
    const b = createScheduler({ db: second.db, logger: silent, jobs: [job], instanceId: 'b' });
    const at = new Date('2026-11-28T18:00:00Z'); // 02:00 in Shanghai
    const [ra, rb] = await Promise.all([a.tick('count', at, 'Asia/Shanghai'), b.tick('count', at, 'Asia/Shanghai')]);
    expect(runs.map((r) => r.tenantId)).toEqual([shanghai]);
    expect([...ra.ran, ...rb.ran]).toEqual([shanghai]);
    expect([...ra.skipped, ...rb.skipped]).toEqual([shanghai]);
    expect(runs[0]?.localDay).toBe('2026-11-29');
    expect(runs[0]?.now.toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect(runs[0]?.slot).toBe(`2026-11-29T02:00@${shanghai}`);
    // A few seconds late is the same slot.
    const late = await b.tick('count', new Date('2026-11-28T18:00:07Z'), 'Asia/Shanghai');
    expect(late).toEqual({ ran: [], skipped: [shanghai], failed: [] });
    const rows = await handle.db.selectFrom('job_runs').selectAll().where('job', '=', 'count').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenant_id: shanghai, status: 'succeeded', error: null });
    expect(['a', 'b']).toContain(rows[0]?.claimed_by);
    expect(rows[0]?.finished_at).not.toBeNull();
    // The next day is a new slot; Berlin's 02:00 is its own slot too.
    await a.tick('count', new Date('2026-11-29T18:00:00Z'), 'Asia/Shanghai');
    await Promise.all([
      a.tick('count', new Date('2026-11-29T01:00:00Z'), 'Europe/Berlin'),
      b.tick('count', new Date('2026-11-29T01:00:00Z'), 'Europe/Berlin'),
    ]);
    expect(runs.map((r) => r.tenantId)).toEqual([shanghai, shanghai, berlin]);
  });

  it('a failing job marks its slot failed with the error and is not retried by the other instance', async () => {
    let calls = 0;
    const job: SchedulerJob = {
      name: 'boom',
      cron: '0 3 * * *',
      perTenant: false,
      run: () => {
        calls += 1;
        throw new Error('kaput');
      },
    };
    const a = createScheduler({ db: handle.db, logger: silent, jobs: [job], instanceId: 'a', defaultTimezone: 'UTC' });
    const b = createScheduler({ db: second.db, logger: silent, jobs: [job], instanceId: 'b', defaultTimezone: 'UTC' });
    const at = new Date('2026-11-29T03:00:00Z');
    const results = [await a.tick('boom', at), await b.tick('boom', at)];
    expect(calls).toBe(1);
    expect(results.flatMap((r) => r.failed)).toEqual(['global']);
    const row = await handle.db.selectFrom('job_runs').selectAll().where('job', '=', 'boom').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slot: '2026-11-29T03:00', tenant_id: null, status: 'failed', error: 'kaput' });
  });

  it('the scoring job scores the previous local day once across two instances', async () => {
    const org = await writeSyntheticOrganisation(handle.db, scenarioOrganisation('sched-co'));
    let hooks = 0;
    const deps = { afterTenantScored: () => void (hooks += 1) };
    const tenantsTimezones = async () => [{ id: org.tenantId, timezone: 'Asia/Shanghai' }];
    const a = createScheduler({
      db: handle.db,
      logger: silent,
      jobs: [createScoringJob({ cron: '0 2 * * *', deps })],
      tenantsTimezones,
      instanceId: 'a',
    });
    const b = createScheduler({
      db: second.db,
      logger: silent,
      jobs: [createScoringJob({ cron: '0 2 * * *', deps })],
      tenantsTimezones,
      instanceId: 'b',
    });
    // 02:00 on the day after SCORING_END in Shanghai.
    const at = new Date('2026-11-27T18:00:00Z');
    await Promise.all([a.tick('scoring', at), b.tick('scoring', at)]);
    expect(hooks).toBe(1);
    const days = await handle.db
      .selectFrom('employee_scores')
      .select('as_of')
      .distinct()
      .where('tenant_id', '=', org.tenantId)
      .execute();
    expect(days.map((d) => d.as_of)).toEqual([SCORING_END]);
  }, 60_000);

  it('start schedules one noOverlap task per job and tenant time zone; stop destroys them', async () => {
    const scheduled: {
      expression: string;
      options: TaskOptions;
      fn: (ctx: { date: Date }) => unknown;
      destroyed: boolean;
    }[] = [];
    const fake = (expression: string, fn: (ctx: { date: Date }) => unknown, options: TaskOptions) => {
      const entry = { expression, options, fn, destroyed: false };
      scheduled.push(entry);
      return { destroy: () => void (entry.destroyed = true) } as unknown as ReturnType<
        NonNullable<Parameters<typeof createScheduler>[0]['schedule']>
      >;
    };
    const runs: string[] = [];
    const logged: { level: string; obj: object; msg?: string }[] = [];
    const capture = {
      info: (obj: object, msg?: string) => void logged.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg?: string) => void logged.push({ level: 'warn', obj, msg }),
      error: (obj: object, msg?: string) => void logged.push({ level: 'error', obj, msg }),
    };
    const jobs: SchedulerJob[] = [
      { name: 'daily', cron: '0 2 * * *', perTenant: true, run: (ctx) => void runs.push(`${ctx.tenantId}`) },
      { name: 'digest', cron: '0 9 * * 1', perTenant: true, run: () => undefined },
      { name: 'purge', cron: '30 4 * * *', perTenant: false, run: () => undefined },
    ];
    const scheduler = createScheduler({
      db: handle.db,
      logger: capture,
      jobs,
      schedule: fake,
      defaultTimezone: 'Asia/Shanghai',
      tenantsTimezones: async () => [
        { id: shanghai, timezone: 'Asia/Shanghai' },
        { id: berlin, timezone: 'Europe/Berlin' },
      ],
    });
    await scheduler.start();
    const keys = scheduled
      .map((s) => `${s.options.name}|${s.expression}|${s.options.timezone ?? '-'}|${s.options.noOverlap}`)
      .sort();
    expect(keys).toEqual([
      'daily@Asia/Shanghai|0 2 * * *|Asia/Shanghai|true',
      'daily@Europe/Berlin|0 2 * * *|Europe/Berlin|true',
      'digest@Asia/Shanghai|0 9 * * 1|Asia/Shanghai|true',
      'digest@Europe/Berlin|0 9 * * 1|Europe/Berlin|true',
      'purge@Asia/Shanghai|30 4 * * *|Asia/Shanghai|true',
      'scheduler-refresh|*/10 * * * *|-|true',
    ]);
    // node-cron logs through our logger (not its own coloured console lines), every task alike.
    logged.length = 0;
    for (const entry of scheduled) entry.options.logger?.warn('missed execution at 02:00!');
    scheduled[0]!.options.logger?.error('Task failed with error!', new Error('kaput'));
    expect(logged).toHaveLength(scheduled.length + 1);
    expect(logged[0]).toEqual({ level: 'warn', obj: { component: 'node-cron' }, msg: 'missed execution at 02:00!' });
    expect(logged.at(-1)).toMatchObject({
      level: 'error',
      obj: { component: 'node-cron' },
      msg: 'Task failed with error!',
    });
    expect((logged.at(-1)!.obj as { err: Error }).err.message).toBe('kaput');
    // A cron firing runs only that zone's tenants.
    await scheduled
      .find((s) => s.options.name === 'daily@Europe/Berlin')!
      .fn({ date: new Date('2026-12-01T01:00:00Z') });
    expect(runs).toEqual([berlin]);
    await scheduler.stop();
    expect(scheduled.every((s) => s.destroyed)).toBe(true);
  });
});
