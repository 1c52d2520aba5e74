// The daily pull of OA data, per tenant with a WeCom installation, claimed per slot by the scheduler (once across
// replicas): leave requests approved among the submissions of the last 31 days (getapprovalinfo's widest window),
// and the previous local day's attendance reports (late / left early / absent) of people already linked to an
// employee. Events catch leave as it is approved; the pull catches what they missed (an event lost while the service
// was down, approvals from before the callback was set up). Signal ids are the approval numbers on both paths, so
// nothing is counted twice. Each part fails on its own: missing attendance permission does not lose the leave.
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { SignalEvent } from '../../src/core/events.js';
import { addDays, zonedNoon } from '../../src/core/time.js';
import { dailyOaPull, type OaPullOptions } from '../shared/oa-pull.js';
import type { WeComApi } from './api.js';
import { weComApps } from './app.js';
import { fetchApprovedLeave, fetchAttendance } from './oa.js';

export const WECOM_OA_PULL_TASK = 'wecom-oa-pull';
const DAY_S = 86_400;

export function weComOaPullTask({ api, ports, cron }: OaPullOptions<WeComApi>): ScheduledTask {
  // Before the daily scoring (02:00 by default) in the tenant's time zone; off the :00/:30 marks WeCom asks to avoid.
  const task = { name: WECOM_OA_PULL_TASK, cron: cron ?? '40 1 * * *', apps: weComApps };
  return dailyOaPull(task, ports, async (ctx, app) => {
    const nowS = Math.floor(ctx.now.getTime() / 1000);
    const store = (part: string, events: SignalEvent[]) =>
      ports.sink.accept({
        tenantId: ctx.tenantId,
        platform: 'wecom',
        deliveryKey: `oa-pull:${part}:${ctx.slot}`,
        events,
      });
    // Each part fails on its own: missing attendance permission does not lose the leave.
    const failures: unknown[] = [];
    let stored = 0;
    try {
      const leaves = await fetchApprovedLeave(api, app, nowS - 31 * DAY_S, nowS);
      const known = await ports.sink.knownUsers(
        ctx.tenantId,
        'wecom',
        leaves.map((l) => l.actor.id),
      );
      for (const id of new Set(leaves.map((l) => l.actor.id))) {
        if (!known.has(id))
          await ports.sink.linkIdentity({
            tenantId: ctx.tenantId,
            platform: 'wecom',
            platformUserId: id,
            externalId: id,
          });
      }
      await store('leave', leaves);
      stored += leaves.length;
    } catch (error) {
      failures.push(error);
    }
    const userIds = (await ports.sink.platformUsers?.(ctx.tenantId, 'wecom')) ?? [];
    if (userIds.length) {
      // 00:00 of the previous local day (noon minus 12 h: exact in zones without DST, like China's).
      const yesterday = addDays(ctx.localDay, -1);
      const dayStartS = Math.floor(zonedNoon(yesterday, ctx.timezone).getTime() / 1000) - DAY_S / 2;
      try {
        const attendance = await fetchAttendance(api, app, userIds, dayStartS);
        await store('attendance', attendance);
        stored += attendance.length;
      } catch (error) {
        failures.push(error);
      }
    }
    return { stored, failures };
  });
}
