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

export const PLAN_TEMPLATES = {
  leadership: [
    { step: 'interim_project_lead', owner: 'employee', dueDays: 14 },
    { step: 'management_training', owner: 'employee', dueDays: 30 },
    { step: 'shadow_senior_manager', owner: 'employee', dueDays: 45 },
    { step: 'leadership_review', owner: 'manager', dueDays: 60 },
  ],
  specialist: [
    { step: 'skill_goal', owner: 'employee', dueDays: 7 },
    { step: 'expert_mentor', owner: 'manager', dueDays: 14 },
    { step: 'knowledge_share_session', owner: 'employee', dueDays: 45 },
    { step: 'specialist_review', owner: 'manager', dueDays: 60 },
  ],
  return_to_engagement: [
    { step: 'listening_one_on_one', owner: 'manager', dueDays: 3 },
    { step: 'agree_adjustments', owner: 'manager', dueDays: 7 },
    { step: 'recognise_contribution', owner: 'manager', dueDays: 14 },
    { step: 'follow_up_check_in', owner: 'manager', dueDays: 30 },
  ],
  onboarding: [
    { step: 'buddy_intro', owner: 'manager', dueDays: 1 },
    { step: 'pulse_day_7', owner: 'employee', dueDays: 7, workingDay: true },
    { step: 'first_month_check_in', owner: 'manager', dueDays: 28 },
    { step: 'pulse_day_30', owner: 'employee', dueDays: 30 },
    { step: 'pulse_day_60', owner: 'employee', dueDays: 60 },
  ],
} as const satisfies Record<string, readonly PlanStepTemplate[]>;

export type PlanTemplate = keyof typeof PLAN_TEMPLATES;
export const PLAN_TEMPLATE_NAMES = Object.keys(PLAN_TEMPLATES) as PlanTemplate[];
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
