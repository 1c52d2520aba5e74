// The tenant's question bank and survey settings: listed by anyone who runs the CLI or holds HR, changed by HR for
// the whole tenant (add, edit, retire items; mode, cadence, thresholds). The built-in bank is copied into a tenant's
// bank the first time it is used, so a tenant's edits never touch another tenant.
import { DEFAULT_BANK } from '../../core/surveys/bank.js';
import {
  SURVEY_CADENCES,
  SURVEY_DRIVERS,
  type SurveyCadence,
  type SurveyDriver,
  type SurveyMode,
  type SurveyScale,
} from '../../core/surveys/types.js';
import { thresholdProblems } from '../../core/surveys/anonymity.js';
import { textProblem } from '../../core/validation/index.js';
import type { Locale } from '../../core/i18n/index.js';
import type { Db } from '../../storage/database.js';
import type { SurveyQuestionRow } from '../../storage/tables/surveys.js';
import {
  countQuestions,
  findQuestionByRef,
  insertQuestion,
  listQuestionRows,
  loadSurveySettings,
  saveSurveySettings,
  seedQuestions,
  updateQuestion,
  type SurveySettings,
} from '../../storage/repositories/survey-bank.js';
import type { Access } from '../access/index.js';
import { ConflictError, InvalidInputError, NotFoundError, type ErrorDetail } from '../errors.js';

export interface QuestionView {
  id: string;
  key: string;
  driver: SurveyDriver;
  scale: SurveyScale;
  /** In the asked locale. */
  text: string;
  texts: { 'zh-CN': string; en: string };
  retired: boolean;
}

export const questionView = (row: SurveyQuestionRow, locale: Locale): QuestionView => ({
  id: row.id,
  key: row.key,
  driver: row.driver,
  scale: row.scale,
  text: locale === 'zh-CN' ? row.text_zh : row.text_en,
  texts: { 'zh-CN': row.text_zh, en: row.text_en },
  retired: row.retired_at !== null,
});

/** Seeds the built-in bank into a tenant that has no question yet (idempotent). */
export async function ensureQuestionBank(db: Db, tenantId: string): Promise<void> {
  if ((await countQuestions(db, tenantId)) === 0) await seedQuestions(db, tenantId, DEFAULT_BANK);
}

export async function listQuestions(
  access: Access,
  options: { locale?: Locale; includeRetired?: boolean } = {},
): Promise<{ locale: Locale; questions: QuestionView[] }> {
  access.require('surveys.send');
  await ensureQuestionBank(access.db, access.tenantId);
  const locale = options.locale ?? (await access.tenant()).locale;
  const rows = await listQuestionRows(access.db, access.tenantId, { includeRetired: options.includeRetired ?? false });
  return { locale, questions: rows.map((row) => questionView(row, locale)) };
}

function checkText(path: string, value: string | undefined, problems: ErrorDetail[]): void {
  if (value === undefined) return;
  const problem = textProblem(value);
  if (problem) problems.push({ path, message: problem });
  else if (value.trim() === '') problems.push({ path, message: 'must not be empty' });
  else if (value.trim().length > 300) problems.push({ path, message: 'at most 300 characters' });
}

export interface NewQuestion {
  driver: string;
  scale?: string;
  textZh: string;
  textEn: string;
}

export async function addQuestion(access: Access, input: NewQuestion): Promise<QuestionView> {
  access.require('surveys.manage');
  const problems: ErrorDetail[] = [];
  if (!SURVEY_DRIVERS.includes(input.driver as SurveyDriver))
    problems.push({ path: '/driver', message: `must be one of ${SURVEY_DRIVERS.join(', ')}` });
  const scale = (input.scale ?? (input.driver === 'enps' ? 'nps11' : 'agree5')) as SurveyScale;
  if (scale !== 'agree5' && scale !== 'nps11') problems.push({ path: '/scale', message: 'must be agree5 or nps11' });
  checkText('/textZh', input.textZh, problems);
  checkText('/textEn', input.textEn, problems);
  if (problems.length > 0) throw new InvalidInputError('invalid question', problems);
  await ensureQuestionBank(access.db, access.tenantId);
  const existing = await listQuestionRows(access.db, access.tenantId, { includeRetired: true });
  const next = 1 + existing.filter((q) => q.key.startsWith('custom.')).length;
  const row = await insertQuestion(access.db, {
    tenantId: access.tenantId,
    key: `custom.${next}`,
    driver: input.driver as SurveyDriver,
    scale,
    textZh: input.textZh.trim(),
    textEn: input.textEn.trim(),
  });
  await access.audit('survey.question.add', { type: 'tenant', id: access.tenantId }, { key: row.key });
  return questionView(row, (await access.tenant()).locale);
}

