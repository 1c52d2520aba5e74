// A service that was down at a daily job's time runs the missed slot when it starts — once across replicas,
// under the slot key the cron tick would have used, and never again once that slot has a job_runs row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/db.js';
import { silentLogger, twoReplicasTwoZones, type SchedulerFixture } from '../helpers/scheduler.js';
import { createTenant } from '../helpers/fixtures.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createScheduler, type JobContext, type SchedulerJob } from '../../src/scheduler/index.js';

const silent = silentLogger;

describe('scheduler catch-up', () => {
  let fixture: SchedulerFixture;
  let handle: TestDatabase;
  let second: DatabaseHandle;
  let shanghai: string;
  let berlin: string;

  beforeAll(async () => {
    fixture = await twoReplicasTwoZones();
    ({ handle, second, shanghai, berlin } = fixture);
    // Both tenants existed long before the slots below.
    await handle.db
      .updateTable('tenants')
      .set({ created_at: new Date('2026-01-01T00:00:00Z') })
      .execute();
  });
  afterAll(async () => fixture.close());

  const recordingJob = (runs: JobContext[], catchUp = true): SchedulerJob => ({
    name: 'daily',
    cron: '0 2 * * *',
    perTenant: true,
    catchUp,
    run: (ctx) => void runs.push(ctx),
  });

  it('runs each tenant’s most recent missed slot once, across two instances, with the slot the tick would use', async () => {
    // 03:00 in Shanghai (02:00 has passed there), 20:00 the day before in Berlin (its 02:00 passed that morning).
    const now = () => new Date('2026-11-28T19:00:00Z');
    const runsA: JobContext[] = [];
    const runsB: JobContext[] = [];
    const a = createScheduler({ db: handle.db, logger: silent, jobs: [recordingJob(runsA)], instanceId: 'a', now });
    const b = createScheduler({ db: second.db, logger: silent, jobs: [recordingJob(runsB)], instanceId: 'b', now });
    const [ra, rb] = await Promise.all([a.catchUpMissed(), b.catchUpMissed()]);
    expect([...ra.ran, ...rb.ran].sort()).toEqual([shanghai, berlin].sort());
    const runs = [...runsA, ...runsB];
    expect(runs.map((r) => r.slot).sort()).toEqual(
      [`2026-11-28T02:00@${berlin}`, `2026-11-29T02:00@${shanghai}`].sort(),
    );
    expect(runs.find((r) => r.tenantId === shanghai)?.localDay).toBe('2026-11-29');

    // Once a slot has a row, neither catch-up nor the cron tick runs it again.
    expect((await a.catchUpMissed()).ran).toEqual([]);
    const tick = await a.tick('daily', new Date('2026-11-28T18:00:20Z'), 'Asia/Shanghai');
    expect(tick).toEqual({ ran: [], skipped: [shanghai], failed: [] });
  });

  it('does not count a slot that fired before the tenant existed as missed', async () => {
    const runs: JobContext[] = [];
    const fresh = await createTenant(handle.db, 'fresh', { timezone: 'Asia/Shanghai' });
    await handle.db
      .updateTable('tenants')
      .set({ created_at: new Date('2026-11-28T18:30:00Z') })
      .where('id', '=', fresh.id)
      .execute();
    const scheduler = createScheduler({
      db: handle.db,
      logger: silent,
      jobs: [{ ...recordingJob(runs), name: 'fresh-daily' }],
      now: () => new Date('2026-11-28T19:00:00Z'),
    });
    const result = await scheduler.catchUpMissed();
    expect(result.ran).not.toContain(fresh.id);
    expect(result.ran.sort()).toEqual([shanghai, berlin].sort());
  });

  it('leaves jobs without catchUp alone', async () => {
    const runs: JobContext[] = [];
    const scheduler = createScheduler({
      db: handle.db,
      logger: silent,
      jobs: [{ ...recordingJob(runs, false), name: 'plain' }],
      now: () => new Date('2026-11-28T19:00:00Z'),
    });
    expect(await scheduler.catchUpMissed()).toEqual({ ran: [], skipped: [], failed: [] });
    expect(runs).toEqual([]);
  });
});
