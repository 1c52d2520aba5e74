// Answering a pulse: a button press records the value under the round's respondent key (never the person's id),
// so a double click counts once and a new value replaces the old one until the round closes. The first answer
// marks the person as having answered (participation), the next unanswered question follows, and after the last
// one a prompt invites an optional free-text comment (`comment <text>`). A person may mute a round.
import { createHash } from 'node:crypto';
import { commentPromptMessage, effectiveThresholds, isValidAnswer } from '../../core/surveys/index.js';
import { textProblem } from '../../core/validation/index.js';
import { nextAllowedTime } from '../../core/alerts/quiet-hours.js';
import type { Db } from '../../storage/database.js';
import type { SurveyRoundRow } from '../../storage/tables/surveys.js';
import { findTenantById } from '../../storage/repositories/tenants.js';
import {
  answerByKey,
  answeredQuestionIds,
  pseudonymOf,
  upsertAnswer,
  upsertComment,
} from '../../storage/repositories/survey-answers.js';
import { findParticipation, latestOpenRoundOf, markParticipation } from '../../storage/repositories/survey-rounds.js';
import { loadSurveySettings, questionsByIds } from '../../storage/repositories/survey-bank.js';
import { findTenantRow } from '../../storage/repositories/rows.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import { enqueueQuestion, tenantRowOf } from './rounds.js';

/** The round's key for a person: unlinkable once the round's salt is erased at close. */
export const respondentKey = (salt: string, employeeId: string): string =>
  createHash('sha256').update(`${salt}:${employeeId}`).digest('hex');

export type AnswerOutcome = 'recorded' | 'changed' | 'same' | 'closed' | 'unknown';

export interface AnswerInput {
  tenantId: string;
  employeeId: string;
  roundId: string;
  questionId: string;
  value: number;
  now: Date;
  /** config.quietHours: false turns quiet hours off service-wide (the tenant's own setting applies as well). */
  quietHours: boolean;
}

async function openRoundFor(db: Db, tenantId: string, roundId: string, employeeId: string) {
  const round = await findTenantRow(db, 'survey_rounds', tenantId, roundId);
  if (!round) return { status: 'unknown' as const };
  const participation = await findParticipation(db, round.id, employeeId);
  if (!participation) return { status: 'unknown' as const };
  if (round.closed_at !== null || round.salt === null) return { status: 'closed' as const };
  return { status: 'open' as const, round: round as SurveyRoundRow & { salt: string }, participation };
}

export async function answerQuestion(db: Db, input: AnswerInput): Promise<AnswerOutcome> {
  return db.transaction().execute(async (trx) => {
    const found = await openRoundFor(trx, input.tenantId, input.roundId, input.employeeId);
    if (found.status !== 'open') return found.status;
    const { round, participation } = found;
    if (!round.question_ids.includes(input.questionId)) return 'unknown';
    const [question] = await questionsByIds(trx, input.tenantId, [input.questionId]);
    if (!question || !isValidAnswer(question.scale, input.value)) return 'unknown';
    const key = respondentKey(round.salt, input.employeeId);
    const before = await answerByKey(trx, round.id, question.id, key);
    if (before?.value === input.value) return 'same';
    await upsertAnswer(trx, {
      tenantId: input.tenantId,
      roundId: round.id,
      questionId: question.id,
      teamId: participation.team_id,
      value: input.value,
      respondentKey: key,
      pseudonym: round.mode === 'confidential' ? await pseudonymOf(trx, input.tenantId, input.employeeId) : null,
    });
    if (!participation.answered) await markParticipation(trx, round.id, input.employeeId, { answered: true });
    if (before) return 'changed';

    // The next question not answered yet, else (once) the comment prompt.
    const tenantFound = await findTenantById(trx, input.tenantId);
    const tenant = tenantFound ? tenantRowOf(tenantFound, input.quietHours) : undefined;
    const settings = await loadSurveySettings(trx, input.tenantId);
    const answered = new Set(await answeredQuestionIds(trx, round.id, key));
    const nextId = round.question_ids.find((id) => !answered.has(id));
    if (nextId) {
      const [next] = await questionsByIds(trx, input.tenantId, [nextId]);
      if (next && tenant)
        await enqueueQuestion(trx, {
          tenant,
          round,
          question: next,
          employeeId: input.employeeId,
          settings,
          now: input.now,
        });
    } else if (tenant) {
      await enqueueMessage(
        trx,
        {
          tenantId: tenant.id,
          recipientEmployeeId: input.employeeId,
          kind: 'survey',
          idempotencyKey: `survey:${round.id}:${input.employeeId}:comment-prompt`,
          notBefore: nextAllowedTime(input.now, {
            enabled: tenant.quietHours,
            timeZone: tenant.timezone,
            workingHours: tenant.workingHours,
          }),
          message: commentPromptMessage(tenant.locale, effectiveThresholds(settings).minCommentRespondents),
        },
        { now: () => input.now },
      );
    }
    return 'recorded';
  });
}

export async function muteRound(
  db: Db,
  input: { tenantId: string; employeeId: string; roundId: string },
): Promise<'muted' | 'closed' | 'unknown'> {
  const found = await openRoundFor(db, input.tenantId, input.roundId, input.employeeId);
  if (found.status !== 'open') return found.status;
  await markParticipation(db, found.round.id, input.employeeId, { muted: true });
  return 'muted';
}

export type CommentOutcome = 'saved' | 'no_round' | 'empty' | 'too_long';

/** A free-text comment on the person's latest open round (replaces their earlier one until it closes). */
export async function commentOnRound(
  db: Db,
  input: { tenantId: string; employeeId: string; text: string },
): Promise<CommentOutcome> {
  const text = input.text.trim();
  if (text === '' || textProblem(text) !== null) return 'empty';
  if ([...text].length > 1000) return 'too_long';
  const round = await latestOpenRoundOf(db, input.tenantId, input.employeeId);
  if (!round || round.salt === null) return 'no_round';
  await upsertComment(db, {
    tenantId: input.tenantId,
    roundId: round.id,
    teamId: round.participant_team_id,
    text,
    respondentKey: respondentKey(round.salt, input.employeeId),
    pseudonym: round.mode === 'confidential' ? await pseudonymOf(db, input.tenantId, input.employeeId) : null,
  });
  return 'saved';
}

/**
 * `answer <n>`: answers the person's current question — the first one not answered yet of their latest open round
 * (questions are sent one at a time, so it is the one they were shown last).
 */
export async function answerCurrentQuestion(
  db: Db,
  input: { tenantId: string; employeeId: string; value: number; now: Date; quietHours: boolean },
): Promise<AnswerOutcome | 'no_question'> {
  const round = await latestOpenRoundOf(db, input.tenantId, input.employeeId);
  if (!round || round.salt === null) return 'no_question';
  const answered = new Set(await answeredQuestionIds(db, round.id, respondentKey(round.salt, input.employeeId)));
  const questionId = round.question_ids.find((id) => !answered.has(id));
  if (!questionId) return 'no_question';
  return answerQuestion(db, { ...input, roundId: round.id, questionId });
}
