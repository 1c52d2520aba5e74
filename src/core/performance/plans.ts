// Development-plan templates (seed §4.3) and onboarding: steps with an owner and a due offset in days from the start.
// The leadership track is the seed's: interim project lead, management training, shadowing a senior manager.
// Onboarding's pulse steps are the day-7/30/60 check-ins, sent as one-person survey rounds (app/performance/plans/
// onboarding-pulses.ts); the day-7 one on the 7th working day of the tenant calendar.

export type StepOwner = 'employee' | 'manager' | 'hr';

export interface PlanStepTemplate {
  step: string;
  owner: StepOwner;
  /** Calendar days after the start (moved on to the next working day), or with `workingDay` the start's n-th working day. */
  dueDays: number;
  /** Due on the dueDays-th working day of the tenant calendar, counting the start day (if it is one) as the first. */
  workingDay?: true;
}

export const PLAN_TEMPLATE_NAMES = ['leadership', 'specialist', 'return_to_engagement', 'onboarding'] as const;
export type PlanTemplate = (typeof PLAN_TEMPLATE_NAMES)[number];

/**
 * Every template's steps in the order the plan runs them, one a line: template, step, owner, due after how many days,
 * and whether those are calendar days or the tenant's working days.
 */
const TEMPLATE_STEPS: readonly (readonly [PlanTemplate, string, StepOwner, number, 'calendar' | 'working'])[] = [
  ['leadership', 'interim_project_lead', 'employee', 14, 'calendar'],
  ['leadership', 'management_training', 'employee', 30, 'calendar'],
  ['leadership', 'shadow_senior_manager', 'employee', 45, 'calendar'],
  ['leadership', 'leadership_review', 'manager', 60, 'calendar'],
  ['specialist', 'skill_goal', 'employee', 7, 'calendar'],
  ['specialist', 'expert_mentor', 'manager', 14, 'calendar'],
  ['specialist', 'knowledge_share_session', 'employee', 45, 'calendar'],
  ['specialist', 'specialist_review', 'manager', 60, 'calendar'],
  ['return_to_engagement', 'listening_one_on_one', 'manager', 3, 'calendar'],
  ['return_to_engagement', 'agree_adjustments', 'manager', 7, 'calendar'],
  ['return_to_engagement', 'recognise_contribution', 'manager', 14, 'calendar'],
  ['return_to_engagement', 'follow_up_check_in', 'manager', 30, 'calendar'],
  ['onboarding', 'buddy_intro', 'manager', 1, 'calendar'],
  ['onboarding', 'pulse_day_7', 'employee', 7, 'working'],
  ['onboarding', 'first_month_check_in', 'manager', 28, 'calendar'],
  ['onboarding', 'pulse_day_30', 'employee', 30, 'calendar'],
  ['onboarding', 'pulse_day_60', 'employee', 60, 'calendar'],
];

const stepsOf = (template: PlanTemplate): readonly PlanStepTemplate[] =>
  TEMPLATE_STEPS.filter(([name]) => name === template).map(([, step, owner, dueDays, days]) =>
    days === 'working' ? { step, owner, dueDays, workingDay: true } : { step, owner, dueDays },
  );

export const PLAN_TEMPLATES = PLAN_TEMPLATE_NAMES.reduce(
  (templates, name) => ({ ...templates, [name]: stepsOf(name) }),
  {} as Record<PlanTemplate, readonly PlanStepTemplate[]>,
);

export const isPlanTemplate = (name: string): name is PlanTemplate => Object.hasOwn(PLAN_TEMPLATES, name);

/** Steps whose nudge is an onboarding pulse (issue H's survey engine asks the questions when it is there). */
export const PULSE_STEPS: ReadonlySet<string> = new Set(['pulse_day_7', 'pulse_day_30', 'pulse_day_60']);

/**
 * The seed's case for the leadership track: someone whose collaboration was high before (≥ 70 in their baseline) and
 * whose results are high (≥ 100% attainment) and whose risk rose — growth, not a warning, is what they need.
 */
export function leadershipCandidate(input: {
  collaborationBaseline: number | null;
  attainmentPct: number | null;
}): boolean {
  return (
    input.collaborationBaseline !== null &&
    input.collaborationBaseline >= 70 &&
    input.attainmentPct !== null &&
    input.attainmentPct >= 100
  );
}
