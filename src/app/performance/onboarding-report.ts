// `teampulse report onboarding`: HR's view of the onboarding pulses (day 7/30/60) of every new joiner of a span —
// how many were sent, how many answered, and the average per question — never per person. Anonymity as in group
// survey results, with two more guards because a span is chosen freely and pulses close one by one:
// - the span is widened to whole calendar months, and each pulse's figures are the sum of per-month cells, so two
//   reports of different spans differ by whole months only;
// - a month counts towards `answered` only when at least the tenant's threshold (min respondents) of pulses were
//   sent that month, and towards a question's average only when all of that month's pulses are closed (its figures
//   never change again) and at least the threshold answered that question. Other months are counted as suppressed.
import { effectiveThresholds } from '../../core/surveys/index.js';
import { ONBOARDING_QUESTIONS, periodDays, type OnboardingPulse } from '../../core/performance/index.js';
import { answerCounts } from '../../storage/repositories/survey-results.js';
import { loadSurveySettings, questionsByIds } from '../../storage/repositories/survey-bank.js';
import { onboardingRoundsOpenedIn } from '../../storage/repositories/onboarding-rounds.js';
import type { Access } from '../access/index.js';
import { resolveWindow, type WindowInput } from './report-window.js';

export interface OnboardingQuestionResult {
  key: string;
  text: { 'zh-CN': string; en: string };
  /** Answers counted (in months that met the threshold); null average when none did. */
  respondents: number;
  average: number | null;
}

export interface OnboardingPulseResult {
  pulse: OnboardingPulse;
  day: number;
  sent: number;
  /** Answered, out of `answeredOf` sent in the months where at least the threshold were sent. */
  answered: number;
  answeredOf: number;
  questions: OnboardingQuestionResult[];
  /** Months with pulses sent whose answers are left out (too few, or some still open). */
  suppressedMonths: number;
}

export interface OnboardingReport {
  /** The span of days pulses were sent, widened to whole months. */
  from: string;
  to: string;
  minRespondents: number;
  pulses: OnboardingPulseResult[];
}

/** The first and last day of a day's calendar month (scorecard periods: '2026-03' → 2026-03-01 … 2026-03-31). */
const monthOf = (day: string) => periodDays(day.slice(0, 7)) ?? { from: day, to: day };

export async function onboardingReport(
  access: Access,
  options: WindowInput & { now?: Date } = {},
): Promise<OnboardingReport> {
  access.require('reports.read');
  const { db, tenantId } = access;
  const tenant = await access.tenant();
  const window = await resolveWindow(db, tenant, options, options.now ?? new Date());
  const from = monthOf(window.from).from;
  const to = monthOf(window.to).to;
  const { minRespondents } = effectiveThresholds(await loadSurveySettings(db, tenantId));
  const rounds = await onboardingRoundsOpenedIn(db, tenantId, from, to);
  const answers = await answerCounts(
    db,
    tenantId,
    rounds.filter((r) => r.closed_at !== null).map((r) => r.id),
  );
  const texts = new Map(
    (await questionsByIds(db, tenantId, [...new Set(answers.map((a) => a.question_id))])).map((q) => [q.id, q]),
  );

  const pulses = (Object.keys(ONBOARDING_QUESTIONS) as OnboardingPulse[]).map((pulse) =>
    pulseResult(pulse, rounds, answers, texts, minRespondents),
  );
  await access.audit('report.onboarding', { type: 'tenant', id: tenantId }, { from, to });
  return { from, to, minRespondents, pulses };
}

type Round = Awaited<ReturnType<typeof onboardingRoundsOpenedIn>>[number];
type AnswerCount = Awaited<ReturnType<typeof answerCounts>>[number];
type Question = Awaited<ReturnType<typeof questionsByIds>>[number];
type KeyTotals = Map<string, { text: OnboardingQuestionResult['text']; n: number; sum: number }>;

/** One pulse: rounds sent, response rate and per-question averages over the months large enough to show. */
function pulseResult(
  pulse: OnboardingPulse,
  rounds: Round[],
  answers: AnswerCount[],
  texts: Map<string, Question>,
  minRespondents: number,
): OnboardingPulseResult {
  const own = rounds.filter((r) => r.created_by === `onboarding:${pulse}`);
  const months = new Map<string, typeof own>();
  for (const r of own) months.set(r.opened_on.slice(0, 7), [...(months.get(r.opened_on.slice(0, 7)) ?? []), r]);
  const result: OnboardingPulseResult = {
    pulse,
    day: Number(pulse.replace('pulse_day_', '')),
    sent: own.length,
    answered: 0,
    answeredOf: 0,
    questions: [],
    suppressedMonths: 0,
  };
  // Per question key (HR may reword a question; its key stays): summed over the months that may be shown.
  const perKey: KeyTotals = new Map();
  for (const monthRounds of months.values()) {
    const invited = monthRounds.reduce((a, r) => a + Number(r.invited), 0);
    const answered = monthRounds.reduce((a, r) => a + Number(r.answered), 0);
    if (invited >= minRespondents) {
      result.answered += answered;
      result.answeredOf += invited;
    }
    const closed = monthRounds.every((r) => r.closed_at !== null);
    const ids = new Set(monthRounds.map((r) => r.id));
    const byQuestion = new Map<string, { n: number; sum: number }>();
    for (const a of answers) {
      if (!ids.has(a.round_id)) continue;
      const cell = byQuestion.get(a.question_id) ?? { n: 0, sum: 0 };
      cell.n += Number(a.n);
      cell.sum += a.value * Number(a.n);
      byQuestion.set(a.question_id, cell);
    }
    let shown = false;
    for (const [questionId, cell] of byQuestion) {
      const question = texts.get(questionId);
      if (!closed || !question || cell.n < minRespondents) continue;
      const entry = perKey.get(question.key) ?? {
        text: { 'zh-CN': question.text_zh, en: question.text_en },
        n: 0,
        sum: 0,
      };
      entry.n += cell.n;
      entry.sum += cell.sum;
      perKey.set(question.key, entry);
      shown = true;
    }
    if (!shown) result.suppressedMonths += 1;
  }
  result.questions = questionsInOrder(pulse, perKey);
  return result;
}

/** The pulse's questions in set order (a question asked under an older key, still in the tenant's bank, follows). */
function questionsInOrder(pulse: OnboardingPulse, perKey: KeyTotals): OnboardingQuestionResult[] {
  const questions: OnboardingQuestionResult[] = [];
  const order: string[] = ONBOARDING_QUESTIONS[pulse].map((q) => q.key);
  for (const key of [...order, ...[...perKey.keys()].filter((k) => !order.includes(k)).sort()]) {
    const entry = perKey.get(key);
    const builtIn = ONBOARDING_QUESTIONS[pulse].find((q) => q.key === key);
    const text = entry?.text ?? builtIn?.text;
    if (!text) continue;
    questions.push({
      key,
      text: { 'zh-CN': text['zh-CN'], en: text.en },
      respondents: entry?.n ?? 0,
      average: entry && entry.n > 0 ? Math.round((entry.sum / entry.n) * 100) / 100 : null,
    });
  }
  return questions;
}
