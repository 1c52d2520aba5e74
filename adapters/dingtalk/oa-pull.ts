// The daily pull of OA data, per tenant with a DingTalk installation, claimed per slot by the scheduler (once across
// replicas): approved leave overlapping the last two weeks (getleavestatus) and the previous local day's clock-in
// results (late / early / absent). Events catch leave as it is approved; the pull catches what they missed (an event
// lost while the service was down, approvals older than the event subscription) — signal ids are the same on both
// paths, so nothing is counted twice. Only people already linked to an employee are asked about.
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { SignalEvent } from '../../src/core/events.js';
import { addDays } from '../../src/core/time.js';
import { dailyOaPull, type OaPullOptions } from '../shared/oa-pull.js';
import type { DingTalkApi } from './api.js';
import { dingTalkApps } from './app.js';
import { attendanceEvent, leaveEvent } from './parse.js';
import { fetchAttendanceResults, fetchLeaveStatus } from './reads.js';

export const OA_PULL_TASK = 'dingtalk-oa-pull';
const DAY = 86_400_000;

export function oaPullTask({ api, ports, cron }: OaPullOptions<DingTalkApi>): ScheduledTask {
  // Before the daily scoring (02:00 by default) in the tenant's time zone.
  const task = { name: OA_PULL_TASK, cron: cron ?? '30 1 * * *', apps: dingTalkApps };
  return dailyOaPull(task, ports, async (ctx, app) => {
    const staffIds = (await ports.sink.platformUsers?.(ctx.tenantId, 'dingtalk')) ?? [];
    if (!staffIds.length) return undefined;
    const now = ctx.now.getTime();
    const events: SignalEvent[] = [];
    for (const status of await fetchLeaveStatus(api, app, staffIds, now - 14 * DAY, now)) {
      const leave = leaveEvent(status);
      if (leave) events.push(leave);
    }
    const yesterday = addDays(ctx.localDay, -1);
    for (const result of await fetchAttendanceResults(api, app, staffIds, yesterday, yesterday)) {
      const attendance = attendanceEvent(result);
      if (attendance) events.push(attendance);
    }
    await ports.sink.accept({
      tenantId: ctx.tenantId,
      platform: 'dingtalk',
      deliveryKey: `oa-pull:${ctx.slot}`,
      events,
    });
    return { stored: events.length };
  });
}
