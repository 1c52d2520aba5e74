// The daily DingTalk OA pull runs through the real scheduler: two replicas tick the same slot, one pulls; approved
// leave and late/absent clock-ins of linked people become signals; a re-run of the slot or an event for the same
// leave adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { OA_PULL_TASK } from '../../adapters/dingtalk/oa-pull.js';
import { silentLogger } from '../helpers/scheduler.js';
import { startDingTalkEnv, type DingTalkEnv } from '../helpers/dingtalk-env.js';

let env: DingTalkEnv;
beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'http', slug: 'dt-oa' });
  for (const id of ['E3', 'E4'])
    await env.ports.sink.linkIdentity({
      tenantId: env.org.tenantId,
      platform: 'dingtalk',
      platformUserId: id,
      externalId: id,
    });
});
afterAll(async () => env.close());

describe('DingTalk OA pull', () => {
  it('runs once across replicas and stores leave and attendance of linked people', async () => {
    const { fake, db } = env;
    const task = env.runtime.scheduledJobs!.find((j) => j.name === OA_PULL_TASK)!;
    expect([task.perTenant, task.cron]).toEqual([true, '30 1 * * *']);
    fake.leaves.push({
      userid: 'E3',
      start_time: Date.parse('2026-11-20T01:00:00Z'),
      end_time: Date.parse('2026-11-21T10:00:00Z'),
      duration_percent: 200,
      duration_unit: 'percent_day',
    });
    const workDate = Date.parse('2026-11-24T16:00:00Z'); // 2026-11-25 in Shanghai
    fake.script.set('/attendance/list', [
      {
        status: 200,
        body: {
          errcode: 0,
          hasMore: false,
          recordresult: [
            { userId: 'E4', checkType: 'OnDuty', timeResult: 'Late', workDate },
            { userId: 'E4', checkType: 'OffDuty', timeResult: 'Normal', workDate },
            { userId: 'E3', checkType: 'OnDuty', timeResult: 'NotSigned', workDate },
          ],
        },
      },
    ]);
    const replicas = ['a', 'b'].map((instanceId) =>
      createScheduler({ db, logger: silentLogger, jobs: [task], instanceId, defaultTimezone: 'Asia/Shanghai' }),
    );
    // 01:30 on 2026-11-26 in Shanghai.
    const at = new Date('2026-11-25T17:30:00Z');
    const [first, second] = [await replicas[0]!.tick(OA_PULL_TASK, at), await replicas[1]!.tick(OA_PULL_TASK, at)];
    expect([first.ran, second.skipped]).toEqual([[env.org.tenantId], [env.org.tenantId]]);
    const leaveCall = fake.callsTo('/topapi/attendance/getleavestatus')[0]!.body as { userid_list: string };
    expect(leaveCall.userid_list.split(',').sort()).toEqual(['E3', 'E4']);
    const attendanceCall = fake.callsTo('/attendance/list')[0]!.body as { workDateFrom: string };
    expect(attendanceCall.workDateFrom).toBe('2026-11-25 00:00:00');

    await env.inbox.drainOnce();
    const rows = await db
      .selectFrom('signal_events')
      .innerJoin('employees', 'employees.id', 'signal_events.employee_id')
      .select(['kind', 'employees.external_id', 'payload'])
      .where('signal_events.source', '=', 'dingtalk')
      .orderBy('kind')
      .execute();
    expect(rows.map((r) => [r.kind, r.external_id, r.payload])).toEqual([
      ['attendance', 'E4', { status: 'late' }],
      ['leave', 'E3', { leaveType: 'other', days: 2 }],
    ]);
    // The next day's pull sees the same leave again: no second signal.
    expect((await replicas[0]!.tick(OA_PULL_TASK, new Date('2026-11-26T17:30:00Z'))).ran).toEqual([env.org.tenantId]);
    expect(fake.callsTo('/topapi/attendance/getleavestatus')).toHaveLength(2);
    await env.inbox.drainOnce();
    const leaves = await db.selectFrom('signal_events').select('external_id').where('kind', '=', 'leave').execute();
    expect(leaves).toHaveLength(1);
  });
});
