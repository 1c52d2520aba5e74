// Pulse-survey storage: the tenant's bank and settings, rounds, participation, answers and comments. Answers and
// comments are written and read without any person id (see migrations/0013_surveys.ts); callers pass the
// respondent key of an open round, or a pseudonym in confidential mode.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { SurveyQuestionRow, SurveyRoundRow } from '../tables/surveys.js';
import type { BankQuestion } from '../../core/surveys/bank.js';
import type {
  SurveyCadence,
  SurveyDriver,
  SurveyMode,
  SurveyRoundKind,
  SurveyScale,
} from '../../core/surveys/types.js';

export interface SurveySettings {
  enabled: boolean;
  mode: SurveyMode;
  cadence: SurveyCadence;
  questionsPerRound: number;
  minRespondents: number;
  minCommentRespondents: number;
}

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  enabled: true,
  mode: 'anonymous',
  cadence: 'weekly',
  questionsPerRound: 4,
  minRespondents: 5,
  minCommentRespondents: 10,
};

export async function loadSurveySettings(db: Db, tenantId: string): Promise<SurveySettings> {
  const row = await db.selectFrom('survey_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return DEFAULT_SURVEY_SETTINGS;
  return {
    enabled: row.enabled,
    mode: row.mode,
    cadence: row.cadence,
    questionsPerRound: row.questions_per_round,
    minRespondents: row.min_respondents,
    minCommentRespondents: row.min_comment_respondents,
  };
}

export async function saveSurveySettings(db: Db, tenantId: string, settings: SurveySettings): Promise<void> {
  const values = {
    enabled: settings.enabled,
    mode: settings.mode,
    cadence: settings.cadence,
    questions_per_round: settings.questionsPerRound,
    min_respondents: settings.minRespondents,
    min_comment_respondents: settings.minCommentRespondents,
    updated_at: new Date(),
  };
  await db
    .insertInto('survey_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

/** Adds the built-in items the tenant's bank lacks (by key); existing items, edited or retired, are kept. */
export async function seedQuestions(db: Db, tenantId: string, bank: readonly BankQuestion[]): Promise<number> {
  const result = await db
    .insertInto('survey_questions')
    .values(
      bank.map((q, i) => ({
        tenant_id: tenantId,
        key: q.key,
        driver: q.driver,
        scale: q.scale,
        text_zh: q.text['zh-CN'],
        text_en: q.text.en,
        position: (i + 1) * 10,
        retired_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function countQuestions(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('survey_questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listQuestionRows(
  db: Db,
  tenantId: string,
  options: { includeRetired?: boolean } = {},
): Promise<SurveyQuestionRow[]> {
  let query = db.selectFrom('survey_questions').selectAll().where('tenant_id', '=', tenantId);
  if (!options.includeRetired) query = query.where('retired_at', 'is', null);
  return query.orderBy('position').orderBy('key').execute();
}

export async function findQuestionByRef(db: Db, tenantId: string, ref: string): Promise<SurveyQuestionRow | undefined> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  return db
    .selectFrom('survey_questions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => (uuid ? eb.or([eb('id', '=', ref), eb('key', '=', ref)]) : eb('key', '=', ref)))
    .executeTakeFirst();
}

export async function insertQuestion(
  db: Db,
  input: { tenantId: string; key: string; driver: SurveyDriver; scale: SurveyScale; textZh: string; textEn: string },
): Promise<SurveyQuestionRow> {
  const max = await db
    .selectFrom('survey_questions')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  return db
    .insertInto('survey_questions')
    .values({
      tenant_id: input.tenantId,
      key: input.key,
      driver: input.driver,
      scale: input.scale,
      text_zh: input.textZh,
      text_en: input.textEn,
      position: Number(max?.p ?? 0) + 10,
      retired_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateQuestion(
  db: Db,
  tenantId: string,
  id: string,
  patch: { textZh?: string; textEn?: string; retiredAt?: Date | null },
): Promise<SurveyQuestionRow> {
  return db
    .updateTable('survey_questions')
    .set({
      ...(patch.textZh !== undefined ? { text_zh: patch.textZh } : {}),
      ...(patch.textEn !== undefined ? { text_en: patch.textEn } : {}),
      ...(patch.retiredAt !== undefined ? { retired_at: patch.retiredAt } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function questionsByIds(db: Db, tenantId: string, ids: readonly string[]): Promise<SurveyQuestionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('survey_questions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
}

/** Question ids of the tenant's earlier rounds, oldest round first (rotation history). */
export async function askedHistory(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_rounds')
    .select('question_ids')
    .where('tenant_id', '=', tenantId)
    .where('kind', '!=', 'onboarding')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => r.question_ids);
}

export async function insertRound(
  db: Db,
  input: {
    tenantId: string;
    kind: SurveyRoundKind;
    teamId: string | null;
    mode: SurveyMode;
    questionIds: string[];
    openedOn: string;
    reminderOn: string;
    closesOn: string;
    salt: string;
    createdBy: string;
    createdAt: Date;
  },
): Promise<SurveyRoundRow> {
  return db
    .insertInto('survey_rounds')
    .values({
      tenant_id: input.tenantId,
      kind: input.kind,
      team_id: input.teamId,
      mode: input.mode,
      question_ids: JSON.stringify(input.questionIds),
      opened_on: input.openedOn,
      reminder_on: input.reminderOn,
      closes_on: input.closesOn,
      closed_at: null,
      salt: input.salt,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRound(db: Db, tenantId: string, roundId: string): Promise<SurveyRoundRow | undefined> {
  return db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', roundId)
    .executeTakeFirst();
}

/** The latest round for the whole tenant, scheduled or sent by hand (a launch round counts for the cadence). */
export async function lastTenantRound(db: Db, tenantId: string): Promise<SurveyRoundRow | undefined> {
  return db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', 'in', ['scheduled', 'manual'])
    .where('team_id', 'is', null)
    .orderBy('opened_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function openRounds(db: Db, tenantId: string): Promise<SurveyRoundRow[]> {
  return db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('closed_at', 'is', null)
    .orderBy('opened_on')
    .execute();
}

/**
 * Group rounds newest first (closed ones only unless asked otherwise). Onboarding rounds ask one new joiner: they
 * never enter group results or team scores, whatever the anonymity threshold.
 */
export async function recentRounds(
  db: Db,
  tenantId: string,
  options: { limit: number; closedOnly: boolean; openedBy?: string },
): Promise<SurveyRoundRow[]> {
  let query = db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '!=', 'onboarding');
  if (options.closedOnly) query = query.where('closed_at', 'is not', null);
  if (options.openedBy) query = query.where('opened_on', '<=', options.openedBy);
  return query.orderBy('opened_on', 'desc').orderBy('created_at', 'desc').limit(options.limit).execute();
}

export interface Invitee {
  employeeId: string;
  teamId: string | null;
}

export async function insertParticipation(
  db: Db,
  tenantId: string,
  roundId: string,
  invitees: readonly Invitee[],
): Promise<void> {
  for (let i = 0; i < invitees.length; i += 500) {
    await db
      .insertInto('survey_participation')
      .values(
        invitees.slice(i, i + 500).map((p) => ({
          tenant_id: tenantId,
          round_id: roundId,
          employee_id: p.employeeId,
          team_id: p.teamId,
        })),
      )
      .onConflict((oc) => oc.columns(['round_id', 'employee_id']).doNothing())
      .execute();
  }
}

export async function findParticipation(db: Db, roundId: string, employeeId: string) {
  return db
    .selectFrom('survey_participation')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
}

export async function markParticipation(
  db: Db,
  roundId: string,
  employeeId: string,
  set: { answered?: boolean; muted?: boolean; reminded?: boolean },
): Promise<void> {
  await db
    .updateTable('survey_participation')
    .set(set)
    .where('round_id', '=', roundId)
    .where('employee_id', '=', employeeId)
    .execute();
}

export async function participationOf(db: Db, roundId: string) {
  return db.selectFrom('survey_participation').selectAll().where('round_id', '=', roundId).execute();
}

/** The person's latest open round they were invited to (for a comment). */
export async function latestOpenRoundOf(db: Db, tenantId: string, employeeId: string) {
  return db
    .selectFrom('survey_participation')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'survey_participation.round_id')
    .selectAll('survey_rounds')
    .select(['survey_participation.team_id as participant_team_id'])
    .where('survey_participation.tenant_id', '=', tenantId)
    .where('survey_participation.employee_id', '=', employeeId)
    .where('survey_rounds.closed_at', 'is', null)
    .orderBy('survey_rounds.opened_on', 'desc')
    .orderBy('survey_rounds.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function pseudonymOf(db: Db, tenantId: string, employeeId: string): Promise<string> {
  await db
    .insertInto('survey_pseudonyms')
    .values({ tenant_id: tenantId, employee_id: employeeId })
    .onConflict((oc) => oc.columns(['tenant_id', 'employee_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('survey_pseudonyms')
    .select('pseudonym')
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirstOrThrow();
  return row.pseudonym;
}

/** The value already given to a question by this respondent key in an open round. */
export async function answerByKey(db: Db, roundId: string, questionId: string, respondentKey: string) {
  return db
    .selectFrom('survey_answers')
    .select(['id', 'value'])
    .where('round_id', '=', roundId)
    .where('question_id', '=', questionId)
    .where('respondent_key', '=', respondentKey)
    .executeTakeFirst();
}

export async function answeredQuestionIds(db: Db, roundId: string, respondentKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_answers')
    .select('question_id')
    .where('round_id', '=', roundId)
    .where('respondent_key', '=', respondentKey)
    .execute();
  return rows.map((r) => r.question_id);
}

export async function upsertAnswer(
  db: Db,
  input: {
    tenantId: string;
    roundId: string;
    questionId: string;
    teamId: string | null;
    value: number;
    respondentKey: string;
    pseudonym: string | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_answers')
    .values({
      tenant_id: input.tenantId,
      round_id: input.roundId,
      question_id: input.questionId,
      team_id: input.teamId,
      value: input.value,
      respondent_key: input.respondentKey,
      pseudonym: input.pseudonym,
    })
    .onConflict((oc) => oc.columns(['round_id', 'question_id', 'respondent_key']).doUpdateSet({ value: input.value }))
    .execute();
}

export async function upsertComment(
  db: Db,
  input: {
    tenantId: string;
    roundId: string;
    teamId: string | null;
    text: string;
    respondentKey: string;
    pseudonym: string | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_comments')
    .values({
      tenant_id: input.tenantId,
      round_id: input.roundId,
      team_id: input.teamId,
      text: input.text,
      respondent_key: input.respondentKey,
      pseudonym: input.pseudonym,
    })
    .onConflict((oc) => oc.columns(['round_id', 'respondent_key']).doUpdateSet({ text: input.text }))
    .execute();
}

/**
 * Closes a round for good: erases its salt and every respondent key, and rewrites its answers and comments in a
 * random order so not even the physical row order hints at who answered when.
 */
export async function closeRoundStorage(db: Db, roundId: string, closedAt: Date): Promise<void> {
  const answers = await db
    .selectFrom('survey_answers')
    .select(['tenant_id', 'round_id', 'question_id', 'team_id', 'value', 'pseudonym'])
    .where('round_id', '=', roundId)
    .execute();
  const comments = await db
    .selectFrom('survey_comments')
    .select(['tenant_id', 'round_id', 'team_id', 'text', 'pseudonym'])
    .where('round_id', '=', roundId)
    .execute();
  await db.deleteFrom('survey_answers').where('round_id', '=', roundId).execute();
  await db.deleteFrom('survey_comments').where('round_id', '=', roundId).execute();
  const shuffledAnswers = shuffle(answers).map((a) => ({ ...a, respondent_key: null }));
  for (let i = 0; i < shuffledAnswers.length; i += 500)
    await db
      .insertInto('survey_answers')
      .values(shuffledAnswers.slice(i, i + 500))
      .execute();
  const shuffledComments = shuffle(comments).map((c) => ({ ...c, respondent_key: null }));
  for (let i = 0; i < shuffledComments.length; i += 500)
    await db
      .insertInto('survey_comments')
      .values(shuffledComments.slice(i, i + 500))
      .execute();
  await db.updateTable('survey_rounds').set({ closed_at: closedAt, salt: null }).where('id', '=', roundId).execute();
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Answers of rounds grouped by round, question, team and value (the only way results read answers). */
export async function answerCounts(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_answers')
    .select(['round_id', 'question_id', 'team_id', 'value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .groupBy(['round_id', 'question_id', 'team_id', 'value'])
    .execute();
}

export async function commentsOf(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_comments')
    .select(['round_id', 'team_id', 'text'])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .orderBy('text')
    .execute();
}

export async function participationCounts(db: Db, tenantId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('survey_participation')
    .select([
      'round_id',
      'team_id',
      (eb) => eb.fn.countAll<number>().as('invited'),
      sql<number>`count(*) filter (where answered)`.as('answered'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', [...roundIds])
    .groupBy(['round_id', 'team_id'])
    .execute();
}

/** Per person: closed rounds opened in [since, until] they were invited to (and did not mute), and answered. */
export async function participationByPerson(db: Db, tenantId: string, since: string, until: string) {
  return db
    .selectFrom('survey_participation')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'survey_participation.round_id')
    .select([
      'survey_participation.employee_id',
      (eb) => eb.fn.countAll<number>().as('invited'),
      sql<number>`count(*) filter (where survey_participation.answered)`.as('answered'),
    ])
    .where('survey_participation.tenant_id', '=', tenantId)
    .where('survey_participation.muted', '=', false)
    .where('survey_rounds.closed_at', 'is not', null)
    .where('survey_rounds.opened_on', '>=', since)
    .where('survey_rounds.opened_on', '<=', until)
    .groupBy('survey_participation.employee_id')
    .execute();
}
