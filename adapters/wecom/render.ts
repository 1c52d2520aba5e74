// Pure rendering of the neutral OutboundMessage for WeCom application messages (no clock, no I/O, same input ⇒ same
// output; message/send, developer.work.weixin.qq.com/document/path/90236):
// - buttons ⇒ a `template_card` of type `button_interaction` (alerts, survey questions): ≤6 buttons, each `key`
//   carrying its (actionId, value) as `tp1.<base64url JSON>` (≤1024 bytes), so a click needs no lookup — the click
//   arrives inside a signed, encrypted callback, so the key needs no signature of its own;
// - more than 6 buttons (eNPS 0–10 plus "mute": 12) ⇒ a `vote_interaction` card instead: one single-choice question
//   whose options are the buttons (≤20) and WeCom's own submit button. The question_key (≤1,024 bytes) carries the
//   action ids and the values' common prefix, each option id (≤128 bytes) its action's index and the rest of its
//   value, so the submission decodes to the same (actionId, value) a button click would;
// - no buttons but a link ⇒ a `text_notice` card (digests), the link as the card's click target and jump list;
// - otherwise ⇒ `markdown`.
// Every payload also carries a markdown and a plain-text twin within WeCom's 2,048-byte limits, which the client
// sends when WeCom refuses the card. The card's task_id must be unique per app, so the client derives it from the
// outbox's idempotency key (render cannot: it has no key and no clock).
import type { MessageBlock, MessageButton, OutboundMessage } from '../../src/core/messages/types.js';
import { markdownOfBlock, type MarkdownDialect } from '../shared/markdown.js';

/** message/send: text.content and markdown.content are limited to 2,048 bytes (UTF-8). */
export const CONTENT_LIMIT_BYTES = 2048;
/** button_list.key: at most 1,024 bytes. */
export const BUTTON_KEY_LIMIT_BYTES = 1024;
/** button_interaction: button_list holds at most 6 buttons (doc 90236). */
const MAX_BUTTONS = 6;
/** vote_interaction: 1–20 options, option ids ≤128 bytes, question_key ≤1,024 bytes [SECONDARY: SDK copies of 90236]. */
const MAX_VOTE_OPTIONS = 20;
const OPTION_ID_LIMIT_BYTES = 128;
const MAX_HORIZONTAL = 6;
const MAX_JUMPS = 3;

export const BUTTON_KEY_PREFIX = 'tp1.';
export const VOTE_KEY_PREFIX = 'tp1v.';
/** The vote card's submit button key (the EventKey of a submission); what was chosen is in SelectedItems. */
export const VOTE_SUBMIT_KEY = 'tp1.submit';

export function buttonKeyOf(actionId: string, value: string): string {
  return BUTTON_KEY_PREFIX + Buffer.from(JSON.stringify([actionId, value]), 'utf8').toString('base64url');
}

