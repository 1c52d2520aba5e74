// Alert use-cases: planning after scoring, feedback, the weekly HR digest.
import { planAlerts } from './plan.js';
import type { AlertDeps } from './deps.js';

export { planAlerts, type PlanResult } from './plan.js';
export { giveAlertFeedback, registerAlertFeedback } from './feedback.js';
export { sendWeeklyDigest, weeklyDigestJob } from './digest.js';
export { sendNudge, type NudgeRequest } from './nudge.js';
export type { AlertDeps } from './deps.js';

/** The `afterTenantScored` hook for runScoring: plan alerts for the tenant and day just scored. */
export function alertsAfterTenantScored(deps: AlertDeps): (tenantId: string, asOf: string) => Promise<void> {
  return async (tenantId, asOf) => {
    await planAlerts(deps, tenantId, asOf);
  };
}
