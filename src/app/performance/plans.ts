// Development plans: HR or a manager starts a template for a person (`plan start`), its steps come due on working
// days of the tenant calendar, each step's owner (the person, their manager) gets a nudge through the outbox with a
// Done button when it is due, and each manager gets a weekly line on the plans of their reports. Onboarding starts by
// itself when a `hire` signal arrives. Onboarding's day-7/30/60 pulses are nudges here: issue H's survey engine asks
// the pulse questions when it is wired in through `PulseSender` (the seam below).
import type { Kysely } from 'kysely';
import {
  PLAN_TEMPLATE_NAMES,
  PLAN_TEMPLATES,
  PULSE_STEPS,
  isPlanTemplate,
  leadershipCandidate,
  type PlanTemplate,
} from '../../core/performance/index.js';
import { t, tDynamic, type Locale } from '../../core/i18n/index.js';
import { addDays, localDay } from '../../core/time.js';
import type { Database, Db } from '../../storage/database.js';
import type { DevelopmentPlanRow, PlanStepRow } from '../../storage/tables/performance.js';
import { isUuid } from '../../storage/repositories/refs.js';
import { Access, personActor } from '../access/index.js';
import type { AlertDeps } from '../alerts/deps.js';
import { sendNudge } from '../alerts/nudge.js';
import { tenantCalendar } from '../calendar/index.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';

export interface PlanView {
  id: string;
  employee: { id: string; externalId: string; name: string };
  template: PlanTemplate;
  status: DevelopmentPlanRow['status'];
  startDay: string;
  /** false ⇒ this template was already running for the person: the running plan is returned. */
  created: boolean;
  steps: { id: string; position: number; step: string; owner: string; dueDay: string; doneAt: string | null }[];
}

/**
 * When the survey engine (issue H) is present it sends the onboarding pulse for a due pulse step and returns true;
 * without it the step is an ordinary nudge ("how is your first week going?").
 */
export type PulseSender = (input: {
  tenantId: string;
  employeeId: string;
  step: string;
  dueDay: string;
}) => Promise<boolean>;

/** Starts a template for a person in one transaction (or inside the caller's); the running plan if there is one. */
export async function startPlanFor(
  db: Db,
  input: { tenantId: string; employeeId: string; template: PlanTemplate; startDay: string; startedBy: string },
): Promise<{ planId: string; created: boolean }> {
  const run = async (trx: Db) => {
    const running = await trx
      .selectFrom('development_plans')
      .select('id')
      .where('tenant_id', '=', input.tenantId)
      .where('employee_id', '=', input.employeeId)
      .where('template', '=', input.template)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (running) return { planId: running.id, created: false };
    const steps = PLAN_TEMPLATES[input.template];
    const last = addDays(input.startDay, Math.max(...steps.map((s) => s.dueDays)) + 14);
    const calendar = await tenantCalendar(trx, input.tenantId, input.startDay, last);
    const workingOnOrAfter = (day: string) => {
      let d = day;
      for (let i = 0; i < 14 && !calendar.isWorkingDay(d); i++) d = addDays(d, 1);
      return d;
    };
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
    await trx
      .insertInto('plan_steps')
      .values(
        steps.map((s, position) => ({
          tenant_id: input.tenantId,
          plan_id: plan.id,
          position,
          step: s.step,
          owner: s.owner,
          due_day: workingOnOrAfter(addDays(input.startDay, s.dueDays)),
          done_at: null,
          done_by: null,
          nudged_at: null,
        })),
      )
      .execute();
    return { planId: plan.id, created: true };
  };
  if (db.isTransaction) return run(db);
  return (db as Kysely<Database>).transaction().execute(run);
}

