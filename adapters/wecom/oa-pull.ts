// The daily pull of approved leave, per tenant with a WeCom installation, claimed per slot by the scheduler (once
// across replicas): leave requests approved among the submissions of the last 31 days (getapprovalinfo's widest
// window). Events catch leave as it is approved; the pull catches what they missed (an event lost while the service
// was down, approvals from before the callback was set up). Signal ids are the approval numbers on both paths, so
// nothing is counted twice. Attendance (checkin/getcheckin_daydata) is not pulled yet.
import type { ScheduledTask } from '../../src/core/lifecycle.js';
import type { PlatformPorts } from '../shared/runtime.js';
import type { WeComApi } from './api.js';
import { appOf } from './app.js';
import { fetchApprovedLeave } from './oa.js';

export const WECOM_OA_PULL_TASK = 'wecom-oa-pull';
const DAY_S = 86_400;

export function weComOaPullTask(options: { api: WeComApi; ports: PlatformPorts; cron?: string }): ScheduledTask {
  const { api, ports } = options;
  return {
    name: WECOM_OA_PULL_TASK,
    // Before the daily scoring (02:00 by default) in the tenant's time zone; off the :00/:30 marks WeCom asks to avoid.
    cron: options.cron ?? '40 1 * * *',
    perTenant: true,
    catchUp: true,
    async run(ctx) {
      if (!ctx.tenantId) return;
      const info = await ports.installations.forTenant(ctx.tenantId, 'wecom');
      const app = info ? appOf(info) : undefined;
      if (!app) return;
      const nowS = Math.floor(ctx.now.getTime() / 1000);
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
      await ports.sink.accept({
        tenantId: ctx.tenantId,
        platform: 'wecom',
        deliveryKey: `oa-pull:${ctx.slot}`,
        events: leaves,
      });
      ports.logger.info({ tenantId: ctx.tenantId, events: leaves.length }, 'WeCom OA pull stored');
    },
  };
}
