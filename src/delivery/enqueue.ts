// enqueueMessage: the one way domain code sends a chat message. It writes an outbox row (idempotent per
// tenant and key) that the outbox worker delivers; the caller never talks to a platform.
import type { Db } from '../storage/database.js';
import type { OutboundMessage } from '../core/messages/types.js';
import type { OutboxKind } from '../storage/tables/delivery.js';
import { firstAllowedSend } from '../core/send-window.js';
import { resolveConversation } from './recipient.js';

export const OUTBOX_KINDS: readonly OutboxKind[] = ['alert', 'warning', 'digest', 'nudge', 'survey', 'reply'];

export interface EnqueueInput {
  tenantId: string;
  recipientEmployeeId: string;
  kind: OutboxKind;
  /** Same key twice (per tenant) ⇒ one row. Make it deterministic, e.g. `alert:<alertId>:<recipientId>`. */
  idempotencyKey: string;
  /** Already in the recipient's locale. */
  message: OutboundMessage;
  /** Not delivered before this instant (quiet hours are decided by the caller). */
  notBefore?: Date;
}

export interface EnqueueResult {
  id: string;
  /** false ⇒ a row with this key already existed; nothing was written. */
  created: boolean;
}

export async function enqueueMessage(
  db: Db,
  input: EnqueueInput,
  options: { now?: () => Date } = {},
): Promise<EnqueueResult> {
  if (!OUTBOX_KINDS.includes(input.kind)) throw new Error(`unknown outbox kind "${input.kind}"`);
  if (input.idempotencyKey.trim() === '') throw new Error('idempotencyKey must not be empty');
  if (!input.message || !Array.isArray(input.message.blocks) || input.message.fallbackText.trim() === '') {
    throw new Error('message needs blocks and a non-empty fallbackText');
  }
  const existing = await findByKey(db, input.tenantId, input.idempotencyKey);
  if (existing) return { id: existing, created: false };

  const now = (options.now ?? (() => new Date()))();
  const to = await resolveConversation(db, input.tenantId, input.recipientEmployeeId);
  const requested = input.notBefore && input.notBefore > now ? input.notBefore : now;
  // Off the minutes the platform asks apps to avoid (WeCom: just after :00 and :30), at a per-tenant offset.
  const notBefore = firstAllowedSend(to.platform, input.tenantId, requested);
  const inserted = await db
    .insertInto('outbox')
    .values({
      tenant_id: input.tenantId,
      idempotency_key: input.idempotencyKey,
      kind: input.kind,
      recipient_employee_id: input.recipientEmployeeId,
      platform: to.platform,
      conversation_ref: JSON.stringify(to),
      message: JSON.stringify(input.message),
      next_attempt_at: notBefore,
      last_error: null,
      last_error_code: null,
      locked_until: null,
      claimed_by: null,
      platform_message_id: null,
      sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  // Lost a race with a concurrent enqueue of the same key: theirs is the row.
  const winner = await findByKey(db, input.tenantId, input.idempotencyKey);
  if (!winner) throw new Error(`outbox row for key ${input.idempotencyKey} vanished`);
  return { id: winner, created: false };
}

async function findByKey(db: Db, tenantId: string, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where((eb) => eb.and({ tenant_id: tenantId, idempotency_key: key }))
    .executeTakeFirst();
  return row?.id;
}
