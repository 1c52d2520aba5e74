// Outbox rows: claim (FOR UPDATE SKIP LOCKED + lease), outcome updates fenced by the claimant, listing and revival.
// Every instant comes from the caller's clock so tests can drive time.
import { sql, type ExpressionBuilder, type UpdateObject } from 'kysely';
import type { Database, Db } from '../database.js';
import type { OutboxRow, OutboxStatus } from '../tables/delivery.js';

export interface ClaimOptions {
  platforms: readonly string[];
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Claims up to `limit` due rows: pending rows whose next_attempt_at has come, and rows still 'sending' whose
 * lease ran out (their worker died between claim and mark). Concurrent claimers skip each other's locked rows,
 * so a row is handed to exactly one worker; attempts counts claims, so a poison row still dead-letters.
 */
export async function claimDueOutbox(db: Db, options: ClaimOptions): Promise<OutboxRow[]> {
  if (options.platforms.length === 0 || options.limit <= 0) return [];
  const lockedUntil = new Date(options.now.getTime() + options.leaseMs);
  return db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      claimed_by: options.workerId,
      locked_until: lockedUntil,
      updated_at: options.now,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('platform', 'in', [...options.platforms])
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', options.now)]),
            w.and([w('status', '=', 'sending'), w('locked_until', '<', options.now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * The outcome of a claimed row, fenced by its claimant: a worker whose lease was taken over cannot overwrite the new
 * owner's outcome. True when this worker still held the claim.
 */
async function updateClaimed(
  db: Db,
  id: string,
  workerId: string,
  set:
    | UpdateObject<Database, 'outbox'>
    | ((eb: ExpressionBuilder<Database, 'outbox'>) => UpdateObject<Database, 'outbox'>),
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(set)
    .where((eb) => eb.and({ id, claimed_by: workerId, status: 'sending' }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markOutboxSent(
  db: Db,
  id: string,
  workerId: string,
  platformMessageId: string,
  now: Date,
): Promise<boolean> {
  return updateClaimed(db, id, workerId, {
    status: 'sent',
    platform_message_id: platformMessageId,
    sent_at: now,
    locked_until: null,
    last_error: null,
    last_error_code: null,
    updated_at: now,
  });
}

/**
 * Records a flush group of finished sends in one statement, fenced by the claimant like updateClaimed. Returns the
 * ids this worker still held (a row taken over by another worker after its lease ran out is left to that worker).
 */
export async function markOutboxSentMany(
  db: Db,
  workerId: string,
  marks: readonly { id: string; platformMessageId: string; sentAt: Date }[],
  now: Date,
): Promise<string[]> {
  if (marks.length === 0) return [];
  const ids = marks.map((m) => m.id);
  const result = await sql<{ id: string }>`
    update outbox o set status = 'sent', platform_message_id = u.platform_message_id, sent_at = u.sent_at,
      locked_until = null, last_error = null, last_error_code = null, updated_at = ${now}
    from unnest(${ids}::uuid[], ${marks.map((m) => m.platformMessageId)}::text[], ${marks.map((m) => m.sentAt.toISOString())}::timestamptz[])
      as u(id, platform_message_id, sent_at)
    where o.id = any(${ids}::uuid[]) and o.id = u.id and o.claimed_by = ${workerId} and o.status = 'sending'
    returning o.id`.execute(db);
  return result.rows.map((r) => r.id);
}

export async function markOutboxRetry(
  db: Db,
  id: string,
  workerId: string,
  outcome: { nextAttemptAt: Date; error: string; code: string; now: Date },
): Promise<boolean> {
  return updateClaimed(db, id, workerId, {
    status: 'pending',
    next_attempt_at: outcome.nextAttemptAt,
    last_error: outcome.error,
    last_error_code: outcome.code,
    locked_until: null,
    updated_at: outcome.now,
  });
}

export async function markOutboxDead(
  db: Db,
  id: string,
  workerId: string,
  outcome: { error: string; code: string; now: Date },
): Promise<boolean> {
  return updateClaimed(db, id, workerId, {
    status: 'dead',
    last_error: outcome.error,
    last_error_code: outcome.code,
    locked_until: null,
    updated_at: outcome.now,
  });
}

/** Gives a claimed row back untouched (the rate limiter said "later"): the claim does not count as an attempt. */
export async function deferOutbox(db: Db, id: string, workerId: string, until: Date, now: Date): Promise<boolean> {
  return updateClaimed(db, id, workerId, (eb) => ({
    status: 'pending',
    attempts: eb('attempts', '-', 1),
    next_attempt_at: until,
    locked_until: null,
    updated_at: now,
  }));
}

/** The earliest instant a row becomes due for these platforms (the worker sleeps until then), if any. */
export async function nextOutboxDueAt(db: Db, platforms: readonly string[]): Promise<Date | undefined> {
  if (platforms.length === 0) return undefined;
  const row = await db
    .selectFrom('outbox')
    .select((eb) =>
      eb.fn.min(sql<Date>`case when status = 'pending' then next_attempt_at else locked_until end`).as('due'),
    )
    .where('platform', 'in', [...platforms])
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return row?.due ? new Date(row.due) : undefined;
}

export interface OutboxListFilter {
  tenantId?: string;
  status?: OutboxStatus;
  recipientEmployeeId?: string;
  platform?: string;
  limit?: number;
}

export async function listOutbox(db: Db, filter: OutboxListFilter = {}): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.tenantId) query = query.where('tenant_id', '=', filter.tenantId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.recipientEmployeeId) query = query.where('recipient_employee_id', '=', filter.recipientEmployeeId);
  if (filter.platform) query = query.where('platform', '=', filter.platform);
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.limit ?? 1000)
    .execute();
}

export async function findOutboxById(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revives a dead row: attempts start again from zero, due now. Returns the row as it was, or undefined. */
export async function reviveDeadOutbox(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      claimed_by: null,
      updated_at: now,
    })
    .where((eb) => eb.and({ id, status: 'dead' }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
