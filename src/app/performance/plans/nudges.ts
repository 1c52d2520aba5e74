// Plan step nudges: each due, undone step's owner (the person, their manager, HR when there is no manager) gets a nudge
// through the outbox with a Done button on its due day. Onboarding's day-7/30/60 pulses are one-person survey rounds
// (onboarding-pulses.ts, through `PulseSender`); a pulse that cannot be asked is a nudge like the other steps.
import { PULSE_STEPS } from '../../../core/performance/index.js';
import { t } from '../../../core/i18n/index.js';
import { addDays } from '../../../core/time.js';
import type { Db } from '../../../storage/database.js';
import { duePlanSteps } from '../../../storage/repositories/plans.js';
import type { AlertDeps } from '../../alerts/deps.js';
import { sendNudge } from '../../alerts/nudge.js';
import { onboardingPulses, type PulseSender } from './onboarding-pulses.js';
import { tenantLocale, tenantPlanJob } from './jobs.js';
import { markStepDone } from './step-done.js';
import { STEP_ACTION, stepName, templateName } from './templates.js';

/** Steps overdue by more than this are not nudged any more (no backlog of reminders after an outage or import). */
const NUDGE_WINDOW_DAYS = 7;

export interface PlanJobDeps extends AlertDeps {
  /** How onboarding pulses are sent; default: one-person survey rounds (onboardingPulses). */
  pulses?: PulseSender;
}

/** Nudges every due, undone, not yet nudged step's owner; returns how many nudges were queued. */
export async function sendDueStepNudges(deps: PlanJobDeps, tenantId: string, today: string): Promise<number> {
  const { db } = deps;
  const locale = await tenantLocale(db, tenantId);
  const due = await duePlanSteps(db, tenantId, addDays(today, -NUDGE_WINDOW_DAYS), today);
  const pulses = deps.pulses ?? onboardingPulses({ db, quietHours: deps.quietHours });
  let sent = 0;
  for (const step of due) {
    const recipient =
      step.owner === 'employee' ? step.employee_id : (step.manager_id ?? (await hrContact(db, tenantId)));
    if (!recipient) continue;
    if (PULSE_STEPS.has(step.step)) {
      const asked = await pulses({
        tenantId,
        employeeId: step.employee_id,
        step: step.step,
        dueDay: step.due_day,
        now: deps.now?.() ?? new Date(),
      });
      if (asked) {
        // Asking is the step: it is done once the round is out (the answers are the new joiner's, never shown).
        await markStepDone(
          db,
          { id: step.id, planId: step.plan_id },
          { at: deps.now?.() ?? new Date(), by: 'survey', nudged: true },
        );
        sent += 1;
        continue;
      }
    }
    await sendNudge(deps, {
      tenantId,
      employeeId: recipient,
      key: `plan-step:${step.id}`,
      title: t(locale, 'plan.nudge.title', { template: templateName(locale, step.template) }),
      body: t(locale, step.owner === 'employee' ? 'plan.nudge.self' : 'plan.nudge.manager', {
        name: step.display_name,
        step: stepName(locale, step.step),
        due: step.due_day,
      }),
      buttons: [
        { actionId: STEP_ACTION, value: `${step.id}:done`, label: t(locale, 'plan.nudge.done'), style: 'primary' },
      ],
    });
    await db.updateTable('plan_steps').set({ nudged_at: new Date() }).where('id', '=', step.id).execute();
    sent += 1;
  }
  return sent;
}

/** The daily nudge run (09:00 tenant time), as a scheduler job. */
export function planNudgesJob(deps: PlanJobDeps, cron = '0 9 * * *') {
  return tenantPlanJob(deps, { name: 'plan-nudges', cron, catchUp: true }, sendDueStepNudges);
}

async function hrContact(db: Db, tenantId: string): Promise<string | null> {
  const row = await db
    .selectFrom('role_grants')
    .select('employee_id')
    .where('tenant_id', '=', tenantId)
    .where('role', 'in', ['hr', 'admin'])
    .where('scope_team_id', 'is', null)
    .orderBy('employee_id')
    .executeTakeFirst();
  return row?.employee_id ?? null;
}
