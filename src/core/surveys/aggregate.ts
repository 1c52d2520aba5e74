// Scores of a group's answers: the mean of a 1–5 item (one decimal), and eNPS for the 0–10 item (% promoters 9–10
// minus % detractors 0–6, −100…100). Pure.
import type { SurveyScale } from './types.js';

export function scoreOf(scale: SurveyScale, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  if (scale === 'nps11') {
    const promoters = values.filter((v) => v >= 9).length;
    const detractors = values.filter((v) => v <= 6).length;
    return Math.round(((promoters - detractors) / values.length) * 100);
  }
  return Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;
}

/** Share answered of those asked, in whole percent; null when nobody was asked. */
export const responseRate = (answered: number, invited: number): number | null =>
  invited === 0 ? null : Math.round((answered / invited) * 100);
