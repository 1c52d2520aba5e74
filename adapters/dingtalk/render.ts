// Pure rendering of the neutral OutboundMessage for DingTalk (no clock, no I/O, same input ⇒ same output):
// - buttons ⇒ an interactive card (互动卡片普通版, template "StandardCard", sent with the robot's
//   interactiveCards/send). Each "request" button's id carries its (actionId, value) as a token `tp1.<base64url>`;
//   the client appends a signature per installation before sending (client.ts), and the click comes back with that
//   id (parse.ts). The card also carries a markdown rendering, used when the card API refuses the card;
// - a single link and no buttons ⇒ an ActionCard (sampleActionCard: one button that opens the URL);
// - otherwise ⇒ markdown (sampleMarkdown).
// DingTalk ActionCard buttons can only open URLs, so they never carry feedback buttons.
import type { MessageButton, OutboundMessage } from '../../src/core/messages/types.js';
import { markdownOfBlock, type MarkdownDialect } from '../shared/markdown.js';
import { buttonToken, decodeButtonToken } from './buttons.js';

export interface DingTalkMarkdown {
  title: string;
  text: string;
}

export interface StandardCardButton {
  type: 'button';
  label: { type: 'text'; text: string; id: string };
  actionType: 'request' | 'openLink';
  url?: { all: string };
  status: 'primary' | 'normal' | 'warning';
  id: string;
}

export type StandardCardContent =
  | { type: 'markdown'; text: string; id: string }
  | { type: 'text'; text: string; id: string }
  | { type: 'divider'; id: string }
  | { type: 'action'; actions: StandardCardButton[]; id: string };

/** The card JSON of the "StandardCard" template (dingtalk-stream-sdk-python interactive_card.py samples). */
export interface StandardCard {
  config: { autoLayout: boolean; enableForward: boolean };
  header: { title: { type: 'text'; text: string } };
  contents: StandardCardContent[];
}

export type DingTalkPayload =
  | { kind: 'card'; card: StandardCard; markdown: DingTalkMarkdown; fallbackText: string }
  | {
      kind: 'actionCard';
      actionCard: { title: string; text: string; singleTitle: string; singleURL: string };
      fallbackText: string;
    }
  | { kind: 'markdown'; markdown: DingTalkMarkdown; fallbackText: string };

/** A markdown title is what the notification shows: one line, bounded. */
function titleOf(message: OutboundMessage): string {
  const header = message.blocks.find((b) => b.type === 'header');
  const text = header?.type === 'header' ? header.text : message.fallbackText;
  const line = text.split('\n')[0]!.trim();
  return [...line].length > 60 ? `${[...line].slice(0, 59).join('')}…` : line || 'teampulse';
}

/** DingTalk markdown needs a hard break ("  \n") to keep a line break inside a paragraph. */
const DINGTALK_MARKDOWN: MarkdownDialect = { heading: '####', lineBreak: '  \n' };

export function renderMarkdown(message: OutboundMessage): DingTalkMarkdown {
  const parts = message.blocks
    .map((block) => markdownOfBlock(block, DINGTALK_MARKDOWN))
    .filter((p): p is string => p !== undefined && p !== '');
  return { title: titleOf(message), text: parts.length ? parts.join('\n\n') : message.fallbackText };
}

const STATUS: Record<NonNullable<MessageButton['style']> | 'none', StandardCardButton['status']> = {
  primary: 'primary',
  danger: 'warning',
  none: 'normal',
};

function renderCard(message: OutboundMessage): StandardCard {
  const header = message.blocks.find((b) => b.type === 'header');
  const contents: StandardCardContent[] = [];
  message.blocks.forEach((block, i) => {
    if (block.type === 'header' && block === header) return;
    if (block.type === 'buttons') {
      contents.push({
        type: 'action',
        id: `action_${i}`,
        actions: block.buttons.map((button, j) => ({
          type: 'button',
          label: { type: 'text', text: button.label, id: `label_${i}_${j}` },
          actionType: 'request',
          status: STATUS[button.style ?? 'none'],
          id: buttonToken(button.actionId, button.value),
        })),
      });
      return;
    }
    if (block.type === 'link') {
      contents.push({
        type: 'action',
        id: `action_${i}`,
        actions: [
          {
            type: 'button',
            label: { type: 'text', text: block.label, id: `label_${i}_0` },
            actionType: 'openLink',
            url: { all: block.url },
            status: 'normal',
            id: `link_${i}`,
          },
        ],
      });
      return;
    }
    if (block.type === 'context') {
      contents.push({ type: 'divider', id: `divider_${i}` }, { type: 'text', text: block.text, id: `context_${i}` });
      return;
    }
    const text = markdownOfBlock(block, DINGTALK_MARKDOWN);
    if (text) contents.push({ type: 'markdown', text, id: `md_${i}` });
  });
  return {
    config: { autoLayout: true, enableForward: false },
    header: { title: { type: 'text', text: header?.type === 'header' ? header.text : titleOf(message) } },
    contents,
  };
}

export function renderDingTalk(message: OutboundMessage): DingTalkPayload {
  const fallbackText = message.fallbackText;
  const hasButtons = message.blocks.some((b) => b.type === 'buttons' && b.buttons.length > 0);
  if (hasButtons) return { kind: 'card', card: renderCard(message), markdown: renderMarkdown(message), fallbackText };
  const links = message.blocks.filter((b) => b.type === 'link');
  if (links.length === 1 && links[0]!.type === 'link') {
    const rest = renderMarkdown({ ...message, blocks: message.blocks.filter((b) => b.type !== 'link') });
    return {
      kind: 'actionCard',
      actionCard: { title: rest.title, text: rest.text, singleTitle: links[0]!.label, singleURL: links[0]!.url },
      fallbackText,
    };
  }
  return { kind: 'markdown', markdown: renderMarkdown(message), fallbackText };
}

/** Every (actionId, value) the payload's buttons carry, in order (the contract test reads them back). */
export function buttonsOfPayload(payload: DingTalkPayload): Array<{ actionId: string; value: string }> {
  if (payload.kind !== 'card') return [];
  return payload.card.contents.flatMap((c) =>
    c.type === 'action'
      ? c.actions.flatMap((a) => {
          const decoded = a.actionType === 'request' ? decodeButtonToken(a.id) : undefined;
          return decoded ? [decoded] : [];
        })
      : [],
  );
}
