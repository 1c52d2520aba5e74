// Console input → neutral inbound events. One line typed in `teampulse console` is a button number
// (an ActionEvent), a command (a CommandEvent), or a session verb (help, quit). Pure.
import type { ActionEvent, CommandEvent } from '../../src/core/events.js';
import type { ConsoleButton } from './render.js';

export type ConsoleInput =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'refresh' }
  | { kind: 'unknown_button'; number: number }
  | { kind: 'action'; event: ActionEvent }
  | { kind: 'command'; event: CommandEvent };

export interface ConsoleParseContext {
  /** The person the session acts as (external id): the actor of every event. */
  actorExternalId: string;
  /** Buttons currently shown, by number, with the outbox message they belong to. */
  buttons: ReadonlyMap<number, ConsoleButton & { messageRef: string }>;
  now: Date;
  /** Unique per line, e.g. a counter: event ids must be unique per source. */
  sequence: number;
}

export function parseConsoleInput(line: string, ctx: ConsoleParseContext): ConsoleInput {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  const lower = text.toLowerCase();
  if (lower === 'help' || lower === '?') return { kind: 'help' };
  if (lower === 'quit' || lower === 'exit' || lower === 'q') return { kind: 'quit' };
  if (lower === 'refresh' || lower === 'r') return { kind: 'refresh' };
  const base = {
    id: `console:${ctx.actorExternalId}:${ctx.now.getTime()}:${ctx.sequence}`,
    source: 'console',
    actor: { kind: 'external' as const, id: ctx.actorExternalId },
    occurredAt: ctx.now,
  };
  const numbered = /^\[?(\d+)\]?$/.exec(text);
  if (numbered) {
    const number = Number(numbered[1]);
    const button = ctx.buttons.get(number);
    if (!button) return { kind: 'unknown_button', number };
    return {
      kind: 'action',
      event: { ...base, type: 'action', actionId: button.actionId, value: button.value, messageRef: button.messageRef },
    };
  }
  const [command = '', ...args] = text.replace(/^\//, '').split(/\s+/);
  return { kind: 'command', event: { ...base, type: 'command', command: command.toLowerCase(), args } };
}
