// The daily pull of OA data, per tenant with a DingTalk installation, claimed per slot by the scheduler (once across
// replicas): approved leave overlapping the last two weeks (getleavestatus) and the previous local day's clock-in
// results (late / early / absent). Events catch leave as it is approved; the pull catches what they missed (an event
// lost while the service was down, approvals older than the event subscription) — signal ids are the same on both
// paths, so nothing is counted twice. Only people already linked to an employee are asked about.
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { SignalEvent } from '../../src/core/events.js';
import type { PlatformPorts } from '../shared/runtime.js';
import type { DingTalkApi } from './api.js';
import { appOf } from './app.js';
import { attendanceEvent, leaveEvent } from './parse.js';
import { fetchAttendanceResults, fetchLeaveStatus } from './reads.js';

export const OA_PULL_TASK = 'dingtalk-oa-pull';
const DAY = 86_400_000;

export function oaPullTask(options: { api: DingTalkApi; ports: PlatformPorts; cron?: string }): ScheduledTask {
  const { api, ports } = options;
  return {
    name: OA_PULL_TASK,
    // Before the daily scoring (02:00 by default) in the tenant's time zone.
    cron: options.cron ?? '30 1 * * *',
    perTenant: true,
    catchUp: true,
    async run(ctx) {
      if (!ctx.tenantId) return;
      const info = await ports.installations.forTenant(ctx.tenantId, 'dingtalk');
      const app = info ? appOf(info) : undefined;
      if (!app) return;
      const staffIds = (await ports.sink.platformUsers?.(ctx.tenantId, 'dingtalk')) ?? [];
      if (!staffIds.length) return;
      const now = ctx.now.getTime();
      const events: SignalEvent[] = [];
      for (const status of await fetchLeaveStatus(api, app, staffIds, now - 14 * DAY, now)) {
        const leave = leaveEvent(status);
        if (leave) events.push(leave);
      }
      const yesterday = new Date(Date.parse(`${ctx.localDay}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
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
      ports.logger.info({ tenantId: ctx.tenantId, events: events.length }, 'DingTalk OA pull stored');
    },
  };
}