async function planView(db: Db, planId: string, created: boolean): Promise<PlanView> {
  const plan = await db
    .selectFrom('development_plans as p')
    .innerJoin('employees as e', 'e.id', 'p.employee_id')
    .select(['p.id', 'p.template', 'p.status', 'p.start_day', 'e.id as eid', 'e.external_id', 'e.display_name'])
    .where('p.id', '=', planId)
    .executeTakeFirstOrThrow();
  const steps = await db
    .selectFrom('plan_steps')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  return {
    id: plan.id,
    employee: { id: plan.eid, externalId: plan.external_id, name: plan.display_name },
    template: plan.template as PlanTemplate,
    status: plan.status,
    startDay: plan.start_day,
    created,
    steps: steps.map((s) => ({
      id: s.id,
      position: s.position,
      step: s.step,
      owner: s.owner,
      dueDay: s.due_day,
      doneAt: s.done_at ? new Date(s.done_at).toISOString() : null,
    })),
  };
}

/** `plan start <person> <template>`: HR or a manager (for someone in reach). Audited. */
export async function startPlan(
  access: Access,
  ref: string,
  template: string,
  options: { now: Date; /** config.quietHours (the tenant's own setting applies as well) */ quietHours?: boolean },
): Promise<PlanView> {
  access.require('plans.write');
  if (!isPlanTemplate(template))
    throw new InvalidInputError('unknown plan template', [
      { path: '/template', message: `must be one of ${PLAN_TEMPLATE_NAMES.join(', ')}` },
    ]);
  const person = await access.person(ref, 'risk', 'employee');
  if (person.status !== 'active') throw new InvalidInputError(`${person.display_name} has left`);
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
  const first = plan.steps.find((s) => s.owner === 'employee');
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
    .where('tenant_id', '=', access.tenantId)
    .where('employee_id', '=', person.id)
    .orderBy('created_at')
    .execute();
  return Promise.all(plans.map((p) => planView(access.db, p.id, false)));
}

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
    await access.db
      .updateTable('plan_steps')
      .set({ done_at: now, done_by: access.actor.name })
      .where('id', '=', step.id)
      .execute();
    const open = await access.db
      .selectFrom('plan_steps')
      .select('id')
      .where('plan_id', '=', plan.id)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    if (!open)
      await access.db
        .updateTable('development_plans')
        .set({ status: 'completed', completed_at: now })
        .where('id', '=', plan.id)
        .execute();
    await access.audit('plan.step.done', { type: 'development_plan', id: plan.id }, { step: step.step });
  }
  const fresh = await access.db
    .selectFrom('plan_steps')
    .selectAll()
    .where('id', '=', step.id)
    .executeTakeFirstOrThrow();
  return { step: fresh, plan: await planView(access.db, plan.id, false) };
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

const STEP_ACTION = 'plan.step';

const stepNotFound = (id: string) =>
  new NotFoundError(`no plan step "${id}"`, [{ path: '/id', message: 'unknown plan step' }]);
/** Steps overdue by more than this are not nudged any more (no backlog of reminders after an outage or import). */
const NUDGE_WINDOW_DAYS = 7;

export interface PlanJobDeps extends AlertDeps {
  pulses?: PulseSender;
}

