// Starting development plans: HR or a manager starts a template for a person (`plan start`), its steps come due on
// working days of the tenant calendar, and the person hears at once. Onboarding starts by itself when a `hire` signal
// arrives.
import type { Kysely } from 'kysely';
import {
  PLAN_TEMPLATE_NAMES,
  PLAN_TEMPLATES,
  PULSE_STEPS,
  isPlanTemplate,
  type PlanStepTemplate,
  type PlanTemplate,
} from '../../../core/performance/index.js';
import { t, type Locale } from '../../../core/i18n/index.js';
import { addDays, localDay } from '../../../core/time.js';
import type { Database, Db } from '../../../storage/database.js';
import type { Access } from '../../access/index.js';
import type { AlertDeps } from '../../alerts/deps.js';
import { sendNudge } from '../../alerts/nudge.js';
import { tenantCalendar } from '../../calendar/index.js';
import { InvalidInputError } from '../../errors.js';
import { STEP_ACTION, planView, stepName, templateName, type PlanView } from './templates.js';

/** Starts a template for a person in one transaction (or inside the caller's); the running plan if there is one. */
export async function startPlanFor(
  db: Db,
  input: { tenantId: string; employeeId: string; template: PlanTemplate; startDay: string; startedBy: string },
): Promise<{ planId: string; created: boolean }> {
  const run = async (trx: Db) => {
    const running = await trx
      .selectFrom('development_plans')
      .select('id')
      .where((eb) =>
        eb.and({
          tenant_id: input.tenantId,
          employee_id: input.employeeId,
          template: input.template,
          status: 'active',
        }),
      )
      .executeTakeFirst();
    if (running) return { planId: running.id, created: false };
    const steps: readonly PlanStepTemplate[] = PLAN_TEMPLATES[input.template];
    const last = addDays(input.startDay, 2 * Math.max(...steps.map((s) => s.dueDays)) + 21);
    const calendar = await tenantCalendar(trx, input.tenantId, input.startDay, last);
    const workingOnOrAfter = (day: string) => {
      let d = day;
      for (let i = 0; i < 14 && !calendar.isWorkingDay(d); i++) d = addDays(d, 1);
      return d;
    };
    const dueDay = (s: PlanStepTemplate) =>
      s.workingDay
        ? (calendar.nextWorkingDays(input.startDay, s.dueDays).at(-1) ?? addDays(input.startDay, s.dueDays))
        : workingOnOrAfter(addDays(input.startDay, s.dueDays));
    const plan = await trx
      .insertInto('development_plans')
      .values({
        tenant_id: input.tenantId,
        employee_id: input.employeeId,
        template: input.template,
        status: 'active',
        start_day: input.startDay,
        started_by: input.startedBy,
        completed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stepRows = steps.map((s, position) => ({
      tenant_id: input.tenantId,
      plan_id: plan.id,
      position,
      step: s.step,
      owner: s.owner,
      due_day: dueDay(s),
      done_at: null,
      done_by: null,
      nudged_at: null,
    }));
    await trx.insertInto('plan_steps').values(stepRows).execute();
    return { planId: plan.id, created: true };
  };
  if (db.isTransaction) return run(db);
  return (db as Kysely<Database>).transaction().execute(run);
}

/** `plan start <person> <template>`: HR or a manager (for someone in reach). Audited. */
export async function startPlan(
  access: Access,
  ref: string,
  template: string,
  options: {
    now: Date;
    /** config.quietHours (the tenant's own setting applies as well) */
    quietHours?: boolean;
    /** How the caller names the person's field in errors: `employee` (chat, CLI) or the API's path `id`. */
    field?: string;
  },
): Promise<PlanView> {
  access.require('plans.write');
  if (!isPlanTemplate(template))
    throw new InvalidInputError('unknown plan template', [
      { path: '/template', message: `must be one of ${PLAN_TEMPLATE_NAMES.join(', ')}` },
    ]);
  const field = options.field ?? 'employee';
  const person = await access.person(ref, 'risk', field);
  if (person.status !== 'active')
    throw new InvalidInputError(`${person.display_name} has left`, [
      { path: `/${field}`, message: 'has left: a plan is for someone still here' },
    ]);
  const tenant = await access.tenant();
  const { planId, created } = await startPlanFor(access.db, {
    tenantId: access.tenantId,
    employeeId: person.id,
    template,
    startDay: localDay(options.now, tenant.timezone),
    startedBy: access.actor.name,
  });
  const view = await planView(access.db, planId, created);
  if (created) {
    await access.audit('plan.start', { type: 'development_plan', id: planId }, { employee: person.id, template });
    await announcePlan(
      { db: access.db as Kysely<Database>, quietHours: options.quietHours ?? true, now: () => options.now },
      access.tenantId,
      view,
      tenant.locale,
    );
  }
  return view;
}

/** The person hears at once that the plan started: its steps with their due days, and the first step's Done button. */
async function announcePlan(deps: AlertDeps, tenantId: string, plan: PlanView, locale: Locale): Promise<void> {
  // Pulse steps are survey rounds, not something to mark done.
  const first = plan.steps.find((s) => s.owner === 'employee' && !PULSE_STEPS.has(s.step));
  await sendNudge(deps, {
    tenantId,
    employeeId: plan.employee.id,
    key: `plan-start:${plan.id}`,
    title: t(locale, 'plan.nudge.title', { template: templateName(locale, plan.template) }),
    body: [
      t(locale, 'plan.nudge.started', { template: templateName(locale, plan.template) }),
      ...plan.steps.map((s) => `• ${s.dueDay}: ${stepName(locale, s.step)}`),
    ].join('\n'),
    ...(first
      ? {
          buttons: [
            {
              actionId: STEP_ACTION,
              value: `${first.id}:done`,
              label: t(locale, 'plan.nudge.doneStep', { step: stepName(locale, first.step) }),
              style: 'primary' as const,
            },
          ],
        }
      : {}),
  });
}

/** A person's plans (the person, their managers, HR). */
export async function listPlans(access: Access, ref: string): Promise<PlanView[]> {
  const person = await access.person(ref, 'risk', 'employee');
  const plans = await access.db
    .selectFrom('development_plans')
    .select('id')
    .where((eb) => eb.and({ tenant_id: access.tenantId, employee_id: person.id }))
    .orderBy('created_at')
    .execute();
  return Promise.all(plans.map((p) => planView(access.db, p.id, false)));
}

/** Onboarding on hire: starts the onboarding plan for people whose hire day is within the plan's span. */
export async function startOnboardingOnHire(
  db: Db,
  tenantId: string,
  hires: readonly { employeeId: string; day: string }[],
  today: string,
): Promise<number> {
  const span = Math.max(...PLAN_TEMPLATES.onboarding.map((s) => s.dueDays));
  let started = 0;
  for (const hire of hires) {
    // An import of old hires must not start onboarding for people who joined long ago.
    if (hire.day < addDays(today, -span)) continue;
    const { created } = await startPlanFor(db, {
      tenantId,
      employeeId: hire.employeeId,
      template: 'onboarding',
      startDay: hire.day,
      startedBy: 'hire',
    });
    if (created) started += 1;
  }
  return started;
}
