// OutboundMessage → Block Kit + fallback text. Pure: no clock, no I/O, same input ⇒ same payload.
// Everything we put in mrkdwn is escaped (&, <, >), so a name like "<!channel>" can never ping a channel; Slack's
// size limits are enforced here by shortening text (never values: a button value that does not fit throws, and the
// outbox dead-letters the message as bad_request instead of sending a button that would no longer work).
import type { types as SlackTypes } from '@slack/bolt';
import type { MessageBlock, MessageButton, OutboundMessage } from '../../src/core/messages/types.js';

export type SlackBlock = SlackTypes.KnownBlock;

export interface SlackPayload {
  /** Notification and screen-reader text (chat.postMessage `text`). */
  text: string;
  blocks: SlackBlock[];
}

/** Slack's documented Block Kit limits (characters / items). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonsPerActions: 25,
  /** chat.postMessage truncates `text` beyond 40,000; notifications show far less. */
  fallbackText: 4000,
} as const;

/**
 * Slack wants action_ids unique within a message, but one neutral actionId may label several buttons (the four
 * alert-feedback buttons). Each rendered action_id is `<actionId>#<index>`; parse strips the suffix again.
 */
export const ACTION_ID_SEPARATOR = '#';

export function slackActionId(actionId: string, index: number): string {
  return `${actionId}${ACTION_ID_SEPARATOR}${index}`;
}

export function neutralActionId(slackId: string): string {
  const at = slackId.lastIndexOf(ACTION_ID_SEPARATOR);
  return at > 0 && /^\d+$/.test(slackId.slice(at + 1)) ? slackId.slice(0, at) : slackId;
}

/** Escapes text for mrkdwn: only &, < and > are control characters there. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens to at most `max` characters (code points, so emoji and CJK are never split), ending with "…". */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

const plain = (text: string, max: number): SlackTypes.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text.trim() === '' ? ' ' : text, max),
  emoji: true,
});

const mrkdwn = (text: string, max: number): SlackTypes.MrkdwnElement => ({
  type: 'mrkdwn',
  // Escape first, then shorten: an entity cut in half would show as text.
  text: truncateEscaped(escapeMrkdwn(text), max),
});

/** Truncates escaped mrkdwn without splitting an entity such as &amp;. */
function truncateEscaped(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  return cut.replace(/&[a-z]{0,3}…$/, '…');
}

/**
 * Only http(s) links, with the characters that end a Slack link (| and >) percent-encoded and & escaped as in
 * all mrkdwn (Slack itself writes `&amp;` inside the links of the messages it sends).
 */
function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C').replace(/&/g, '&amp;');
  } catch {
    return undefined;
  }
}

function button(b: MessageButton, index: number): SlackTypes.Button {
  const actionId = slackActionId(b.actionId, index);
  if (actionId.length > SLACK_LIMITS.actionId)
    throw new Error(`button actionId is longer than Slack allows (${SLACK_LIMITS.actionId})`);
  if (b.value.length > SLACK_LIMITS.buttonValue)
    throw new Error(`button value is longer than Slack allows (${SLACK_LIMITS.buttonValue})`);
  return {
    type: 'button',
    action_id: actionId,
    text: plain(b.label, SLACK_LIMITS.buttonText),
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function renderBlock(block: MessageBlock, nextButton: () => number): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, SLACK_LIMITS.headerText) }];
    case 'text':
      return [{ type: 'section', text: mrkdwn(block.text, SLACK_LIMITS.sectionText) }];
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(block.text, SLACK_LIMITS.contextText)] }];
    case 'fields':
      return chunk(block.fields, SLACK_LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((f) => {
          const label = `*${truncateEscaped(escapeMrkdwn(f.label), 200)}*`;
          return { type: 'mrkdwn', text: `${label}\n${truncateEscaped(escapeMrkdwn(f.value), 1700)}` };
        }),
      }));
    case 'buttons':
      return chunk(block.buttons, SLACK_LIMITS.buttonsPerActions).map((buttons) => ({
        type: 'actions',
        elements: buttons.map((b) => button(b, nextButton())),
      }));
    case 'link': {
      const url = safeUrl(block.url);
      const label = truncateEscaped(escapeMrkdwn(block.label), 500);
      return [{ type: 'section', text: { type: 'mrkdwn', text: url ? `<${url}|${label}>` : label } }];
    }
  }
}

export function renderSlack(message: OutboundMessage): SlackPayload {
  let buttons = 0;
  const blocks = message.blocks.flatMap((block) => renderBlock(block, () => buttons++));
  return {
    text: truncate(message.fallbackText, SLACK_LIMITS.fallbackText),
    blocks: capBlocks(blocks),
  };
}

/** At most 50 blocks: the buttons always stay (they are how a person answers), the tail of the rest goes. */
function capBlocks(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions').slice(0, SLACK_LIMITS.blocks);
  const room = SLACK_LIMITS.blocks - actions.length;
  const keep = new Set<SlackBlock>([...blocks.filter((b) => b.type !== 'actions').slice(0, room), ...actions]);
  return blocks.filter((b) => keep.has(b));
}