/** Nudges every due, undone, not yet nudged step's owner; returns how many nudges were queued. */
export async function sendDueStepNudges(deps: PlanJobDeps, tenantId: string, today: string): Promise<number> {
  const { db } = deps;
  const tenant = await db.selectFrom('tenants').select(['locale']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const due = await db
    .selectFrom('plan_steps as s')
    .innerJoin('development_plans as p', 'p.id', 's.plan_id')
    .innerJoin('employees as e', 'e.id', 'p.employee_id')
    .select([
      's.id',
      's.step',
      's.owner',
      's.due_day',
      'p.template',
      'e.id as employee_id',
      'e.display_name',
      'e.manager_id',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.done_at', 'is', null)
    .where('s.nudged_at', 'is', null)
    .where('s.due_day', '<=', today)
    .where('s.due_day', '>=', addDays(today, -NUDGE_WINDOW_DAYS))
    .where('p.status', '=', 'active')
    .where('e.status', '=', 'active')
    .orderBy('s.due_day')
    .execute();
  let sent = 0;
  for (const step of due) {
    const recipient =
      step.owner === 'employee' ? step.employee_id : (step.manager_id ?? (await hrContact(db, tenantId)));
    if (!recipient) continue;
    if (PULSE_STEPS.has(step.step) && deps.pulses) {
      const asked = await deps.pulses({
        tenantId,
        employeeId: step.employee_id,
        step: step.step,
        dueDay: step.due_day,
      });
      if (asked) {
        await db.updateTable('plan_steps').set({ nudged_at: new Date() }).where('id', '=', step.id).execute();
        continue;
      }
    }
    const locale = tenant.locale;
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

/** One line per plan of a manager's reports, once a week (idempotent per manager and week). */
export async function sendWeeklyProgress(deps: AlertDeps, tenantId: string, today: string): Promise<number> {
  const { db } = deps;
  const tenant = await db.selectFrom('tenants').select(['locale']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const plans = await db
    .selectFrom('development_plans as p')
    .innerJoin('employees as e', 'e.id', 'p.employee_id')
    .select(['p.id', 'p.template', 'p.status', 'p.completed_at', 'e.display_name', 'e.manager_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active')
    .where('e.manager_id', 'is not', null)
    .where((eb) =>
      eb.or([eb('p.status', '=', 'active'), eb('p.completed_at', '>=', new Date(`${addDays(today, -7)}T00:00:00Z`))]),
    )
    .orderBy('e.display_name')
    .execute();
  if (plans.length === 0) return 0;
  const steps = await db
    .selectFrom('plan_steps')
    .select(['plan_id', 'step', 'due_day', 'done_at'])
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .orderBy('position')
    .execute();
  const locale = tenant.locale;
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

/** The daily nudge run (09:00 tenant time) and the weekly manager line (Monday 09:30), as scheduler jobs. */
export function planNudgesJob(deps: PlanJobDeps, cron = '0 9 * * *') {
  return {
    name: 'plan-nudges',
    cron,
    perTenant: true as const,
    catchUp: true,
    async run(ctx: { tenantId: string | null; localDay: string; scheduledAt: Date }): Promise<void> {
      if (!ctx.tenantId) return;
      await sendDueStepNudges({ ...deps, now: deps.now ?? (() => ctx.scheduledAt) }, ctx.tenantId, ctx.localDay);
    },
  };
}

export function planProgressJob(deps: AlertDeps, cron = '30 9 * * 1') {
  return {
    name: 'plan-progress',
    cron,
    perTenant: true as const,
    async run(ctx: { tenantId: string | null; localDay: string; scheduledAt: Date }): Promise<void> {
      if (!ctx.tenantId) return;
      await sendWeeklyProgress({ ...deps, now: deps.now ?? (() => ctx.scheduledAt) }, ctx.tenantId, ctx.localDay);
    },
  };
}

export const templateName = (locale: Locale, template: string) => tDynamic(locale, `plan.template.${template}`);
export const stepName = (locale: Locale, step: string) => tDynamic(locale, `plan.step.${step}`);

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

/**
 * The seed's case (high collaboration and high results, and now rising risk): true when the person's collaboration
 * score before the recent window was ≥ 70 and their latest recorded individual result is ≥ 100% of target.
 */
export async function suggestLeadershipTrack(
  db: Db,
  tenantId: string,
  employeeId: string,
  features: unknown,
): Promise<boolean> {
  const detail = (features as { detail?: { collaborationBaseline?: unknown } } | null)?.detail;
  const baseline = typeof detail?.collaborationBaseline === 'number' ? detail.collaborationBaseline : null;
  if (baseline === null) return false;
  const latest = await db
    .selectFrom('individual_results')
    .select(['target', 'actual'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  const attainment = latest && latest.target > 0 ? (100 * latest.actual) / latest.target : null;
  return leadershipCandidate({ collaborationBaseline: baseline, attainmentPct: attainment });
}