async function requireQuestion(access: Access, ref: string): Promise<SurveyQuestionRow> {
  await ensureQuestionBank(access.db, access.tenantId);
  const row = await findQuestionByRef(access.db, access.tenantId, ref);
  if (!row) throw new NotFoundError(`no survey question "${ref}"`, [{ path: '/question', message: 'not found' }]);
  return row;
}

export async function editQuestion(
  access: Access,
  ref: string,
  patch: { textZh?: string; textEn?: string },
): Promise<QuestionView> {
  access.require('surveys.manage');
  const problems: ErrorDetail[] = [];
  checkText('/textZh', patch.textZh, problems);
  checkText('/textEn', patch.textEn, problems);
  if (patch.textZh === undefined && patch.textEn === undefined)
    problems.push({ path: '/text', message: 'give a new text in zh-CN and/or en' });
  if (problems.length > 0) throw new InvalidInputError('invalid question edit', problems);
  const row = await requireQuestion(access, ref);
  const updated = await updateQuestion(access.db, access.tenantId, row.id, {
    ...(patch.textZh !== undefined ? { textZh: patch.textZh.trim() } : {}),
    ...(patch.textEn !== undefined ? { textEn: patch.textEn.trim() } : {}),
  });
  await access.audit('survey.question.edit', { type: 'tenant', id: access.tenantId }, { key: row.key });
  return questionView(updated, (await access.tenant()).locale);
}

/** Retires an item (kept for past results, never asked again); `restore` brings it back. */
export async function retireQuestion(access: Access, ref: string, restore = false): Promise<QuestionView> {
  access.require('surveys.manage');
  const row = await requireQuestion(access, ref);
  if (!restore) {
    const active = await listQuestionRows(access.db, access.tenantId);
    if (active.length <= 1 && row.retired_at === null)
      throw new ConflictError('the last active question cannot be retired');
  }
  const updated = await updateQuestion(access.db, access.tenantId, row.id, {
    retiredAt: restore ? null : (row.retired_at ?? new Date()),
  });
  await access.audit(
    restore ? 'survey.question.restore' : 'survey.question.retire',
    {
      type: 'tenant',
      id: access.tenantId,
    },
    { key: row.key },
  );
  return questionView(updated, (await access.tenant()).locale);
}

export async function surveySettings(access: Access): Promise<SurveySettings> {
  access.require('surveys.send');
  return loadSurveySettings(access.db, access.tenantId);
}

export interface SettingsPatch {
  enabled?: boolean;
  mode?: string;
  cadence?: string;
  questionsPerRound?: number;
  minRespondents?: number;
  minCommentRespondents?: number;
}

export async function updateSurveySettings(access: Access, patch: SettingsPatch): Promise<SurveySettings> {
  access.require('surveys.manage');
  const problems: ErrorDetail[] = [];
  if (patch.mode !== undefined && patch.mode !== 'anonymous' && patch.mode !== 'confidential')
    problems.push({ path: '/mode', message: 'must be anonymous or confidential' });
  if (patch.cadence !== undefined && !SURVEY_CADENCES.includes(patch.cadence as SurveyCadence))
    problems.push({ path: '/cadence', message: `must be one of ${SURVEY_CADENCES.join(', ')}` });
  if (
    patch.questionsPerRound !== undefined &&
    (!Number.isInteger(patch.questionsPerRound) || patch.questionsPerRound < 1 || patch.questionsPerRound > 10)
  )
    problems.push({ path: '/questionsPerRound', message: 'must be a whole number from 1 to 10' });
  problems.push(
    ...thresholdProblems({
      ...(patch.minRespondents !== undefined ? { minRespondents: patch.minRespondents } : {}),
      ...(patch.minCommentRespondents !== undefined ? { minCommentRespondents: patch.minCommentRespondents } : {}),
    }),
  );
  if (problems.length > 0) throw new InvalidInputError('invalid survey settings', problems);
  const current = await loadSurveySettings(access.db, access.tenantId);
  const next: SurveySettings = {
    ...current,
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(patch.mode !== undefined ? { mode: patch.mode as SurveyMode } : {}),
    ...(patch.cadence !== undefined ? { cadence: patch.cadence as SurveyCadence } : {}),
    ...(patch.questionsPerRound !== undefined ? { questionsPerRound: patch.questionsPerRound } : {}),
    ...(patch.minRespondents !== undefined ? { minRespondents: patch.minRespondents } : {}),
    ...(patch.minCommentRespondents !== undefined ? { minCommentRespondents: patch.minCommentRespondents } : {}),
  };
  await saveSurveySettings(access.db, access.tenantId, next);
  await access.audit('survey.settings', { type: 'tenant', id: access.tenantId }, { ...next });
  return next;
}
