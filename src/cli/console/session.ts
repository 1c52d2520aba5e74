// An interactive console session, like Hubot's shell adapter: shows a person's messages with numbered buttons;
// a number presses a button (an ActionEvent through the dispatcher), anything else is a command; help, quit.
import { createInterface } from 'node:readline';
import { t } from '../../core/i18n/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import type { ConsoleUser } from '../../app/console/service.js';
import { parseConsoleInput, renderConsole, type ConsoleButton } from '../../../adapters/console/index.js';
import type { ConsoleBackend } from './backend.js';

export interface ConsoleSessionOptions {
  backend: ConsoleBackend;
  input: NodeJS.ReadableStream;
  output: { write(chunk: string): unknown };
  tenant: string | undefined;
  as: string;
  now?: () => Date;
  /** Show the "> " prompt (interactive terminals only). */
  prompt?: boolean;
}

export async function runConsoleSession(options: ConsoleSessionOptions): Promise<void> {
  const { backend, output } = options;
  const now = options.now ?? (() => new Date());
  const write = (text: string) => output.write(`${text}\n`);
  const user: ConsoleUser = await backend.open(options.tenant, options.as);
  const locale = user.locale;
  const screen = createScreen(backend, user, write);
  let sequence = 0;

  write(
    backend.mode === 'remote'
      ? t(locale, 'console.connectedToService', { url: backend.url ?? '' })
      : t(locale, 'console.localDatabase'),
  );
  write(t(locale, 'console.welcome', { name: user.employee.displayName, tenant: user.tenant.name }));
  await screen.refresh(false);

  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = () => {
    if (options.prompt) output.write('> ');
  };
  prompt();
  try {
    for await (const line of rl) {
      const parsed = parseConsoleInput(line, {
        actorExternalId: user.employee.externalId,
        buttons: screen.buttons,
        now: now(),
        sequence: ++sequence,
      });
      if ((await handleInput(parsed, line, { backend, user, screen, write })) === 'quit') return;
      prompt();
    }
  } finally {
    rl.close();
  }
}

type Write = (text: string) => void;

interface Screen {
  /** The buttons shown so far, by the number the person types. */
  buttons: Map<number, ConsoleButton & { messageRef: string }>;
  show(message: OutboundMessage, messageRef: string, caption?: string): void;
  /** Shows the messages sent since the last refresh; `quietWhenEmpty` says nothing when there are none. */
  refresh(quietWhenEmpty: boolean): Promise<void>;
}

/** What the person sees: messages with numbered buttons (numbers keep counting up), the inbox read so far. */
function createScreen(backend: ConsoleBackend, user: ConsoleUser, write: Write): Screen {
  const buttons = new Map<number, ConsoleButton & { messageRef: string }>();
  let nextNumber = 1;
  let lastSentAt: string | undefined;

  const show = (message: OutboundMessage, messageRef: string, caption?: string) => {
    const rendered = renderConsole(message, { firstButtonNumber: nextNumber });
    for (const button of rendered.buttons) buttons.set(button.number, { ...button, messageRef });
    nextNumber += rendered.buttons.length;
    if (caption) write(caption);
    write(rendered.text);
  };

  const refresh = async (quietWhenEmpty: boolean) => {
    const inbox = await backend.inbox(user, lastSentAt);
    for (const item of inbox.messages) {
      show(item.message, item.id, `[${item.sentAt.slice(0, 16).replace('T', ' ')}] ${item.kind}`);
      lastSentAt = item.sentAt;
    }
    if (inbox.messages.length === 0 && !quietWhenEmpty) write(t(user.locale, 'console.noMessages'));
    if (inbox.pending > 0 && !quietWhenEmpty) write(t(user.locale, 'console.waiting', { count: inbox.pending }));
  };

  return { buttons, show, refresh };
}

/** One line the person typed: a button number, a command, help, refresh or quit. */
async function handleInput(
  parsed: ReturnType<typeof parseConsoleInput>,
  line: string,
  { backend, user, screen, write }: { backend: ConsoleBackend; user: ConsoleUser; screen: Screen; write: Write },
): Promise<'quit' | 'continue'> {
  const locale = user.locale;
  switch (parsed.kind) {
    case 'empty':
      break;
    case 'quit':
      write(t(locale, 'console.bye'));
      return 'quit';
    case 'help': {
      write(t(locale, 'console.help'));
      const result = await backend.interact(user, { type: 'command', command: 'help', args: [] });
      if (result.reply) screen.show(result.reply, 'reply');
      break;
    }
    case 'refresh':
      await screen.refresh(false);
      break;
    case 'unknown_button':
      write(t(locale, 'console.unknownButton', { number: String(parsed.number) }));
      break;
    case 'action': {
      const pressed = screen.buttons.get(Number(line.trim().replace(/[[\]]/g, '')));
      if (pressed) write(t(locale, 'console.pressed', { label: pressed.label }));
      const { actionId, value, messageRef } = parsed.event;
      const result = await backend.interact(user, {
        type: 'action',
        actionId,
        value,
        ...(messageRef && messageRef !== 'reply' ? { messageRef } : {}),
      });
      if (result.reply) screen.show(result.reply, 'reply');
      await screen.refresh(true);
      break;
    }
    case 'command': {
      const result = await backend.interact(user, {
        type: 'command',
        command: parsed.event.command,
        args: parsed.event.args,
      });
      if (result.reply) screen.show(result.reply, 'reply');
      await screen.refresh(true);
      break;
    }
  }
  return 'continue';
}
