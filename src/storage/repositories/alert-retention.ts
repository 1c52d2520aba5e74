// Retention of closed alerts: the alerts whose last activity (raised, snoozed until, feedback given) is before a
// cutoff, the feedback given on them and their delivered messages (the outbox row holding the rendered alert, once
// sent or given up). Deleted in bounded batches per tenant.
import type { Db } from '../database.js';

/** Tenants that have at least one alert whose last activity is before `cutoff`. */
export async function tenantsWithExpiredAlerts(db: Db, cutoff: Date): Promise<string[]> {
  const rows = await expiredAlerts(db, cutoff).select('a.tenant_id').distinct().orderBy('a.tenant_id').execute();
  return rows.map((r) => r.tenant_id);
}

const expiredAlerts = (db: Db, cutoff: Date) =>
  db
    .selectFrom('alerts as a')
    .where('a.created_at', '<', cutoff)
    .where((eb) => eb.or([eb('a.snoozed_until', 'is', null), eb('a.snoozed_until', '<', cutoff)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('alert_feedback as f')
            .select('f.id')
            .whereRef('f.alert_id', '=', 'a.id')
            .where('f.at', '>=', cutoff),
        ),
      ),
    );

/**
 * Deletes up to `limit` expired alerts of one tenant, their feedback and their finished outbox messages (in the
 * caller's transaction); returns how many of each went (alerts < limit ⇒ none is left).
 */
export async function deleteExpiredAlertsBatch(
  db: Db,
  tenantId: string,
  cutoff: Date,
  limit: number,
): Promise<{ alerts: number; feedback: number; messages: number }> {
  const rows = await expiredAlerts(db, cutoff)
    .select(['a.id', 'a.outbox_id'])
    .where('a.tenant_id', '=', tenantId)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return { alerts: 0, feedback: 0, messages: 0 };
  const ids = rows.map((r) => r.id);
  const outboxIds = rows.flatMap((r) => (r.outbox_id ? [r.outbox_id] : []));
  const feedback = await db
    .deleteFrom('alert_feedback')
    .where('tenant_id', '=', tenantId)
    .where('alert_id', 'in', ids)
    .executeTakeFirst();
  const alerts = await db
    .deleteFrom('alerts')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  // The rendered alert (name, reasons) sits in its outbox row; one still to be sent is left to the worker.
  const messages = outboxIds.length
    ? await db
        .deleteFrom('outbox')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', outboxIds)
        .where('status', 'in', ['sent', 'dead'])
        .executeTakeFirst()
    : undefined;
  return {
    alerts: Number(alerts.numDeletedRows),
    feedback: Number(feedback.numDeletedRows),
    messages: Number(messages?.numDeletedRows ?? 0),
  };
}
