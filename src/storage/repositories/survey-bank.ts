// Pulse-survey storage, the bank: the tenant's survey settings and its question bank (seeded, added, edited, retired).
import type { Db } from '../database.js';
import { countRows } from './count.js';
import { nextNumber } from './next-number.js';
import type { SurveyQuestionRow } from '../tables/surveys.js';
import type { BankQuestion } from '../../core/surveys/bank.js';
import type { SurveyCadence, SurveyDriver, SurveyMode, SurveyScale } from '../../core/surveys/types.js';

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
  const row = await db
    .selectFrom('survey_settings')
    .select([
      'enabled',
      'mode',
      'cadence',
      'questions_per_round as questionsPerRound',
      'min_respondents as minRespondents',
      'min_comment_respondents as minCommentRespondents',
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ?? DEFAULT_SURVEY_SETTINGS;
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
  return countRows(db.selectFrom('survey_questions').where('tenant_id', '=', tenantId));
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
  return db
    .insertInto('survey_questions')
    .values({
      tenant_id: input.tenantId,
      key: input.key,
      driver: input.driver,
      scale: input.scale,
      text_zh: input.textZh,
      text_en: input.textEn,
      position: nextNumber('survey_questions', 'position', input.tenantId, 10),
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
    .where((eb) => eb.and({ tenant_id: tenantId, id }))
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
