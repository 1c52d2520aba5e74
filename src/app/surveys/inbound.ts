// Chat and console entry points of surveys registered with the inbound dispatcher: the answer and mute buttons of
// a question (`survey.answer` value `<round>:<question>:<value>`, `survey.mute` value `<round>`). The `survey` and
// `comment` verbs register through the command layer (command.ts, listed in src/app/commands/verbs/index.ts).
import { t, tDynamic, type Locale } from '../../core/i18n/index.js';
import type { MessageBlock, OutboundMessage } from '../../core/messages/types.js';
import { ANSWER_ACTION, MUTE_ACTION, parseAnswerValue } from '../../core/surveys/index.js';
import { textReply, type InboundDispatcher } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { answerQuestion, muteRound } from './answer.js';
import type { SurveyResults } from './results.js';

/** The reply to each outcome of an answer (a button here, the `answer` verb in command.ts). */
export const ANSWER_REPLY = {
  recorded: 'survey.reply.recorded',
  changed: 'survey.reply.changed',
  same: 'survey.reply.same',
  closed: 'survey.reply.closed',
  unknown: 'survey.reply.unknown',
} as const;

export function registerSurveys(dispatcher: InboundDispatcher, deps: InboundDeps): void {
  dispatcher.onAction(ANSWER_ACTION, async (event, ctx) => {
    const parsed = parseAnswerValue(event.value);
    if (!parsed || !ctx.employeeId) return { reply: textReply(t(ctx.locale, 'survey.reply.unknown')) };
    const outcome = await answerQuestion(deps.db, {
      tenantId: ctx.tenantId,
      employeeId: ctx.employeeId,
      ...parsed,
      now: ctx.now,
      quietHours: deps.quietHours ?? true,
    });
    return { reply: textReply(t(ctx.locale, ANSWER_REPLY[outcome])) };
  });

  dispatcher.onAction(MUTE_ACTION, async (event, ctx) => {
    if (!ctx.employeeId) return { reply: textReply(t(ctx.locale, 'survey.reply.unknown')) };
    const outcome = await muteRound(deps.db, {
      tenantId: ctx.tenantId,
      employeeId: ctx.employeeId,
      roundId: event.value,
    });
    const key = outcome === 'muted' ? 'survey.reply.muted' : ANSWER_REPLY[outcome];
    return { reply: textReply(t(ctx.locale, key)) };
  });
}

/** Group results as a chat message: one block per group, each driver with its score or why it is hidden. */
export function resultsMessage(results: SurveyResults, locale: Locale): OutboundMessage {
  const blocks: MessageBlock[] = [];
  const title = t(locale, 'survey.results.title', { team: results.groups[0]?.name ?? '' });
  blocks.push({ type: 'header', text: title });
  if (results.round) {
    const first = results.groups[0];
    blocks.push({
      type: 'context',
      text: t(locale, 'survey.results.round', {
        openedOn: results.round.openedOn,
        closesOn: results.round.closesOn,
        rate: first?.responseRate.pct ?? 0,
      }),
    });
  } else blocks.push({ type: 'text', text: t(locale, 'survey.results.none') });
  for (const group of results.round ? results.groups.slice(0, 8) : []) {
    blocks.push({ type: 'text', text: `${group.name} (${group.responseRate.pct ?? 0}%)` });
    blocks.push({
      type: 'fields',
      fields: group.drivers.map((d) => {
        const previous = d.trend.length > 1 ? d.trend[d.trend.length - 2]!.score : null;
        const value =
          d.score === null
            ? (d.suppressed?.message ?? '—')
            : previous === null
              ? String(d.score)
              : t(locale, 'survey.results.cell', { score: d.score, previous });
        return { label: tDynamic(locale, `survey.driver.${d.driver}`), value };
      }),
    });
    if (group.comments.shown)
      for (const text of group.comments.items.slice(0, 5)) blocks.push({ type: 'text', text: `“${text}”` });
    else if (group.comments.suppressed) blocks.push({ type: 'context', text: group.comments.suppressed.message });
  }
  if (results.openRound)
    blocks.push({
      type: 'context',
      text: t(locale, 'survey.results.open', {
        openedOn: results.openRound.openedOn,
        closesOn: results.openRound.closesOn,
        rate: results.openRound.responseRate ?? 0,
      }),
    });
  blocks.push({ type: 'context', text: t(locale, 'survey.results.footer') });
  return { blocks, fallbackText: title };
}
