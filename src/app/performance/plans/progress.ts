// Plan progress: a step marked done (a Done button or the API), the plan completing with its last step, and each
// manager's weekly line on the plans of their reports.
import type { PlanStepRow } from '../../../storage/tables/performance.js';
import { t } from '../../../core/i18n/index.js';
import { addDays } from '../../../core/time.js';
import { plansToReport, stepsOfPlans } from '../../../storage/repositories/plans.js';
import { isUuid } from '../../../storage/repositories/refs.js';
import { Access, personActor } from '../../access/index.js';
import type { AlertDeps } from '../../alerts/deps.js';
import { sendNudge } from '../../alerts/nudge.js';
import { NotFoundError } from '../../errors.js';
import { textReply, type InboundDispatcher } from '../../inbound/dispatch.js';
import type { InboundDeps } from '../../inbound/handlers.js';
import { tenantLocale, tenantPlanJob } from './jobs.js';
import { markStepDone } from './step-done.js';
import { STEP_ACTION, planView, stepName, templateName, type PlanView } from './templates.js';

/**
 * Marks a step done: its owner, the person, anyone above them, or HR. A step out of reach is answered like a missing
 * one. The plan completes with its last step. Audited.
 */
export async function completeStep(
  access: Access,
  stepId: string,
  now: Date,
): Promise<{ step: PlanStepRow; plan: PlanView }> {
  const step = isUuid(stepId)
    ? await access.db
        .selectFrom('plan_steps')
        .selectAll()
        .where('tenant_id', '=', access.tenantId)
        .where('id', '=', stepId)
        .executeTakeFirst()
    : undefined;
  if (!step) throw stepNotFound(stepId);
  const plan = await access.db
    .selectFrom('development_plans')
    .selectAll()
    .where('id', '=', step.plan_id)
    .executeTakeFirstOrThrow();
  const person = await access.db
    .selectFrom('employees')
    .select(['id', 'team_id'])
    .where('id', '=', plan.employee_id)
    .executeTakeFirstOrThrow();
  if (!(await access.maySeePerson(person, 'risk'))) throw stepNotFound(stepId);
  if (step.done_at === null) {
    await markStepDone(access.db, { id: step.id, planId: plan.id }, { at: now, by: access.actor.name });
    await access.audit('plan.step.done', { type: 'development_plan', id: plan.id }, { step: step.step });
  }
  const fresh = await access.db
    .selectFrom('plan_steps')
    .selectAll()
    .where('id', '=', step.id)
    .executeTakeFirstOrThrow();
  return { step: fresh, plan: await planView(access.db, plan.id, false) };
}

const stepNotFound = (id: string) =>
  new NotFoundError(`no plan step "${id}"`, [{ path: '/id', message: 'unknown plan step' }]);

/** One line per plan of a manager's reports, once a week (idempotent per manager and week). */
export async function sendWeeklyProgress(deps: AlertDeps, tenantId: string, today: string): Promise<number> {
  const { db } = deps;
  const locale = await tenantLocale(db, tenantId);
  const plans = await plansToReport(db, tenantId, new Date(`${addDays(today, -7)}T00:00:00Z`));
  if (plans.length === 0) return 0;
  const steps = await stepsOfPlans(
    db,
    plans.map((p) => p.id),
  );
  const byManager = new Map<string, string[]>();
  for (const plan of plans) {
    const own = steps.filter((s) => s.plan_id === plan.id);
    const done = own.filter((s) => s.done_at !== null).length;
    const next = own.find((s) => s.done_at === null);
    const line = next
      ? t(locale, 'plan.progress.line', {
          name: plan.display_name,
          template: templateName(locale, plan.template),
          done,
          total: own.length,
          step: stepName(locale, next.step),
          due: next.due_day,
          late: next.due_day < today ? t(locale, 'plan.progress.late') : '',
        })
      : t(locale, 'plan.progress.complete', {
          name: plan.display_name,
          template: templateName(locale, plan.template),
          total: own.length,
        });
    byManager.set(plan.manager_id!, [...(byManager.get(plan.manager_id!) ?? []), line]);
  }
  const week = isoWeek(today);
  for (const [managerId, lines] of byManager)
    await sendNudge(deps, {
      tenantId,
      employeeId: managerId,
      key: `plan-progress:${week}`,
      title: t(locale, 'plan.progress.title'),
      body: lines.map((l) => `• ${l}`).join('\n'),
    });
  return byManager.size;
}

/** `plan.step` buttons: value `<stepId>:done`, pressed by the step's owner (or anyone who may see the person). */
export function registerPlanActions(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction(STEP_ACTION, async (event, ctx) => {
    const [stepId, what] = event.value.split(':');
    if (!stepId || what !== 'done' || !ctx.employeeId) return { reply: textReply(t(ctx.locale, 'plan.step.unknown')) };
    const actor = await personActor(deps.db, {
      tenantId: ctx.tenantId,
      employeeId: ctx.employeeId,
      source: ctx.platform,
    });
    // The person reaches their own plan, a manager their reports' plans, HR everyone's.
    const access = new Access(deps.db, actor);
    try {
      const { step } = await completeStep(access, stepId, ctx.now);
      return { reply: textReply(t(ctx.locale, 'plan.step.recorded', { step: stepName(ctx.locale, step.step) })) };
    } catch (error) {
      if (error instanceof NotFoundError) return { reply: textReply(t(ctx.locale, 'plan.step.unknown')) };
      throw error;
    }
  });
}

/** The weekly manager line (Monday 09:30 tenant time), as a scheduler job. */
export function planProgressJob(deps: AlertDeps, cron = '30 9 * * 1') {
  return tenantPlanJob(deps, { name: 'plan-progress', cron }, sendWeeklyProgress);
}

/** 'YYYY-Www' of a day (ISO week), the weekly line's idempotency key. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (date.getTime() - firstThursday.getTime()) / 604_800_000 - (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
    );
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
