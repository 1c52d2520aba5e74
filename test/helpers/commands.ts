// Runs chat commands as a person through the console platform, the way `teampulse console --as <person>` does:
// the real dispatcher with every registration (alerts feedback, the command layer, …).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import type { InboundDispatcher } from '../../src/app/inbound/dispatch.js';
import { consoleInteract, resolveConsoleUser } from '../../src/app/console/service.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

export interface CommandAnswer {
  handled: boolean;
  text: string;
  message: OutboundMessage | undefined;
}

export function consoleCommands(
  db: Kysely<Database>,
  options: { now?: () => Date; dispatcher?: InboundDispatcher } = {},
) {
  const now = options.now ?? (() => new Date());
  const dispatcher = options.dispatcher ?? buildInboundDispatcher({ db, now });
  let sequence = 0;
  return {
    dispatcher,
    /** `text` as typed in the console (`risk sales-east`), by the person with this external id. */
    async run(tenantSlug: string, as: string, text: string): Promise<CommandAnswer> {
      const user = await resolveConsoleUser(db, tenantSlug, as);
      const [command = '', ...args] = text.trim().split(/\s+/);
      const result = await consoleInteract(dispatcher, user, { type: 'command', command, args }, now(), ++sequence);
      return { handled: result.handled, text: result.reply?.fallbackText ?? '', message: result.reply };
    },
  };
}
