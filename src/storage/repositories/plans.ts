// Development plans as the plan jobs and views read them: each plan next to the person it is for.
import type { Db } from '../database.js';

/** Development plans (`p`) joined to the person each is for (`e`). */
export function plansWithPerson(db: Db) {
  return db.selectFrom('development_plans as p').innerJoin('employees as e', 'e.id', 'p.employee_id');
}

/** A tenant's undone, not yet nudged steps due from `from` to `to` of active people's active plans, earliest first. */
export async function duePlanSteps(db: Db, tenantId: string, from: string, to: string) {
  return plansWithPerson(db)
    .innerJoin('plan_steps as s', 's.plan_id', 'p.id')
    .select([
      's.id',
      's.plan_id',
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
    .where('s.due_day', '<=', to)
    .where('s.due_day', '>=', from)
    .where('p.status', '=', 'active')
    .where('e.status', '=', 'active')
    .orderBy('s.due_day')
    .execute();
}

/**
 * The plans a tenant's managers hear about each week: active ones and those completed since `completedSince`, of
 * active people who have a manager, by the person's name.
 */
export async function plansToReport(db: Db, tenantId: string, completedSince: Date) {
  return plansWithPerson(db)
    .select(['p.id', 'p.template', 'e.display_name', 'e.manager_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active')
    .where('e.manager_id', 'is not', null)
    .where((eb) => eb.or([eb('p.status', '=', 'active'), eb('p.completed_at', '>=', completedSince)]))
    .orderBy('e.display_name')
    .execute();
}

/** The steps of these plans, each plan's in their order. */
export async function stepsOfPlans(db: Db, planIds: readonly string[]) {
  return db
    .selectFrom('plan_steps')
    .select(['plan_id', 'step', 'due_day', 'done_at'])
    .where('plan_id', 'in', planIds)
    .orderBy('position')
    .execute();
}
