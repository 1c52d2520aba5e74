// Development plan templates as the reader sees them: a template's and a step's name in the reader's language, the
// view of a started plan with its steps, and which template to suggest (the seed's case: the leadership track).
import { leadershipCandidate, type PlanTemplate } from '../../../core/performance/index.js';
import { tDynamic, type Locale } from '../../../core/i18n/index.js';
import type { Db } from '../../../storage/database.js';
import { plansWithPerson } from '../../../storage/repositories/plans.js';
import type { DevelopmentPlanRow } from '../../../storage/tables/performance.js';

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

/** The action id of a step's Done button (value `<stepId>:done`). */
export const STEP_ACTION = 'plan.step';

export const templateName = (locale: Locale, template: string) => tDynamic(locale, `plan.template.${template}`);
export const stepName = (locale: Locale, step: string) => tDynamic(locale, `plan.step.${step}`);

export async function planView(db: Db, planId: string, created: boolean): Promise<PlanView> {
  const plan = await plansWithPerson(db)
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
