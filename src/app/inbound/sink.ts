// The InboundSink the chat adapters are given (src/core/inbound-port.ts): deliveries are persisted in the inbox
// (the platform is answered after that, and processed by the inbox worker), interactions are dispatched at once
// through the one dispatcher, identities link platform users to employees.
// Deliveries are stored by group commit (group-commit.ts): requests that arrive together share one multi-row
// INSERT, and each caller resumes only after its batch committed — the platform is never answered before that.
import type { Kysely } from 'kysely';
import type { InboundDelivery, InboundSink, InteractionInput, InteractionResult } from '../../core/inbound-port.js';
import { t, type Locale } from '../../core/i18n/index.js';
import type { Database } from '../../storage/database.js';
import { insertDeliveries, insertDelivery } from '../../storage/repositories/inbox.js';
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
import { GroupCommit, type GroupCommitTimer, type ItemOutcome } from './group-commit.js';
import { inboundLookupsChanged, LookupCache } from './lookup-cache.js';
import type { ConversationKind } from '../../core/events.js';

export interface InboundSinkDeps {
  db: Kysely<Database>;
  dispatcher: InboundDispatcher;
  now: () => Date;
  /** Wakes the inbox worker of this process after an accepted delivery. */
  wakeInbox?: () => void;
  /** Group commit of deliveries: batch size, how long a batch waits for company, writes at once (pool connections). */
  groupCommit?: { maxItems?: number; maxWaitMs?: number; maxInFlight?: number; timer?: GroupCommitTimer };
  /** How long a linked user or a channel's kind is answered from memory (default 30 s; 0 = always ask). */
  lookupTtlMs?: number;
}

/** The sink, with its inbox group commit exposed (drain at shutdown; stats for the benchmark). */
export type AppInboundSink = InboundSink & { readonly inbox: GroupCommit<InboundDelivery, { duplicate: boolean }> };

export function createInboundSink(deps: InboundSinkDeps): AppInboundSink {
  const { db } = deps;
  const inbox = inboxGroupCommit(deps);
  const lookups = cachedLookups(deps);
  return {
    inbox,
    accept: (delivery) => inbox.submit(delivery),
    interact: (input) => interact(deps, input),
    knownUsers: lookups.knownUsers,
    async linkIdentity(hint) {
      const employeeId = await linkPlatformIdentity(db, hint);
      if (employeeId) inboundLookupsChanged(hint.tenantId);
      return employeeId;
    },
    platformUsers: (tenantId, platform) => linkedPlatformUsers(db, tenantId, platform),
    conversationKinds: lookups.conversationKinds,
    unlinkedEmails: (tenantId, platform) => unlinkedEmails(db, tenantId, platform),
    possibleDeparture: async (input) => (await reportPossibleDeparture(db, input, deps.now())).opened,
  };
}

/** The inbox's group commit: one multi-row INSERT per batch; a failed batch is retried item by item. */
function inboxGroupCommit(deps: InboundSinkDeps): AppInboundSink['inbox'] {
  const rowOf = (delivery: InboundDelivery) => ({
    tenantId: delivery.tenantId,
    platform: delivery.platform,
    deliveryKey: delivery.deliveryKey,
    events: encodeEvents(delivery.events),
    status: delivery.events.length === 0 ? ('done' as const) : ('pending' as const),
  });
  const writeBatch = async (batch: readonly InboundDelivery[]): Promise<ItemOutcome<{ duplicate: boolean }>[]> => {
    const stored = await insertDeliveries(deps.db, batch.map(rowOf), deps.now());
    if (stored.some((s, i) => s.created && batch[i]!.events.length > 0)) deps.wakeInbox?.();
    return stored.map((s) => ({ ok: true, value: { duplicate: !s.created } }));
  };
  return new GroupCommit<InboundDelivery, { duplicate: boolean }>({
    ...deps.groupCommit,
    async write(batch) {
      try {
        return await writeBatch(batch);
      } catch (error) {
        if (batch.length === 1) throw error;
        // One bad item (e.g. its tenant was just deleted) must not fail the others: each is tried alone once.
        return Promise.all(
          batch.map((delivery) =>
            writeBatch([delivery]).then(
              (outcomes) => outcomes[0]!,
              (itemError: unknown) => ({ ok: false as const, error: itemError }),
            ),
          ),
        );
      }
    },
  });
}

/** A command or button press, dispatched now (a redelivery with a delivery key is answered as a duplicate). */
async function interact(deps: InboundSinkDeps, input: InteractionInput): Promise<InteractionResult> {
  const { db } = deps;
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
  const tenant = await db.selectFrom('tenants').select('locale').where('id', '=', input.tenantId).executeTakeFirst();
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
}

/** The adapters' per-message lookups (linked users, channel kinds), answered from memory for a while. */
function cachedLookups(deps: InboundSinkDeps): Required<Pick<InboundSink, 'knownUsers' | 'conversationKinds'>> {
  const { db } = deps;
  // Only positive answers are kept for users: an unlinked user must be looked up again once linked elsewhere.
  const cacheOptions = { ttlMs: deps.lookupTtlMs ?? 30_000, now: () => deps.now().getTime() };
  const linked = new LookupCache<true>(cacheOptions);
  const kinds = new LookupCache<ConversationKind>(cacheOptions);
  const useCache = (deps.lookupTtlMs ?? 30_000) > 0;
  return {
    async knownUsers(tenantId, platform, ids) {
      const known = new Set<string>();
      const ask = useCache ? ids.filter((id) => !linked.get(tenantId, `${platform}|${id}`)) : [...ids];
      for (const id of ids) if (!ask.includes(id)) known.add(id);
      if (ask.length === 0) return known;
      const generation = linked.generation(tenantId);
      for (const id of await knownPlatformUsers(db, tenantId, platform, ask)) {
        known.add(id);
        if (useCache) linked.set(tenantId, `${platform}|${id}`, true, generation);
      }
      return known;
    },
    async conversationKinds(tenantId, platform, pairs) {
      const out = new Map<string, ConversationKind>();
      const ask = pairs.filter((p) => {
        const kind = useCache ? kinds.get(tenantId, `${platform}|${p.channelId}|${p.platformUserId}`) : undefined;
        if (kind) out.set(`${p.channelId}|${p.platformUserId}`, kind);
        return kind === undefined;
      });
      if (ask.length === 0) return out;
      const generation = kinds.generation(tenantId);
      for (const [key, kind] of await conversationKinds(db, tenantId, platform, ask)) {
        out.set(key, kind);
        if (useCache) kinds.set(tenantId, `${platform}|${key}`, kind, generation);
      }
      return out;
    },
  };
}
