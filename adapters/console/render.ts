// Console rendering: the neutral message as a readable terminal block. Pure and deterministic.
// Buttons are numbered so a person in `teampulse console` can press one by typing its number.
import type { MessageButton, OutboundMessage } from '../../src/core/messages/types.js';

export interface ConsoleButton {
  number: number;
  actionId: string;
  value: string;
  label: string;
}

/** The console wire payload: the text to print and the numbered buttons it shows. */
export interface ConsolePayload {
  text: string;
  buttons: ConsoleButton[];
}

export interface ConsoleRenderOptions {
  /** Number of the first button (a session numbers buttons across all messages it shows). */
  firstButtonNumber?: number;
}

const BAR = '│ ';

export function renderConsole(message: OutboundMessage, options: ConsoleRenderOptions = {}): ConsolePayload {
  let next = options.firstButtonNumber ?? 1;
  const buttons: ConsoleButton[] = [];
  const lines: string[] = [];
  const body = (text: string, prefix = '') => {
    for (const line of text.split(/\r?\n/)) lines.push(`${BAR}${prefix}${line}`);
  };

  const header = message.blocks.find((b) => b.type === 'header');
  // Without a header, a message with text speaks for itself; one without (e.g. only buttons) shows its fallback.
  const hasText = message.blocks.some((b) => b.type === 'text');
  lines.push(header ? `╭─ ${header.text}` : hasText ? '╭─' : `╭─ ${firstLine(message.fallbackText)}`);
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
        if (block !== header) body(block.text.toUpperCase());
        break;
      case 'text':
        body(block.text);
        break;
      case 'fields': {
        const width = Math.max(0, ...block.fields.map((f) => displayWidth(f.label)));
        for (const field of block.fields)
          body(`${field.label}${' '.repeat(width - displayWidth(field.label))}  ${field.value}`);
        break;
      }
      case 'context':
        body(block.text, '· ');
        break;
      case 'buttons': {
        const labels = block.buttons.map((button: MessageButton) => {
          const number = next++;
          buttons.push({ number, actionId: button.actionId, value: button.value, label: button.label });
          return `[${number}] ${button.label}`;
        });
        if (labels.length) body(labels.join('   '));
        break;
      }
      case 'link':
        body(`${block.label}: ${block.url}`, '→ ');
        break;
    }
  }
  // A message with no body blocks still says something.
  if (lines.length === 1 && header) body(message.fallbackText);
  lines.push('╰─');
  return { text: lines.join('\n'), buttons };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** Terminal columns: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}
