// The operator's view of the outbox (`teampulse outbox list|retry`): outgoing messages with the tenant slug and the
// recipient's external id, and a second round for dead-lettered ones.
import type { Db } from '../../storage/database.js';
import type { OutboxStatus } from '../../storage/tables/delivery.js';
import { findOutboxById, listOutbox, reviveDeadOutbox } from '../../storage/repositories/outbox.js';
import { isUuid } from '../../storage/repositories/refs.js';
import { requireTenant } from '../directory/tenants.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

export interface OutboxItem {
  id: string;
  tenant: string;
  kind: string;
  recipient: string;
  platform: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  idempotencyKey: string;
}

/** What the operator reads instead of an id: a person's external id, a tenant's slug. */
const LABEL_COLUMN = { employees: 'external_id', tenants: 'slug' } as const;

async function labelsById(db: Db, table: keyof typeof LABEL_COLUMN, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom(table)
    .select((eb) => ['id', eb.ref(LABEL_COLUMN[table]).as('label')])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.label]));
}

export async function outboxMessages(
  db: Db,
  filter: { tenantSlug?: string; status?: OutboxStatus; limit: number },
): Promise<OutboxItem[]> {
  const tenantId = filter.tenantSlug !== undefined ? (await requireTenant(db, filter.tenantSlug)).id : undefined;
  const rows = await listOutbox(db, {
    ...(tenantId ? { tenantId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    limit: filter.limit,
  });
  const recipientIds = rows.map((r) => r.recipient_employee_id);
  const tenantIds = rows.map((r) => r.tenant_id);
  const people = await labelsById(db, 'employees', recipientIds);
  const tenants = await labelsById(db, 'tenants', tenantIds);
  return rows.map((r) => ({
    id: r.id,
    tenant: tenants.get(r.tenant_id) ?? r.tenant_id,
    kind: r.kind,
    recipient: people.get(r.recipient_employee_id) ?? r.recipient_employee_id,
    platform: r.platform,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    idempotencyKey: r.idempotency_key,
  }));
}

/** Sends a dead-lettered message again (attempts start from zero). */
export async function retryDeadMessage(db: Db, id: string, now: Date): Promise<void> {
  if (!isUuid(id)) throw new InvalidInputError(`"${id}" is not an outbox id (see: teampulse outbox list --dead)`);
  const row = await findOutboxById(db, id);
  if (!row) throw new NotFoundError(`no outbox message ${id}`);
  if (row.status !== 'dead')
    throw new ConflictError(`message ${id} is ${row.status}; only dead messages can be retried`);
  if (!(await reviveDeadOutbox(db, id, now))) throw new ConflictError(`message ${id} changed meanwhile; list it again`);
}
