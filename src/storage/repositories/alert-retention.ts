// Retention of closed alerts: the alerts whose last activity (raised, snoozed until, feedback given) is before a
// cutoff, and the feedback given on them. Deleted in bounded batches per tenant.
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
 * Deletes up to `limit` expired alerts of one tenant and their feedback (in the caller's transaction); returns how
 * many of each went (alerts < limit ⇒ none is left).
 */
export async function deleteExpiredAlertsBatch(
  db: Db,
  tenantId: string,
  cutoff: Date,
  limit: number,
): Promise<{ alerts: number; feedback: number }> {
  const ids = (
    await expiredAlerts(db, cutoff)
      .select('a.id')
      .where('a.tenant_id', '=', tenantId)
      .orderBy('a.id')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return { alerts: 0, feedback: 0 };
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
  return { alerts: Number(alerts.numDeletedRows), feedback: Number(feedback.numDeletedRows) };
}
