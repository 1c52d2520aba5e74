// What scoring reads from surveys (issue C's seams): each person's participation — the share of the rounds they
// were asked in (and did not mute) that they answered, over the closed rounds of the last 90 days, from 2 rounds
// on — and each team's average on the 1–5 items of its latest closed round when enough of its members answered.
// Participation is a fact about answering, never about answers, so it is used in both modes.
// New joiners' onboarding answers (issue J) feed the team average only pooled with a team whose regular round alone
// meets the anonymity threshold, and only when at least that many new joiners of the team answered (see below).
import { addDays } from '../../core/time.js';
import { effectiveThresholds } from '../../core/surveys/index.js';
import type { Db } from '../../storage/database.js';
import { answerCounts, participationByPerson } from '../../storage/repositories/survey-results.js';
import { loadSurveySettings, questionsByIds } from '../../storage/repositories/survey-bank.js';
import { recentRounds } from '../../storage/repositories/survey-rounds.js';
import {
  onboardingRespondentsByTeam,
  onboardingRoundsClosedBetween,
} from '../../storage/repositories/onboarding-rounds.js';

export const PARTICIPATION_DAYS = 90;
export const MIN_ROUNDS_FOR_PARTICIPATION = 2;

export interface SurveyScoringInputs {
  participationPct: Map<string, number>;
  teamSurvey: Map<string, { respondents: number; average: number }>;
}

export async function surveyScoringInputs(db: Db, tenantId: string, asOf: string): Promise<SurveyScoringInputs> {
  const participationPct = new Map<string, number>();
  for (const row of await participationByPerson(db, tenantId, addDays(asOf, -PARTICIPATION_DAYS), asOf)) {
    const invited = Number(row.invited);
    if (invited >= MIN_ROUNDS_FOR_PARTICIPATION)
      participationPct.set(row.employee_id, Math.round((Number(row.answered) / invited) * 100));
  }

  const teamSurvey = new Map<string, { respondents: number; average: number }>();
  const [latest, previous] = await recentRounds(db, tenantId, { limit: 2, closedOnly: true, openedBy: asOf });
  if (latest) {
    const { minRespondents } = effectiveThresholds(await loadSurveySettings(db, tenantId));
    const regular = await answerCounts(db, tenantId, [latest.id]);
    const onboardingRounds = await onboardingRoundsClosedBetween(db, tenantId, {
      after: previous?.closed_at ?? null,
      until: latest.closed_at!,
      openedFrom: addDays(latest.opened_on, -PARTICIPATION_DAYS),
    });
    const onboarding = await answerCounts(db, tenantId, onboardingRounds);
    const newJoiners = await onboardingRespondentsByTeam(db, tenantId, onboardingRounds);
    const questionIds = new Set([...latest.question_ids, ...onboarding.map((r) => r.question_id)]);
    const scales = new Map((await questionsByIds(db, tenantId, [...questionIds])).map((q) => [q.id, q.scale]));
    const byTeam = tally(regular, scales);
    const onboardingByTeam = tally(onboarding, scales);
    for (const [teamId, entry] of byTeam) {
      const respondents = Math.max(0, ...entry.perQuestion.values());
      if (respondents < minRespondents || entry.n === 0) continue;
      // Onboarding answers: the team's regular respondents alone meet the threshold, and so must the new joiners who
      // answered — HR sees both the regular round's results and this average, so the difference between them is
      // the new joiners' average, which must be a group's, never one person's. They add to the average, never to
      // `respondents`. Onboarding rounds pool with the regular round that closed next after them (closed after the
      // previous regular round, by the latest one), so the average moves only when a new regular round closes.
      const pooled = (newJoiners.get(teamId) ?? 0) >= minRespondents ? onboardingByTeam.get(teamId) : undefined;
      const sum = entry.sum + (pooled?.sum ?? 0);
      const n = entry.n + (pooled?.n ?? 0);
      teamSurvey.set(teamId, { respondents, average: sum / n });
    }
  }
  return { participationPct, teamSurvey };
}

/** 1–5 answers summed per team (and answer counts per question, for the respondents of a round). */
function tally(
  rows: readonly { question_id: string; team_id: string | null; value: number; n: number | string }[],
  scales: ReadonlyMap<string, string>,
): Map<string, { perQuestion: Map<string, number>; sum: number; n: number }> {
  const byTeam = new Map<string, { perQuestion: Map<string, number>; sum: number; n: number }>();
  for (const row of rows) {
    if (row.team_id === null || scales.get(row.question_id) !== 'agree5') continue;
    const entry = byTeam.get(row.team_id) ?? { perQuestion: new Map<string, number>(), sum: 0, n: 0 };
    const n = Number(row.n);
    entry.perQuestion.set(row.question_id, (entry.perQuestion.get(row.question_id) ?? 0) + n);
    entry.sum += row.value * n;
    entry.n += n;
    byTeam.set(row.team_id, entry);
  }
  return byTeam;
}
