// What a chat command is: a verb (with aliases in every locale), the lowest role that may run it, how its words
// are parsed and what it answers. Verbs never see platform payloads: they get the caller as an Access (role,
// reach, audit) and return a neutral OutboundMessage in the caller's locale.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { Locale, MessageKey } from '../../core/i18n/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import type { PlatformName } from '../../core/platform.js';
import type { Access, Role } from '../access/index.js';

export interface CommandContext {
  /** The caller (a person from the directory, role from grants and the management chain) and their reach. */
  access: Access;
  db: Kysely<Database>;
  locale: Locale;
  platform: PlatformName;
  now: Date;
  /** config.baseUrl (through InboundDeps): where links in replies point; absent ⇒ links are relative paths. */
  baseUrl?: string;
  /** config.quietHours (through InboundDeps): false turns quiet hours off service-wide; absent ⇒ on. */
  quietHours?: boolean;
}

export interface CommandVerb<Args = unknown> {
  /** Canonical (English) name, lower case: what `help` shows first. */
  name: string;
  /** Other names it answers to, e.g. zh-CN `风险`; matched case-insensitively. */
  aliases?: readonly string[];
  /** The lowest role that may run it (admin ⊇ hr ⊇ manager ⊇ employee); others get a polite refusal. */
  minimum: Role;
  /** One line for `help`, in both locales. */
  summaryKey: MessageKey;
  /** `help <verb>`: the arguments, e.g. `risk [team]`, in both locales. */
  usageKey: MessageKey;
  /** Turns the words after the verb into arguments; throws UsageError when they do not fit. */
  parse(args: readonly string[]): Args;
  run(ctx: CommandContext, args: Args): Promise<OutboundMessage>;
}

/**
 * The opening every verb has: its name, aliases and lowest role, with its help lines at the catalogue's
 * `command.<name>.summary` and `command.<name>.usage` (typed, so a missing catalogue entry fails to compile).
 */
export function verbHeading<Name extends string>(name: Name, aliases: readonly string[], minimum: Role) {
  return {
    name,
    aliases,
    minimum,
    summaryKey: `command.${name}.summary` as const,
    usageKey: `command.${name}.usage` as const,
  };
}

/** Keeps the argument type of a verb while listing it among verbs of other argument types. */
export function defineVerb<Args>(verb: CommandVerb<Args>): CommandVerb {
  return verb as unknown as CommandVerb;
}

/** The words do not fit the verb: answered with the verb's usage line. */
export class UsageError extends Error {
  constructor(message = 'usage') {
    super(message);
    this.name = 'UsageError';
  }
}
