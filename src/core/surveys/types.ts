// Shapes of pulse surveys shared by the core, the storage types and the use cases. Pure data.

/** What a question measures; results are grouped by driver. */
export type SurveyDriver =
  'team_support' | 'workload' | 'recognition' | 'growth' | 'manager' | 'belonging' | 'future' | 'enps';
export const SURVEY_DRIVERS: readonly SurveyDriver[] = [
  'team_support',
  'workload',
  'recognition',
  'growth',
  'manager',
  'belonging',
  'future',
  'enps',
];

/** agree5: 1 (strongly disagree) … 5 (strongly agree); nps11: 0 … 10 ("how likely to recommend"). */
export type SurveyScale = 'agree5' | 'nps11';
/** anonymous (default): answers carry no person link once stored; confidential: a pseudonymous link is kept. */
export type SurveyMode = 'anonymous' | 'confidential';
export type SurveyCadence = 'weekly' | 'biweekly' | 'monthly';
export const SURVEY_CADENCES: readonly SurveyCadence[] = ['weekly', 'biweekly', 'monthly'];
export type SurveyRoundKind = 'scheduled' | 'manual' | 'onboarding';
/** Keys of the onboarding questions (asked only in a new joiner's onboarding rounds, never in the rotation). */
export const ONBOARDING_KEY_PREFIX = 'onboarding.';

export const scaleRange = (scale: SurveyScale): { min: number; max: number } =>
  scale === 'nps11' ? { min: 0, max: 10 } : { min: 1, max: 5 };

export const isValidAnswer = (scale: SurveyScale, value: number): boolean => {
  const { min, max } = scaleRange(scale);
  return Number.isInteger(value) && value >= min && value <= max;
};
