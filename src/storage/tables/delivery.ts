// Kysely table types for the outbox (migrations/0004_outbox.ts). Alert tables live in their own file.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { OutboundMessage } from '../../core/messages/types.js';
import type { ConversationRef } from '../../core/platform.js';
import type { Timestamp } from './directory.js';

export type OutboxKind = 'alert' | 'warning' | 'digest' | 'nudge' | 'survey' | 'reply';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface OutboxTable {
  id: Generated<string>;
  tenant_id: string;
  /** Unique per tenant: enqueueing the same key twice yields one row. Passed to the platform when it de-duplicates. */
  idempotency_key: string;
  kind: OutboxKind;
  recipient_employee_id: string;
  /** PlatformName: which adapter sends it. */
  platform: string;
  conversation_ref: ColumnType<ConversationRef, string, string>;
  /** The neutral message, already in the recipient's locale. Rendered at send time. */
  message: ColumnType<OutboundMessage, string, string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  last_error_code: string | null;
  /** Lease: a claimed row whose lease ran out (its worker died) is claimed again. */
  locked_until: Timestamp | null;
  claimed_by: string | null;
  platform_message_id: string | null;
  sent_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type OutboxRow = Selectable<OutboxTable>;
