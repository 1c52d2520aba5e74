// Inbound dispatch: every button press (ActionEvent) and bot command (CommandEvent), from any platform or the
// console, goes through here. Handlers register by actionId prefix ('alert.feedback' handles 'alert.feedback'
// and 'alert.feedback.*' / 'alert.feedback:*') or by command name. Unknown input gets a polite reply; a
// handler that throws is logged and answered with an apology — it never takes the service down.
import type { ActionEvent, CommandEvent } from '../../core/events.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import type { PlatformName } from '../../core/platform.js';
import { t, tDynamic, type Locale } from '../../core/i18n/index.js';

export interface InteractionContext {
  tenantId: string;
  /** The employee who acted (resolved from the platform identity or the console's --as). */
  employeeId: string | undefined;
  /** The actor's locale: replies are written in it. */
  locale: Locale;
  platform: PlatformName;
  now: Date;
}

export interface HandlerResult {
  /** Shown to the actor only (console prints it; Slack would answer ephemerally). */
  reply?: OutboundMessage;
}

type Awaitable<T> = T | Promise<T>;
export type ActionHandler = (event: ActionEvent, ctx: InteractionContext) => Awaitable<HandlerResult | void>;
export type CommandHandler = (event: CommandEvent, ctx: InteractionContext) => Awaitable<HandlerResult | void>;

export interface DispatchResult {
  /** A handler took the event (false ⇒ unknown action/command, or the handler failed). */
  handled: boolean;
  reply?: OutboundMessage;
  /** The handler threw; the reply is an apology. */
  failed?: boolean;
}

export interface DispatcherLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CommandInfo {
  name: string;
  /** i18n key of a one-line description. */
  descriptionKey: string;
}

export function textReply(text: string, header?: string): OutboundMessage {
  return {
    blocks: [...(header ? [{ type: 'header' as const, text: header }] : []), { type: 'text' as const, text }],
    fallbackText: header ? `${header}\n${text}` : text,
  };
}

export class InboundDispatcher {
  private readonly actions = new Map<string, ActionHandler>();
  private readonly commandHandlers = new Map<string, { handler: CommandHandler; descriptionKey: string }>();

  constructor(private readonly logger?: DispatcherLogger) {
    this.onCommand('help', (_event, ctx) => ({ reply: this.helpReply(ctx.locale) }), 'command.help.description');
  }

  /** Registers the handler for actionIds equal to `prefix` or starting with `prefix.` / `prefix:`. */
  onAction(prefix: string, handler: ActionHandler): this {
    if (this.actions.has(prefix)) throw new Error(`an action handler for "${prefix}" is already registered`);
    this.actions.set(prefix, handler);
    return this;
  }

  /** Registers a command (case-insensitive, without a leading slash). Re-registering `help` replaces the built-in. */
  onCommand(name: string, handler: CommandHandler, descriptionKey = `command.${name}.description`): this {
    const key = name.toLowerCase().replace(/^\//, '');
    if (this.commandHandlers.has(key) && key !== 'help')
      throw new Error(`a command handler for "${key}" is already registered`);
    this.commandHandlers.set(key, { handler, descriptionKey });
    return this;
  }

  commands(): CommandInfo[] {
    return [...this.commandHandlers.entries()]
      .map(([name, { descriptionKey }]) => ({ name, descriptionKey }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async dispatch(event: ActionEvent | CommandEvent, ctx: InteractionContext): Promise<DispatchResult> {
    if (event.type === 'action') {
      const handler = this.actionHandlerFor(event.actionId);
      if (!handler) return { handled: false, reply: textReply(t(ctx.locale, 'inbound.unknownAction')) };
      return this.run(() => handler(event, ctx), event, ctx);
    }
    const entry = this.commandHandlers.get(event.command.toLowerCase().replace(/^\//, ''));
    if (!entry)
      return { handled: false, reply: textReply(t(ctx.locale, 'inbound.unknownCommand', { command: event.command })) };
    return this.run(() => entry.handler(event, ctx), event, ctx);
  }

  private actionHandlerFor(actionId: string): ActionHandler | undefined {
    let best: { prefix: string; handler: ActionHandler } | undefined;
    for (const [prefix, handler] of this.actions) {
      const matches = actionId === prefix || actionId.startsWith(`${prefix}.`) || actionId.startsWith(`${prefix}:`);
      if (matches && (!best || prefix.length > best.prefix.length)) best = { prefix, handler };
    }
    return best?.handler;
  }

  private async run(
    call: () => Awaitable<HandlerResult | void>,
    event: ActionEvent | CommandEvent,
    ctx: InteractionContext,
  ): Promise<DispatchResult> {
    try {
      const result = await call();
      return { handled: true, ...(result?.reply ? { reply: result.reply } : {}) };
    } catch (err) {
      this.logger?.error(
        {
          err,
          tenantId: ctx.tenantId,
          platform: ctx.platform,
          type: event.type,
          action: event.type === 'action' ? event.actionId : event.command,
        },
        'inbound handler failed',
      );
      return { handled: false, failed: true, reply: textReply(t(ctx.locale, 'inbound.handlerFailed')) };
    }
  }

  private helpReply(locale: Locale): OutboundMessage {
    const commands = this.commands();
    if (commands.length === 0) return textReply(t(locale, 'inbound.help.none'), t(locale, 'inbound.help.title'));
    return {
      blocks: [
        { type: 'header', text: t(locale, 'inbound.help.title') },
        { type: 'fields', fields: commands.map((c) => ({ label: c.name, value: tDynamic(locale, c.descriptionKey) })) },
      ],
      fallbackText: `${t(locale, 'inbound.help.title')}: ${commands.map((c) => c.name).join(', ')}`,
    };
  }
}

export function createDispatcher(logger?: DispatcherLogger): InboundDispatcher {
  return new InboundDispatcher(logger);
}
