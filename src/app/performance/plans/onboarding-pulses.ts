// Onboarding pulses as survey rounds: on a pulse step's due day the new joiner gets a one-person onboarding round
// (kind 'onboarding') with the pulse's question set, through the survey engine (openRound), so the answer buttons,
// the reminder and the close work as for every round. Onboarding rounds never enter group results or response rates
// (src/app/surveys): a round of one cannot meet any anonymity threshold, so nobody sees its answers. They feed team
// atmosphere only pooled into a team's regular round that alone meets the threshold (src/app/surveys/scoring-inputs.ts).
import { ONBOARDING_QUESTIONS, isOnboardingPulse } from '../../../core/performance/index.js';
import type { Db } from '../../../storage/database.js';
import { seedQuestions } from '../../../storage/repositories/surveys.js';
import { isSurveyMuted } from '../../privacy/mutes.js';
import { ensureQuestionBank, openRound } from '../../surveys/index.js';

/**
 * Sends the onboarding pulse of a due pulse step and returns true; false ⇒ the step is an ordinary nudge instead
 * ("how is your first week going?"), e.g. when HR retired all of the pulse's questions or the person muted surveys.
 */
export type PulseSender = (input: {
  tenantId: string;
  employeeId: string;
  step: string;
  dueDay: string;
  now: Date;
}) => Promise<boolean>;

/** The survey engine's onboarding pulses. `quietHours` is config.quietHours (the tenant's own setting applies too). */
export function onboardingPulses(deps: { db: Db; quietHours: boolean }): PulseSender {
  const { db } = deps;
  return async ({ tenantId, employeeId, step, now }) => {
    if (!isOnboardingPulse(step)) return false;
    const createdBy = `onboarding:${step}`;
    // Sent already (a run that stopped before marking the step): the same round, not a second one.
    const sent = await db
      .selectFrom('survey_rounds as r')
      .innerJoin('survey_participation as p', 'p.round_id', 'r.id')
      .select('r.id')
      .where((eb) =>
        eb.and({
          'r.tenant_id': tenantId,
          'r.kind': 'onboarding',
          'r.created_by': createdBy,
          'p.employee_id': employeeId,
        }),
      )
      .executeTakeFirst();
    if (sent) return true;
    const questionIds = await pulseQuestionIds(db, tenantId, step);
    if (questionIds.length === 0) return false;
    // Someone who muted surveys (`mute`) gets the step as an ordinary nudge instead.
    if (await isSurveyMuted(db, tenantId, employeeId)) return false;
    const round = await openRound(db, {
      tenantId,
      kind: 'onboarding',
      employeeIds: [employeeId],
      questionIds,
      mode: 'anonymous',
      createdBy,
      now,
      quietHours: deps.quietHours,
    });
    return round.invited > 0;
  };
}

/** The pulse's questions in the tenant's bank (added on first use; HR may reword or retire them), in set order. */
async function pulseQuestionIds(db: Db, tenantId: string, step: keyof typeof ONBOARDING_QUESTIONS): Promise<string[]> {
  // The regular bank first: a tenant's bank is seeded only while it is empty.
  await ensureQuestionBank(db, tenantId);
  const set = ONBOARDING_QUESTIONS[step];
  await seedQuestions(db, tenantId, set);
  const keys = set.map((q) => q.key);
  const rows = await db
    .selectFrom('survey_questions')
    .select(['id', 'key'])
    .where('tenant_id', '=', tenantId)
    .where('key', 'in', keys)
    .where('retired_at', 'is', null)
    .execute();
  return rows.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key)).map((r) => r.id);
}
