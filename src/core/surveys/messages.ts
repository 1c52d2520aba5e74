// The neutral messages of a pulse survey (rendered by every platform adapter): one message per question with a
// button per scale point and a "skip this round" button, the invitation's anonymity statement on each question,
// and the follow-up prompt for a free-text comment. Button values carry the round and question, never a person.
import { t, type Locale } from '../i18n/index.js';
import type { MessageBlock, MessageButton, OutboundMessage } from '../messages/types.js';
import { scaleRange, type SurveyMode, type SurveyScale } from './types.js';

export const ANSWER_ACTION = 'survey.answer';
export const MUTE_ACTION = 'survey.mute';

export interface QuestionMessageInput {
  locale: Locale;
  roundId: string;
  questionId: string;
  /** The question in the recipient's locale. */
  text: string;
  scale: SurveyScale;
  mode: SurveyMode;
  /** 1-based position in the round, and the round's number of questions. */
  n: number;
  total: number;
  closesOn: string;
  minRespondents: number;
  reminder?: boolean;
  /** A new joiner's onboarding round: its own statement (only they are asked; kept out of every team result). */
  onboarding?: boolean;
}

export function answerValue(roundId: string, questionId: string, value: number): string {
  return `${roundId}:${questionId}:${value}`;
}

export function parseAnswerValue(value: string): { roundId: string; questionId: string; value: number } | null {
  const match = /^([0-9a-f-]{36}):([0-9a-f-]{36}):(\d{1,2})$/i.exec(value);
  if (!match) return null;
  return { roundId: match[1]!.toLowerCase(), questionId: match[2]!.toLowerCase(), value: Number(match[3]) };
}

export function questionMessage(input: QuestionMessageInput): OutboundMessage {
  const { locale } = input;
  const { min, max } = scaleRange(input.scale);
  const buttons: MessageButton[] = [];
  for (let v = min; v <= max; v += 1)
    buttons.push({
      actionId: ANSWER_ACTION,
      value: answerValue(input.roundId, input.questionId, v),
      label: String(v),
    });
  buttons.push({ actionId: MUTE_ACTION, value: input.roundId, label: t(locale, 'survey.button.mute') });
  const header = t(locale, 'survey.header', { n: input.n, total: input.total });
  const blocks: MessageBlock[] = [
    ...(input.reminder
      ? [{ type: 'context' as const, text: t(locale, 'survey.reminderHeader', { closesOn: input.closesOn }) }]
      : []),
    { type: 'header', text: header },
    { type: 'text', text: input.text },
    { type: 'context', text: t(locale, `survey.scale.${input.scale}`, { closesOn: input.closesOn }) },
    { type: 'buttons', buttons },
    {
      type: 'context',
      text: input.onboarding
        ? t(locale, 'survey.mode.onboarding')
        : t(locale, `survey.mode.${input.mode}`, { min: input.minRespondents }),
    },
  ];
  return { blocks, fallbackText: `${header}: ${input.text}` };
}

export function commentPromptMessage(locale: Locale, minCommentRespondents: number): OutboundMessage {
  const header = t(locale, 'survey.commentPrompt.header');
  const text = t(locale, 'survey.commentPrompt.text', { min: minCommentRespondents });
  return {
    blocks: [
      { type: 'header', text: header },
      { type: 'text', text },
    ],
    fallbackText: `${header}\n${text}`,
  };
}
