// The inbound delivery inbox: a delivery is stored once per (tenant, platform, key); workers claim pending rows
// with FOR UPDATE SKIP LOCKED and a lease, like the outbox. Outcome updates are fenced by claimed_by.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { InboundDeliveryRow } from '../tables/platforms.js';

/** Stores a delivery; a redelivery of the same key only counts itself. Returns whether it was new. */
export async function insertDelivery(
  db: Db,
  input: { tenantId: string; platform: string; deliveryKey: string; events: unknown[]; status?: 'pending' | 'done' },
  now: Date,
): Promise<{ created: boolean }> {
  const inserted = await db
    .insertInto('inbound_deliveries')
    .values({
      tenant_id: input.tenantId,
      platform: input.platform,
      delivery_key: input.deliveryKey,
      events: JSON.stringify(input.events),
      status: input.status ?? 'pending',
      received_at: now,
      processed_at: input.status === 'done' ? now : null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'platform', 'delivery_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { created: true };
  await db
    .updateTable('inbound_deliveries')
    .set((eb) => ({ redeliveries: eb('redeliveries', '+', 1) }))
    .where((eb) => eb.and({ tenant_id: input.tenantId, platform: input.platform, delivery_key: input.deliveryKey }))
    .execute();
  return { created: false };
}

export interface DeliveryInput {
  tenantId: string;
  platform: string;
  deliveryKey: string;
  events: unknown[];
  status?: 'pending' | 'done';
}

const keyOf = (d: { tenantId: string; platform: string; deliveryKey: string }) =>
  `${d.tenantId.toLowerCase()}|${d.platform}|${d.deliveryKey}`;

/**
 * Stores many deliveries in one statement (the inbox's group commit): new keys are inserted, keys already stored
 * only count their redeliveries — exactly insertDelivery's rule, per item. Within the batch, the first item of a key
 * is the delivery and the others are its redeliveries. One statement, so the batch is stored whole or not at all.
 * Returns, per input item in order, whether it was new.
 */
export async function insertDeliveries(
  db: Db,
  inputs: readonly DeliveryInput[],
  now: Date,
): Promise<{ created: boolean }[]> {
  if (inputs.length === 0) return [];
  const groups = new Map<string, { first: DeliveryInput; count: number }>();
  for (const input of inputs) {
    const group = groups.get(keyOf(input));
    if (group) group.count++;
    else groups.set(keyOf(input), { first: input, count: 1 });
  }
  const rows = [...groups.values()].map(
    ({ first, count }) =>
      sql`(${first.tenantId}::uuid, ${first.platform}::text, ${first.deliveryKey}::text, ${JSON.stringify(first.events)}::jsonb, ${first.status ?? 'pending'}::text, ${count}::int)`,
  );
  // `ins` cannot see rows it inserts and `upd` cannot see them either (one snapshot): `upd` only touches keys that
  // were stored before this statement. A key stored by a concurrent statement after our snapshot is neither
  // inserted nor updated here; it is counted by the follow-up below.
  const { rows: touched } = await sql<{ tenant_id: string; platform: string; delivery_key: string; created: boolean }>`
    with v (tenant_id, platform, delivery_key, events, status, n) as (values ${sql.join(rows)}),
    ins as (
      insert into inbound_deliveries
        (tenant_id, platform, delivery_key, events, status, received_at, processed_at, redeliveries)
      select tenant_id, platform, delivery_key, events, status, ${now}::timestamptz,
             case when status = 'done' then ${now}::timestamptz end, n - 1
      from v
      on conflict (tenant_id, platform, delivery_key) do nothing
      returning tenant_id, platform, delivery_key
    ),
    upd as (
      update inbound_deliveries d set redeliveries = d.redeliveries + v.n
      from v
      where d.tenant_id = v.tenant_id and d.platform = v.platform and d.delivery_key = v.delivery_key
      returning d.tenant_id, d.platform, d.delivery_key
    )
    select tenant_id, platform, delivery_key, true as created from ins
    union all
    select tenant_id, platform, delivery_key, false as created from upd`.execute(db);
  const created = new Set<string>();
  const seen = new Set<string>();
  for (const row of touched) {
    const key = keyOf({ tenantId: row.tenant_id, platform: row.platform, deliveryKey: row.delivery_key });
    seen.add(key);
    if (row.created) created.add(key);
  }
  for (const [key, { first, count }] of groups) {
    if (seen.has(key)) continue;
    // Raced with a concurrent insert of the same key (it committed after our snapshot): a redelivery.
    await db
      .updateTable('inbound_deliveries')
      .set((eb) => ({ redeliveries: eb('redeliveries', '+', count) }))
      .where((eb) => eb.and({ tenant_id: first.tenantId, platform: first.platform, delivery_key: first.deliveryKey }))
      .execute();
  }
  const firstSeen = new Set<string>();
  return inputs.map((input) => {
    const key = keyOf(input);
    const isFirst = !firstSeen.has(key);
    firstSeen.add(key);
    return { created: isFirst && created.has(key) };
  });
}

/** Claims up to `limit` due deliveries (pending, or processing with an expired lease), oldest first. */
export async function claimDeliveries(
  db: Db,
  input: { workerId: string; limit: number; leaseMs: number; now: Date },
): Promise<InboundDeliveryRow[]> {
  const { rows } = await sql<InboundDeliveryRow>`
    update inbound_deliveries d
    set status = 'processing', claimed_by = ${input.workerId}, attempts = d.attempts + 1,
        locked_until = ${new Date(input.now.getTime() + input.leaseMs)}
    where d.id in (
      select id from inbound_deliveries
      where (status = 'pending' and (locked_until is null or locked_until <= ${input.now}))
         or (status = 'processing' and locked_until <= ${input.now})
      order by received_at
      limit ${input.limit}
      for update skip locked
    )
    returning d.*`.execute(db);
  return rows;
}

export async function markDeliveriesDone(db: Db, ids: readonly string[], workerId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('inbound_deliveries')
    .set({ status: 'done', processed_at: now, locked_until: null, last_error: null })
    .where('id', 'in', [...ids])
    .where((eb) => eb.and({ claimed_by: workerId, status: 'processing' }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A failed attempt: back to pending after `retryAt`, or failed for good. */
export async function markDeliveryFailed(
  db: Db,
  id: string,
  workerId: string,
  input: { error: string; retryAt: Date | null; now: Date },
): Promise<void> {
  await db
    .updateTable('inbound_deliveries')
    .set({
      status: input.retryAt ? 'pending' : 'failed',
      locked_until: input.retryAt,
      last_error: input.error.slice(0, 2000),
      processed_at: input.retryAt ? null : input.now,
    })
    .where((eb) => eb.and({ id, claimed_by: workerId }))
    .execute();
}

/** Deletes finished deliveries older than `before` (they only served de-duplication). */
export async function purgeDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('inbound_deliveries')
    .where('status', 'in', ['done', 'failed'])
    .where('processed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deliveryCounts(
  db: Db,
  tenantId: string,
): Promise<Record<'pending' | 'processing' | 'done' | 'failed', number>> {
  const rows = await db
    .selectFrom('inbound_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('status')
    .execute();
  const counts = { pending: 0, processing: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
