// The InboundSink the chat adapters are given (src/core/inbound-port.ts): deliveries are persisted in the inbox
// (the platform is answered after that, and processed by the inbox worker), interactions are dispatched at once
// through the one dispatcher, identities link platform users to employees.
import type { Kysely } from 'kysely';
import type { InboundSink, InteractionResult } from '../../core/inbound-port.js';
import { t, type Locale } from '../../core/i18n/index.js';
import type { Database } from '../../storage/database.js';
import { insertDelivery } from '../../storage/repositories/inbox.js';
import { findEmployeeIdByIdentity } from '../../storage/repositories/identities.js';
import { encodeEvents } from './inbox-codec.js';
import { textReply, type InboundDispatcher } from './dispatch.js';
import {
  conversationKinds,
  knownPlatformUsers,
  linkedPlatformUsers,
  linkPlatformIdentity,
  unlinkedEmails,
} from './identities.js';
import { reportPossibleDeparture } from '../platforms/slack-departures.js';

export interface InboundSinkDeps {
  db: Kysely<Database>;
  dispatcher: InboundDispatcher;
  now: () => Date;
  /** Wakes the inbox worker of this process after an accepted delivery. */
  wakeInbox?: () => void;
}

export function createInboundSink(deps: InboundSinkDeps): InboundSink {
  const { db } = deps;
  return {
    async accept(delivery) {
      const { created } = await insertDelivery(
        db,
        {
          tenantId: delivery.tenantId,
          platform: delivery.platform,
          deliveryKey: delivery.deliveryKey,
          events: encodeEvents(delivery.events),
          status: delivery.events.length === 0 ? 'done' : 'pending',
        },
        deps.now(),
      );
      if (created && delivery.events.length > 0) deps.wakeInbox?.();
      return { duplicate: !created };
    },

    async interact(input): Promise<InteractionResult> {
      if (input.deliveryKey !== undefined) {
        const { created } = await insertDelivery(
          db,
          {
            tenantId: input.tenantId,
            platform: input.platform,
            deliveryKey: input.deliveryKey,
            events: [],
            status: 'done',
          },
          deps.now(),
        );
        if (!created) return { handled: false, duplicate: true };
      }
      const tenant = await db
        .selectFrom('tenants')
        .select('locale')
        .where('id', '=', input.tenantId)
        .executeTakeFirst();
      const locale: Locale = tenant?.locale ?? 'zh-CN';
      const employeeId = await findEmployeeIdByIdentity(db, input.tenantId, input.platform, input.platformUserId);
      if (!employeeId) return { handled: false, reply: textReply(t(locale, 'inbound.unknownPerson')) };
      const result = await deps.dispatcher.dispatch(input.event, {
        tenantId: input.tenantId,
        employeeId,
        locale,
        platform: input.platform,
        now: deps.now(),
      });
      return { handled: result.handled, ...(result.reply ? { reply: result.reply } : {}) };
    },

    knownUsers: (tenantId, platform, ids) => knownPlatformUsers(db, tenantId, platform, ids),
    linkIdentity: (hint) => linkPlatformIdentity(db, hint),
    platformUsers: (tenantId, platform) => linkedPlatformUsers(db, tenantId, platform),
    conversationKinds: (tenantId, platform, pairs) => conversationKinds(db, tenantId, platform, pairs),
    unlinkedEmails: (tenantId, platform) => unlinkedEmails(db, tenantId, platform),
    possibleDeparture: async (input) => (await reportPossibleDeparture(db, input, deps.now())).opened,
  };
}
