// The command layer: one registry of verbs, wired to the inbound dispatcher so a command from any platform (Slack
// slash command, DingTalk/WeCom text, console) resolves the person who wrote it, checks their role, parses the
// words, runs the verb and answers in their locale. Errors are answered, never thrown at the platform: an
// out-of-reach subject gets exactly the answer a missing one gets.
import { t, tDynamic, type Locale } from '../../core/i18n/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import { accessFor, atLeast, personActor, type Role } from '../access/index.js';
import { AppError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.js';
import { textReply, type InboundDispatcher, type InteractionContext } from '../inbound/dispatch.js';
import type { InboundDeps } from '../inbound/handlers.js';
import { UsageError, type CommandVerb } from './types.js';

const normalise = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/^[/／]/, '');

export class CommandRegistry {
  readonly #verbs: CommandVerb[] = [];
  readonly #byName = new Map<string, CommandVerb>();

  constructor(verbs: readonly CommandVerb[] = []) {
    for (const verb of verbs) this.register(verb);
  }

  /** Adds a verb; a name or alias already taken (by any verb, or `help`) is a programming error. */
  register(verb: CommandVerb): this {
    for (const name of [verb.name, ...(verb.aliases ?? [])].map(normalise)) {
      if (name === 'help' || name === '帮助' || this.#byName.has(name))
        throw new Error(`the command name "${name}" is already taken`);
      this.#byName.set(name, verb);
    }
    this.#verbs.push(verb);
    return this;
  }

  find(nameOrAlias: string): CommandVerb | undefined {
    return this.#byName.get(normalise(nameOrAlias));
  }

  /** Every verb, in registration order. */
  verbs(): readonly CommandVerb[] {
    return this.#verbs;
  }

  /** The verbs this role may run, in registration order. */
  available(role: Role): CommandVerb[] {
    return this.#verbs.filter((v) => atLeast(role, v.minimum));
  }
}

/**
 * Registers every verb (and its aliases) and a role-aware `help` / `帮助` on the dispatcher. Commands registered
 * on the dispatcher directly (outside the registry) keep working and are listed by `help` too.
 */
export function registerCommandLayer(
  dispatcher: InboundDispatcher,
  deps: InboundDeps,
  registry: CommandRegistry,
): void {
  const registered = new Set<string>();
  for (const verb of registry.verbs()) {
    for (const name of [verb.name, ...(verb.aliases ?? [])].map(normalise)) {
      registered.add(name);
      dispatcher.onCommand(name, (event, ctx) => runVerb(deps, verb, event.args, ctx), verb.summaryKey);
    }
  }
  const help = async (args: readonly string[], ctx: InteractionContext) => {
    const caller = await callerOf(deps, ctx);
    if (!caller) return { reply: notLinked(ctx.locale) };
    const extra = dispatcher
      .commands()
      .filter((c) => !registered.has(c.name) && c.name !== 'help' && c.name !== '帮助');
    return { reply: helpMessage(registry, caller.role, ctx.locale, args[0], extra) };
  };
  dispatcher.onCommand('help', (event, ctx) => help(event.args, ctx), 'command.help.description');
  dispatcher.onCommand('帮助', (event, ctx) => help(event.args, ctx), 'command.help.description');
}

/** The person behind the interaction as an Actor; undefined when unknown to the directory or no longer employed. */
async function callerOf(deps: InboundDeps, ctx: InteractionContext) {
  if (!ctx.employeeId) return undefined;
  const person = await deps.db
    .selectFrom('employees')
    .select(['id', 'status'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', ctx.employeeId)
    .executeTakeFirst();
  if (!person || person.status !== 'active') return undefined;
  return personActor(deps.db, { tenantId: ctx.tenantId, employeeId: person.id, source: ctx.platform });
}

async function runVerb(
  deps: InboundDeps,
  verb: CommandVerb,
  words: readonly string[],
  ctx: InteractionContext,
): Promise<{ reply: OutboundMessage }> {
  const { locale } = ctx;
  const actor = await callerOf(deps, ctx);
  if (!actor) return { reply: notLinked(locale) };
  if (!atLeast(actor.role, verb.minimum))
    return { reply: textReply(t(locale, 'command.notForRole', { command: verb.name })) };
  let args: unknown;
  try {
    args = verb.parse(words);
  } catch (err) {
    if (err instanceof UsageError) return { reply: usageReply(verb, locale) };
    throw err;
  }
  try {
    const reply = await verb.run(
      {
        access: accessFor(deps.db, actor),
        db: deps.db,
        locale,
        platform: ctx.platform,
        now: ctx.now,
        ...(deps.baseUrl !== undefined ? { baseUrl: deps.baseUrl } : {}),
        ...(deps.quietHours !== undefined ? { quietHours: deps.quietHours } : {}),
      },
      args,
    );
    return { reply };
  } catch (err) {
    if (err instanceof UsageError) return { reply: usageReply(verb, locale) };
    const answer = answerFor(err, words, locale);
    if (answer) return { reply: answer };
    throw err;
  }
}

/**
 * The answer to a use-case error. A missing subject and one outside the caller's reach both raise NotFoundError
 * with the same message, and the answer here depends only on what the person typed — never on which it was.
 */
function answerFor(err: unknown, words: readonly string[], locale: Locale): OutboundMessage | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err instanceof NotFoundError) return textReply(t(locale, 'command.notFound', { what: words.join(' ') || '—' }));
  if (err instanceof ForbiddenError) return textReply(t(locale, 'command.forbidden'));
  if (err instanceof InvalidInputError)
    return textReply(t(locale, 'command.invalid', { detail: err.details[0]?.message ?? err.message }));
  return undefined;
}

const notLinked = (locale: Locale): OutboundMessage => textReply(t(locale, 'command.notLinked'));

function usageReply(verb: CommandVerb, locale: Locale): OutboundMessage {
  return textReply(t(locale, 'command.usage', { usage: t(locale, verb.usageKey) }));
}

function helpMessage(
  registry: CommandRegistry,
  role: Role,
  locale: Locale,
  about: string | undefined,
  extra: readonly { name: string; descriptionKey: string }[],
): OutboundMessage {
  const title = t(locale, 'inbound.help.title');
  const verb = about !== undefined ? registry.find(about) : undefined;
  if (verb && atLeast(role, verb.minimum)) {
    const aliases = (verb.aliases ?? []).join(', ');
    const text = [t(locale, verb.summaryKey), t(locale, 'command.usage', { usage: t(locale, verb.usageKey) })];
    if (aliases) text.push(t(locale, 'command.help.aliases', { aliases }));
    return textReply(text.join('\n'), verb.name);
  }
  const fields = [
    ...registry.available(role).map((v) => ({
      label: [v.name, ...(v.aliases ?? [])].join(' / '),
      value: t(locale, v.summaryKey),
    })),
    ...extra.map((c) => ({ label: c.name, value: tDynamic(locale, c.descriptionKey) })),
    { label: 'help / 帮助', value: t(locale, 'command.help.description') },
  ];
  if (fields.length === 0) return textReply(t(locale, 'inbound.help.none'), title);
  return {
    blocks: [
      { type: 'header', text: title },
      { type: 'fields', fields },
      { type: 'context', text: t(locale, 'command.help.more') },
    ],
    fallbackText: `${title}\n${fields.map((f) => `${f.label}: ${f.value}`).join('\n')}`,
  };
}
