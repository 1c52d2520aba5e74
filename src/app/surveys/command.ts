// The chat verbs of surveys, registered through the command layer (issue I): `survey [team]` / `调查 [团队]` — group
// results for managers (their teams) and HR (any team in reach), never an individual's answers — and
// `comment <text>` / `评论 <内容>`, the answer to the follow-up prompt after a pulse's last question — and
// `answer <n>` / `回答 <n>`, the current question answered by text (wherever buttons cannot be used: a client that
// does not show cards, a markdown fallback).
import { ANSWER_REPLY } from './inbound.js';
import { t } from '../../core/i18n/index.js';
import { textReply } from '../inbound/dispatch.js';
import { leadingWordsAndText, oneWord, optionalWord } from '../commands/args.js';
import { defineVerb, UsageError } from '../commands/types.js';
import { answerCurrentQuestion, commentOnRound } from './answer.js';
import { resultsMessage } from './inbound.js';
import { surveyResults } from './results.js';

export const surveyVerb = defineVerb({
  name: 'survey',
  aliases: ['调查'],
  minimum: 'manager',
  summaryKey: 'command.survey.description',
  usageKey: 'command.survey.usage',
  parse: optionalWord,
  async run(ctx, { word }) {
    const results = await surveyResults(ctx.access, { ...(word ? { team: word } : {}), locale: ctx.locale });
    return resultsMessage(results, ctx.locale);
  },
});

const COMMENT_REPLY = {
  saved: 'survey.reply.commentSaved',
  no_round: 'survey.reply.commentNoRound',
  empty: 'survey.reply.commentEmpty',
  too_long: 'survey.reply.commentTooLong',
} as const;

export const commentVerb = defineVerb({
  name: 'comment',
  aliases: ['评论'],
  minimum: 'employee',
  summaryKey: 'command.comment.description',
  usageKey: 'command.comment.usage',
  parse: (args) => ({ text: leadingWordsAndText(args, 0, { textRequired: true }).text }),
  async run(ctx, { text }) {
    const employeeId = ctx.access.actor.employeeId;
    if (!employeeId) return textReply(t(ctx.locale, 'survey.reply.commentNoRound'));
    const outcome = await commentOnRound(ctx.db, { tenantId: ctx.access.tenantId, employeeId, text });
    return textReply(t(ctx.locale, COMMENT_REPLY[outcome]));
  },
});

const ANSWER_BY_TEXT_REPLY = { ...ANSWER_REPLY, no_question: 'survey.reply.answerNoQuestion' } as const;

export const answerVerb = defineVerb({
  name: 'answer',
  aliases: ['回答'],
  minimum: 'employee',
  summaryKey: 'command.answer.description',
  usageKey: 'command.answer.usage',
  parse: (args) => {
    const { word } = oneWord(args);
    if (!/^\d{1,2}$/.test(word)) throw new UsageError();
    return { value: Number(word) };
  },
  async run(ctx, { value }) {
    const employeeId = ctx.access.actor.employeeId;
    if (!employeeId) return textReply(t(ctx.locale, 'survey.reply.answerNoQuestion'));
    const outcome = await answerCurrentQuestion(ctx.db, {
      tenantId: ctx.access.tenantId,
      employeeId,
      value,
      now: ctx.now,
      quietHours: ctx.quietHours ?? true,
    });
    return textReply(t(ctx.locale, ANSWER_BY_TEXT_REPLY[outcome]));
  },
});