/** The (actionId, value) of one of our button keys, or undefined when it is not one. */
export function decodeButtonKey(key: string): { actionId: string; value: string } | undefined {
  if (!key.startsWith(BUTTON_KEY_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(key.slice(BUTTON_KEY_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((x) => typeof x === 'string'))
      return { actionId: parsed[0] as string, value: parsed[1] as string };
  } catch {
    // not ours
  }
  return undefined;
}

const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
const unb64 = (value: string) => Buffer.from(value, 'base64url').toString('utf8');

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** A vote card's question_key and option ids for the buttons (each option decodes to its button's action). */
export function voteKeysOf(buttons: readonly MessageButton[]): { questionKey: string; optionIds: string[] } {
  const actions = [...new Set(buttons.map((b) => b.actionId))];
  const prefix = commonPrefix(buttons.map((b) => b.value));
  return {
    questionKey: VOTE_KEY_PREFIX + b64(JSON.stringify([actions, prefix])),
    optionIds: buttons.map((b) => `${actions.indexOf(b.actionId)}.${b64(b.value.slice(prefix.length))}`),
  };
}

/** The (actionId, value) of the option chosen on one of our vote cards, or undefined when it is not one. */
export function decodeVoteAnswer(
  questionKey: string,
  optionId: string,
): { actionId: string; value: string } | undefined {
  if (!questionKey.startsWith(VOTE_KEY_PREFIX)) return undefined;
  const match = /^(\d+)\.([A-Za-z0-9_-]*)$/.exec(optionId);
  if (!match) return undefined;
  try {
    const parsed: unknown = JSON.parse(unb64(questionKey.slice(VOTE_KEY_PREFIX.length)));
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') return undefined;
    const [actions, prefix] = parsed as [unknown, string];
    const actionId = Array.isArray(actions) ? actions[Number(match[1])] : undefined;
    if (typeof actionId !== 'string') return undefined;
    return { actionId, value: prefix + unb64(match[2]!) };
  } catch {
    return undefined;
  }
}

export interface HorizontalContent {
  type?: 1;
  keyname: string;
  value: string;
  url?: string;
}

export interface TemplateCard {
  card_type: 'button_interaction' | 'text_notice' | 'vote_interaction';
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: HorizontalContent[];
  jump_list?: Array<{ type: 1; title: string; url: string }>;
  card_action?: { type: 1; url: string };
  button_list?: Array<{ text: string; style: number; key: string }>;
  /** vote_interaction: one question, single choice (mode 0). */
  checkbox?: { question_key: string; mode: 0; option_list: Array<{ id: string; text: string }> };
  /** vote_interaction: no text ⇒ WeCom's own "提交" (so the render needs no locale). */
  submit_button?: { key: string };
}

export interface WeComFallback {
  /** markdown.content, ≤2,048 bytes. */
  markdown: string;
  /** text.content, ≤2,048 bytes (for clients that cannot show markdown, e.g. WeChat). */
  text: string;
}

export type WeComPayload =
  | { kind: 'template_card'; card: TemplateCard; fallback: WeComFallback; fallbackText: string }
  | { kind: 'markdown'; fallback: WeComFallback; fallbackText: string };

/** Cuts a string to at most `limit` UTF-8 bytes on a character boundary, marking the cut with '…'. */
export function truncateBytes(value: string, limit: number): string {
  if (Buffer.byteLength(value, 'utf8') <= limit) return value;
  const budget = limit - Buffer.byteLength('…', 'utf8');
  let out = '';
  let used = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return `${out}…`;
}

/** Cuts to at most `limit` characters (the card's "建议不超过 N 个字" display limits). */
function truncateChars(value: string, limit: number): string {
  const chars = [...value];
  return chars.length <= limit ? value : `${chars.slice(0, limit - 1).join('')}…`;
}

const WECOM_MARKDOWN: MarkdownDialect = { heading: '###', lineBreak: '\n' };

function textOfBlock(block: MessageBlock): string | undefined {
  switch (block.type) {
    case 'header':
    case 'text':
    case 'context':
      return block.text;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'buttons':
      return undefined;
  }
}

export function renderFallback(message: OutboundMessage): WeComFallback {
  const join = (parts: Array<string | undefined>) => parts.filter((p): p is string => !!p).join('\n\n');
  const markdown = join(message.blocks.map((block) => markdownOfBlock(block, WECOM_MARKDOWN))) || message.fallbackText;
  const text = join(message.blocks.map(textOfBlock)) || message.fallbackText;
  return {
    markdown: truncateBytes(markdown, CONTENT_LIMIT_BYTES),
    text: truncateBytes(text, CONTENT_LIMIT_BYTES),
  };
}

// Button styles 1–4 (1 is the default). Which colour each number has is shown only as a picture in the docs
// [UNVERIFIED mapping]: 1 for the primary action, 3 for a destructive one, 2 for the rest.
const STYLE: Record<NonNullable<MessageButton['style']> | 'none', number> = { primary: 1, danger: 3, none: 2 };

function cardBody(message: OutboundMessage): Omit<TemplateCard, 'card_type'> {
  const header = message.blocks.find((b) => b.type === 'header');
  const title = header?.type === 'header' ? header.text : message.fallbackText.split('\n')[0]!;
  const subtitle = message.blocks
    .filter((b) => b.type === 'text' || b.type === 'context')
    .map((b) => (b.type === 'text' || b.type === 'context' ? b.text : ''))
    .join('\n');
  const fields = message.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
  const links = message.blocks.flatMap((b) => (b.type === 'link' ? [b] : []));
  const horizontal: HorizontalContent[] = fields
    .slice(0, MAX_HORIZONTAL)
    .map((f) => ({ keyname: truncateChars(f.label, 10), value: truncateChars(f.value, 30) }));
  return {
    main_title: { title: truncateChars(title.trim() || 'teampulse', 36) },
    ...(subtitle ? { sub_title_text: truncateChars(subtitle, 160) } : {}),
    ...(horizontal.length ? { horizontal_content_list: horizontal } : {}),
    ...(links.length
      ? {
          jump_list: links
            .slice(0, MAX_JUMPS)
            .map((l) => ({ type: 1 as const, title: truncateChars(l.label, 18), url: l.url })),
          card_action: { type: 1 as const, url: links[0]!.url },
        }
      : {}),
  };
}

export function renderWeCom(message: OutboundMessage): WeComPayload {
  const fallback = renderFallback(message);
  const fallbackText = message.fallbackText;
  const buttons = message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  if (buttons.length) {
    const keys = buttons.map((b) => buttonKeyOf(b.actionId, b.value));
    // A card that cannot carry every button would lose answers silently: send the markdown instead.
    if (buttons.length <= MAX_BUTTONS && keys.every((k) => Buffer.byteLength(k) <= BUTTON_KEY_LIMIT_BYTES)) {
      return {
        kind: 'template_card',
        card: {
          card_type: 'button_interaction',
          ...cardBody(message),
          button_list: buttons.map((b, i) => ({
            text: truncateChars(b.label, 20),
            style: STYLE[b.style ?? 'none'],
            key: keys[i]!,
          })),
        },
        fallback,
        fallbackText,
      };
    }
    const vote = voteCard(message, buttons);
    if (vote) return { kind: 'template_card', card: vote, fallback, fallbackText };
    return { kind: 'markdown', fallback, fallbackText };
  }
  if (message.blocks.some((b) => b.type === 'link')) {
    return { kind: 'template_card', card: { card_type: 'text_notice', ...cardBody(message) }, fallback, fallbackText };
  }
  return { kind: 'markdown', fallback, fallbackText };
}

/** More buttons than a button card holds: a single-choice vote card, or undefined when even that cannot hold them. */
function voteCard(message: OutboundMessage, buttons: readonly MessageButton[]): TemplateCard | undefined {
  if (buttons.length > MAX_VOTE_OPTIONS) return undefined;
  const { questionKey, optionIds } = voteKeysOf(buttons);
  if (Buffer.byteLength(questionKey) > BUTTON_KEY_LIMIT_BYTES) return undefined;
  if (
    optionIds.some((id) => Buffer.byteLength(id) > OPTION_ID_LIMIT_BYTES) ||
    new Set(optionIds).size !== optionIds.length
  )
    return undefined;
  return {
    card_type: 'vote_interaction',
    ...cardBody(message),
    checkbox: {
      question_key: questionKey,
      mode: 0,
      option_list: buttons.map((b, i) => ({ id: optionIds[i]!, text: truncateChars(b.label, 17) })),
    },
    submit_button: { key: VOTE_SUBMIT_KEY },
  };
}

/** Every (actionId, value) the payload's buttons (or vote options) carry, in order (the contract test reads them back). */
export function buttonsOfPayload(payload: WeComPayload): Array<{ actionId: string; value: string }> {
  if (payload.kind !== 'template_card') return [];
  const checkbox = payload.card.checkbox;
  if (checkbox)
    return checkbox.option_list.flatMap((o) => {
      const decoded = decodeVoteAnswer(checkbox.question_key, o.id);
      return decoded ? [decoded] : [];
    });
  return (payload.card.button_list ?? []).flatMap((b) => {
    const decoded = decodeButtonKey(b.key);
    return decoded ? [decoded] : [];
  });
}
