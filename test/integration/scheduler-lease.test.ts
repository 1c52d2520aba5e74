// A slot claimed by a replica that died mid-run (kill -9, OOM) is not lost: its claim is a lease, renewed while the
// job runs; once the lease runs out the slot is run again — once across replicas — under the same slot key. A slow
// but live run keeps its slot, and a replica stalled past its lease cannot overwrite the outcome of the takeover.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/db.js';
import { silentLogger, twoReplicasTwoZones, type SchedulerFixture } from '../helpers/scheduler.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createScheduler, InvalidCronError, type JobContext, type SchedulerJob } from '../../src/scheduler/index.js';
import { claimSlot, finishSlot } from '../../src/scheduler/claim.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduler leases', { timeout: 120_000 }, () => {
  let fixture: SchedulerFixture;
  let handle: TestDatabase;
  let second: DatabaseHandle;
  let shanghai: string;

  beforeAll(async () => {
    fixture = await twoReplicasTwoZones();
    ({ handle, second, shanghai } = fixture);
  }, 120_000);
  afterAll(async () => fixture.close());

  const recording = (name: string, runs: JobContext[], work?: () => Promise<void>): SchedulerJob => ({
    name,
    cron: '0 2 * * *',
    perTenant: true,
    run: async (ctx) => {
      runs.push(ctx);
      await work?.();
    },
  });

  /** A slot claimed by a replica that is gone, its lease running out `leaseLeftMs` from now (negative: already). */
  const leftRunning = async (job: string, slot: string, leaseLeftMs: number) =>
    handle.db
      .insertInto('job_runs')
      .values({
        job,
        slot,
        tenant_id: shanghai,
        claimed_by: 'dead-replica',
        status: 'running',
        lease_until: sql<Date>`now() + ${leaseLeftMs} * interval '1 millisecond'`,
      })
      .execute();

  const row = (job: string) =>
    handle.db.selectFrom('job_runs').selectAll().where('job', '=', job).executeTakeFirstOrThrow();

  it('runs a slot left running by a dead replica again, once across two replicas, after its lease ran out', async () => {
    const slot = `2026-11-29T02:00@${shanghai}`;
    await leftRunning('expired', slot, -1000);
    const runs: JobContext[] = [];
    const a = createScheduler({
      db: handle.db,
      logger: silentLogger,
      jobs: [recording('expired', runs)],
      instanceId: 'a',
    });
    const b = createScheduler({
      db: second.db,
      logger: silentLogger,
      jobs: [recording('expired', runs)],
      instanceId: 'b',
    });
    const [ra, rb] = await Promise.all([a.recover(), b.recover()]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ slot, tenantId: shanghai, localDay: '2026-11-29' });
    expect(runs[0]!.scheduledAt.toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect([...ra.ran, ...rb.ran]).toEqual([shanghai]);
    expect(await row('expired')).toMatchObject({ status: 'succeeded', attempt: 2, lease_until: null });
    expect(['a', 'b']).toContain((await row('expired')).claimed_by);
    // Done is done: neither recovery nor the cron tick runs it a third time.
    expect((await a.recover()).ran).toEqual([]);
    expect(await a.tick('expired', new Date('2026-11-28T18:00:00Z'), 'Asia/Shanghai')).toEqual({
      ran: [],
      skipped: [shanghai],
      failed: [],
    });
    expect(runs).toHaveLength(1);
  });

  it('leaves a slot alone while its lease lasts, and runs it by itself as soon as the lease runs out', async () => {
    await leftRunning('pending', `2026-11-29T02:00@${shanghai}`, 2000);
    const runs: JobContext[] = [];
    const a = createScheduler({
      db: handle.db,
      logger: silentLogger,
      jobs: [recording('pending', runs)],
      instanceId: 'a',
    });
    try {
      expect((await a.recover()).ran).toEqual([]);
      expect(runs).toHaveLength(0);
      // No further call: recover() arranged to look again when the lease runs out.
      const deadline = Date.now() + 60_000;
      while (runs.length === 0 && Date.now() < deadline) await sleep(200);
      expect(runs).toHaveLength(1);
      const until = Date.now() + 30_000;
      while ((await row('pending')).status === 'running' && Date.now() < until) await sleep(100);
      expect(await row('pending')).toMatchObject({ status: 'succeeded', attempt: 2 });
    } finally {
      await a.stop();
    }
  });

  it('a live run longer than its lease keeps renewing it: the other replica never takes the slot over', async () => {
    const runs: JobContext[] = [];
    const leaseMs = 1500;
    const slow = recording('slow', runs, async () => void (await sleep(5000)));
    const a = createScheduler({ db: handle.db, logger: silentLogger, jobs: [slow], instanceId: 'a', leaseMs });
    const b = createScheduler({ db: second.db, logger: silentLogger, jobs: [slow], instanceId: 'b', leaseMs });
    const running = a.tick('slow', new Date('2026-11-28T18:00:00Z'), 'Asia/Shanghai');
    let done = false;
    void running.finally(() => (done = true));
    let polls = 0;
    while (!done) {
      expect((await b.recover()).ran).toEqual([]);
      polls += 1;
      await sleep(300);
    }
    expect(await running).toEqual({ ran: [shanghai], skipped: [], failed: [] });
    expect(polls).toBeGreaterThan(3);
    expect(runs).toHaveLength(1);
    expect(await row('slow')).toMatchObject({ status: 'succeeded', attempt: 1, claimed_by: 'a' });
  });

  it('fences a replica stalled past its lease: its late outcome does not overwrite the takeover', async () => {
    const slot = `2026-11-30T02:00@${shanghai}`;
    const base = { job: 'fenced', slot, tenantId: shanghai };
    const stalled = await claimSlot(handle.db, { ...base, claimedBy: 'stalled', leaseMs: 1000 });
    expect(stalled).toMatchObject({ attempt: 1 });
    // While the lease lasts nobody else gets the slot.
    expect(await claimSlot(second.db, { ...base, claimedBy: 'early', leaseMs: 60_000 })).toBeNull();
    await sleep(1500);
    const takeover = await claimSlot(second.db, { ...base, claimedBy: 'b', leaseMs: 60_000 });
    expect(takeover).toMatchObject({ id: stalled!.id, attempt: 2 });
    // Only one claimant wins a takeover.
    expect(await claimSlot(handle.db, { ...base, claimedBy: 'c', leaseMs: 60_000 })).toBeNull();
    expect(await finishSlot(handle.db, stalled!, new Error('late failure'))).toBe(false);
    expect(await row('fenced')).toMatchObject({ status: 'running', claimed_by: 'b', error: null });
    expect(await finishSlot(second.db, takeover!, undefined)).toBe(true);
    expect(await row('fenced')).toMatchObject({ status: 'succeeded', claimed_by: 'b' });
  });

  it('with the database to itself (PGlite) takes a slot left running over at once, lease or not', async () => {
    await leftRunning('exclusive', `2026-11-29T02:00@${shanghai}`, 3_600_000);
    const runs: JobContext[] = [];
    const only = createScheduler({
      db: handle.db,
      logger: silentLogger,
      jobs: [recording('exclusive', runs)],
      exclusive: true,
    });
    expect((await only.recover()).ran).toEqual([shanghai]);
    expect(runs).toHaveLength(1);
    expect(await row('exclusive')).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('refuses a job whose cron expression node-cron rejects, naming the job and the reason', () => {
    const job: SchedulerJob = { name: 'bad', cron: '0 24 * * *', perTenant: false, run: () => undefined };
    expect(() => createScheduler({ db: handle.db, logger: silentLogger, jobs: [job] })).toThrow(InvalidCronError);
    expect(() => createScheduler({ db: handle.db, logger: silentLogger, jobs: [job] })).toThrow(
      /job "bad": invalid cron expression "0 24 \* \* \*" \(hour: 24 is a invalid expression for hour\)/,
    );
  });
});
