// Demo Co's pulse history: six weekly rounds, already closed, that answered the way the story goes — most people
// answer most weeks, Sales East answers less since its manager left (too few in the latest round, so its cells are
// suppressed and the next-smallest team is hidden with it), Li Na stopped answering after her first weeks and her
// team's support scores fell. Written straight into closed rounds (no person link, no messages sent); the live
// round the demo then sends goes through openRound like any other.
import { createHash } from 'node:crypto';
import { addDays, weekdayOf } from '../../core/time.js';
import { pickRoundQuestions } from '../../core/surveys/index.js';
import type { Db } from '../../storage/database.js';
import {
  askedHistory,
  closeRoundStorage,
  insertParticipation,
  insertRound,
} from '../../storage/repositories/survey-rounds.js';
import { listQuestionRows } from '../../storage/repositories/survey-bank.js';
import { ensureQuestionBank } from './bank.js';

export interface DemoSurveyInput {
  tenantId: string;
  /** The last day of the synthetic history (rounds open in the six weeks before it). */
  endDay: string;
  /** Team whose answers thin out (Sales East) and the person who stops answering (Li Na). */
  quietTeamId: string | undefined;
  quietPersonId: string | undefined;
  seed: number;
}

const roll = (seed: number, ...parts: string[]) =>
  createHash('sha256')
    .update(`${seed}:${parts.join(':')}`)
    .digest()
    .readUInt16BE(0) / 65_536;

export async function seedDemoSurveyHistory(db: Db, input: DemoSurveyInput): Promise<number> {
  await ensureQuestionBank(db, input.tenantId);
  const questions = await listQuestionRows(db, input.tenantId);
  const people = await db
    .selectFrom('employees')
    .select(['id', 'external_id', 'team_id'])
    .where('tenant_id', '=', input.tenantId)
    .where('status', '=', 'active')
    // Rolls and order key on the external id: the internal ids are random UUIDs, and the story (and every score that
    // reads participation) must come out the same on every build.
    .orderBy('external_id')
    .execute();
  const rounds = 6;
  for (let week = rounds; week >= 1; week -= 1) {
    // Tuesday of the week `week` weeks before the end (the demo tenant works Monday–Friday).
    const day = addDays(input.endDay, -7 * week);
    const openedOn = addDays(day, 2 - weekdayOf(day));
    const ids = pickRoundQuestions(
      questions.map((q) => ({ id: q.id, driver: q.driver, position: q.position })),
      await askedHistory(db, input.tenantId),
      4,
    );
    const round = await insertRound(db, {
      tenantId: input.tenantId,
      kind: 'scheduled',
      teamId: null,
      mode: 'anonymous',
      questionIds: ids,
      openedOn,
      reminderOn: addDays(openedOn, 2),
      closesOn: addDays(openedOn, 6),
      salt: '',
      createdBy: 'demo',
      createdAt: new Date(`${openedOn}T02:00:00Z`),
    });
    await insertParticipation(
      db,
      input.tenantId,
      round.id,
      people.map((p) => ({ employeeId: p.id, teamId: p.team_id })),
    );
    await answerDemoRound(db, input, { roundId: round.id, questionIds: ids, questions, people, week, rounds });
    if (week === 1) await demoComments(db, input.tenantId, round.id, people, input.quietTeamId);
    await closeRoundStorage(db, round.id, new Date(`${addDays(openedOn, 7)}T02:00:00Z`));
  }
  return rounds;
}

type DemoPerson = { id: string; external_id: string; team_id: string | null };
type QuestionRow = Awaited<ReturnType<typeof listQuestionRows>>[number];

/**
 * Who answers a past round and how: most people most weeks; Sales East less in the last three weeks and only 4 in
 * the latest round (below the threshold of 5); Li Na only in the first round.
 */
async function answerDemoRound(
  db: Db,
  input: DemoSurveyInput,
  round: {
    roundId: string;
    questionIds: string[];
    questions: readonly QuestionRow[];
    people: readonly DemoPerson[];
    /** Weeks before the end (1: the latest round). */
    week: number;
    rounds: number;
  },
): Promise<void> {
  const { roundId, questionIds: ids, questions, week } = round;
  const recent = week <= 3;
  let quietAnswered = 0;
  for (const person of round.people) {
    const quietTeam = person.team_id !== null && person.team_id === input.quietTeamId;
    let answers: boolean;
    if (person.id === input.quietPersonId) answers = week === round.rounds;
    // The latest round: only 4 of Sales East answer (below the threshold of 5).
    else if (quietTeam && week === 1) answers = quietAnswered < 4;
    else answers = roll(input.seed, person.external_id, String(week)) < (quietTeam && recent ? 0.6 : 0.88);
    if (!answers) continue;
    if (quietTeam && week === 1) quietAnswered += 1;
    await db
      .updateTable('survey_participation')
      .set({ answered: true })
      .where('round_id', '=', roundId)
      .where('employee_id', '=', person.id)
      .execute();
    const values = ids.map((questionId) => {
      const question = questions.find((q) => q.id === questionId)!;
      return demoAnswer(
        roll(input.seed, person.external_id, question.key, String(week)),
        question,
        quietTeam && recent,
      );
    });
    await db
      .insertInto('survey_answers')
      .values(
        ids.map((questionId, i) => ({
          tenant_id: input.tenantId,
          round_id: roundId,
          question_id: questionId,
          team_id: person.team_id,
          value: values[i]!,
          respondent_key: null,
          pseudonym: null,
        })),
      )
      .execute();
  }
}

/** A person's answer from their roll r in [0, 1): lower, and team support lowest, where the team is struggling. */
function demoAnswer(r: number, question: QuestionRow, struggling: boolean): number {
  if (question.scale === 'nps11') return Math.min(10, Math.floor((struggling ? 4 : 7) + r * 4));
  const base = struggling ? (question.driver === 'team_support' ? 2 : 2.6) : 3.4;
  return Math.max(1, Math.min(5, Math.round(base + r * 1.8)));
}

const COMMENTS = [
  'More pairing on hard tickets would help.',
  'Planning meetings run long.',
  'Thanks for the new onboarding guide.',
  'Too many priorities at once this month.',
  'I like the Friday demos.',
  'Would love clearer career steps.',
  'Good support from my lead.',
  'The release crunch was tough.',
  'Nice team spirit lately.',
  'Need more time for training.',
  'Tooling got much better.',
];

/** Eleven comments in the latest round, from outside Sales East: enough for the tenant, too few for any one team. */
async function demoComments(
  db: Db,
  tenantId: string,
  roundId: string,
  people: ReadonlyArray<{ id: string; team_id: string | null }>,
  quietTeamId: string | undefined,
): Promise<void> {
  const authors = people.filter((p) => p.team_id !== quietTeamId).slice(0, COMMENTS.length);
  if (authors.length === 0) return;
  await db
    .insertInto('survey_comments')
    .values(
      authors.map((p, i) => ({
        tenant_id: tenantId,
        round_id: roundId,
        team_id: p.team_id,
        text: COMMENTS[i]!,
        respondent_key: null,
        pseudonym: null,
      })),
    )
    .execute();
}
