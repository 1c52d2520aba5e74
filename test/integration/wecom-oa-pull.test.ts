// The daily WeCom pull of approved leave runs through the real scheduler: two replicas tick the same slot, one
// pulls; approved leave requests (Vacation control) become leave signals with their type and days; other approvals
// are ignored; a later approval event for the same leave adds nothing (same signal id: the approval number); the
// previous day's attendance reports of linked people become late / early-leave signals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { WECOM_OA_PULL_TASK } from '../../adapters/wecom/oa-pull.js';
import { leaveFromApproval, leaveTypeOf } from '../../adapters/wecom/oa.js';
import { silentLogger } from '../helpers/scheduler.js';
import { approvalXml, encryptedCallback, startWeComEnv, type WeComEnv } from '../helpers/wecom-env.js';

let env: WeComEnv;
beforeAll(async () => {
  env = await startWeComEnv({ slug: 'wecom-oa' });
});
afterAll(async () => env.close());

const s = (iso: string) => Date.parse(iso) / 1000;

describe('WeCom OA pull', () => {
  it('runs once across replicas and stores approved leave', async () => {
    const { fake, db } = env;
    const task = env.runtime.scheduledJobs!.find((j) => j.name === WECOM_OA_PULL_TASK)!;
    expect([task.perTenant, task.cron]).toEqual([true, '40 1 * * *']);
    fake.approvals.push(
      {
        sp_no: '202611200001',
        sp_status: 2,
        apply_time: s('2026-11-19T02:00:00Z'),
        userid: 'E3',
        vacation: { type: '病假', begin: s('2026-11-20T00:00:00Z'), end: s('2026-11-21T23:59:59Z'), duration: 172_800 },
      },
      {
        sp_no: '202611200002',
        sp_status: 2,
        apply_time: s('2026-11-19T03:00:00Z'),
        userid: 'E4',
        vacation: {
          type: '事假',
          kind: 'hour',
          begin: s('2026-11-24T01:00:00Z'),
          end: s('2026-11-24T05:00:00Z'),
          duration: 14_400,
        },
      },
      { sp_no: '202611200003', sp_status: 2, apply_time: s('2026-11-19T04:00:00Z'), userid: 'E4' },
    );
    // E4 was late and left early yesterday (2026-11-25 in Shanghai); E3's missing punch (缺卡) is no signal.
    const day = s('2026-11-24T16:00:00Z');
    fake.script.set('/cgi-bin/checkin/getcheckin_daydata', [
      {
        body: {
          errcode: 0,
          errmsg: 'ok',
          datas: [
            {
              base_info: { date: day, acctid: 'E4' },
              exception_infos: [
                { exception: 1, count: 1, duration: 600 },
                { exception: 2, count: 1, duration: 60 },
              ],
            },
            { base_info: { date: day, acctid: 'E3' }, exception_infos: [{ exception: 3, count: 1, duration: 0 }] },
          ],
        },
      },
    ]);
    const replicas = ['a', 'b'].map((instanceId) =>
      createScheduler({ db, logger: silentLogger, jobs: [task], instanceId, defaultTimezone: 'Asia/Shanghai' }),
    );
    const at = new Date('2026-11-25T17:40:00Z'); // 01:40 on 2026-11-26 in Shanghai
    const [first, second] = [
      await replicas[0]!.tick(WECOM_OA_PULL_TASK, at),
      await replicas[1]!.tick(WECOM_OA_PULL_TASK, at),
    ];
    expect([first.ran, second.skipped]).toEqual([[env.org.tenantId], [env.org.tenantId]]);
    const query = fake.callsTo('/cgi-bin/oa/getapprovalinfo')[0]!.body as {
      filters: Array<{ key: string; value: string }>;
    };
    expect(query.filters).toEqual([
      { key: 'sp_status', value: '2' },
      { key: 'record_type', value: '1' },
    ]);
    const attendanceCall = fake.callsTo('/cgi-bin/checkin/getcheckin_daydata')[0]!.body as {
      starttime: number;
      useridlist: string[];
    };
    expect(attendanceCall.starttime).toBe(day);
    expect(attendanceCall.useridlist.sort()).toEqual(['E3', 'E4']);
    expect(await env.inbox.drainOnce()).toMatchObject({ done: 2, failed: 0 });
    const attendance = await db
      .selectFrom('signal_events')
      .select(['employee_id', 'payload'])
      .where('kind', '=', 'attendance')
      .execute();
    expect(attendance).toHaveLength(2);
    expect(attendance.every((a) => a.employee_id === env.org.people.rep2)).toBe(true);
    const leaves = await db
      .selectFrom('signal_events')
      .select(['employee_id', 'payload'])
      .where('kind', '=', 'leave')
      .orderBy('occurred_at')
      .execute();
    expect(leaves).toEqual([
      { employee_id: env.org.people.rep1, payload: { leaveType: 'sick', days: 2 } },
      { employee_id: env.org.people.rep2, payload: { leaveType: 'personal', days: 0.5 } },
    ]);

    // The approval event for the same leave arrives late: nothing new is stored.
    await env.app.inject({
      method: 'POST',
      ...(() => {
        const c = encryptedCallback(
          approvalXml({ spNo: '202611200001', status: 2, applicant: 'E3', at: env.clock.now() }),
        );
        return { url: c.url, payload: c.body, headers: { 'content-type': 'text/xml' } };
      })(),
    });
    await env.runtime.inbound.idle();
    await env.inbox.drainOnce();
    expect(await db.selectFrom('signal_events').select('payload').where('kind', '=', 'leave').execute()).toHaveLength(
      2,
    );
  });

  it('reads leave only from approved Vacation controls', () => {
    const detail = (status: number, contents: unknown[]) => ({
      sp_no: '1',
      sp_status: status,
      applyer: { userid: 'u' },
      apply_data: { contents },
    });
    const vacation = {
      control: 'Vacation',
      value: {
        vacation: {
          selector: { options: [{ value: [{ text: '年假' }] }] },
          attendance: { date_range: { type: 'halfday', new_begin: 1, new_duration: 86_400 } },
        },
      },
    };
    expect(leaveFromApproval(detail(2, [vacation]))).toMatchObject({ id: 'leave:1', leaveType: 'annual', days: 1 });
    expect(leaveFromApproval(detail(1, [vacation]))).toBeUndefined();
    expect(leaveFromApproval(detail(2, [{ control: 'Text', value: { text: 'x' } }]))).toBeUndefined();
    expect(leaveFromApproval(undefined)).toBeUndefined();
    expect([leaveTypeOf('婚假'), leaveTypeOf('Annual leave')]).toEqual(['other', 'annual']);
  });
});
