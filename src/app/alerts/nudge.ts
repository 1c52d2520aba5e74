// Development and onboarding nudges to an employee, on the same pipeline as alerts: built in the tenant's locale,
// held back by quiet hours, idempotent per nudge key. The content (plans, onboarding steps) comes later.
import { buildNudgeMessage, nextAllowedTime } from '../../core/alerts/index.js';
import type { MessageButton } from '../../core/messages/types.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import type { AlertDeps } from './deps.js';
import { tenantAlertSettings } from './tenant-settings.js';

export interface NudgeRequest {
  tenantId: string;
  employeeId: string;
  /** Unique per nudge occurrence, e.g. 'onboarding:week-1' or 'plan:<planId>:step-2'. */
  key: string;
  /** Catalogue keys or literal texts. */
  title: string;
  body: string;
  params?: Record<string, string | number>;
  buttons?: MessageButton[];
}

export async function sendNudge(
  deps: AlertDeps,
  request: NudgeRequest,
): Promise<{ outboxId: string; created: boolean }> {
  const now = (deps.now ?? (() => new Date()))();
  const tenant = await deps.db.selectFrom('tenants').selectAll().where('id', '=', request.tenantId).executeTakeFirst();
  if (!tenant) throw new Error(`no tenant ${request.tenantId}`);
  const settings = tenantAlertSettings(tenant, deps.quietHours);
  const message = buildNudgeMessage({
    locale: tenant.locale,
    title: request.title,
    body: request.body,
    ...(request.params ? { params: request.params } : {}),
    ...(request.buttons ? { buttons: request.buttons } : {}),
  });
  const outcome = await enqueueMessage(
    deps.db,
    {
      tenantId: request.tenantId,
      recipientEmployeeId: request.employeeId,
      kind: 'nudge',
      idempotencyKey: `nudge:${request.key}:${request.employeeId}`,
      message,
      notBefore: nextAllowedTime(now, settings.quietHours),
    },
    { now: () => now },
  );
  return { outboxId: outcome.id, created: outcome.created };
}
