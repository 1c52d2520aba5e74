// Retention of closed alerts (issue I, privacy): an alert is open for 30 days unless answered (open.ts); once its
// last activity — raised, snoozed until, feedback given — is older than TEAMPULSE_ALERT_RETENTION_DAYS, the alert,
// its feedback and its delivered outbox message (the rendered alert) are deleted by a daily job, and each tenant's counts go to its audit log. Erasing a person
// deletes their alerts at once (the foreign keys cascade); this is the purge for everyone else.
import type { Db } from '../../storage/database.js';
import { dailyPurgeJob } from '../purge-job.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { deleteExpiredAlertsBatch, tenantsWithExpiredAlerts } from '../../storage/repositories/alert-retention.js';

export const ALERT_PURGE_ACTOR = 'system:retention';

export interface AlertPurgeOptions {
  /** config.alertRetentionDays */
  retentionDays: number;
  now: Date;
  /** Alerts per DELETE, so one run never holds a huge lock or transaction. */
  batchSize?: number;
}

export interface AlertPurgeResult {
  cutoff: string;
  alerts: number;
  feedback: number;
  /** Their delivered (sent or dead) outbox messages, which hold the rendered alert. */
  messages: number;
  /** Per tenant that lost rows: its counts (also in that tenant's audit log as `alerts.purge`). */
  tenants: { tenantId: string; alerts: number; feedback: number; messages: number }[];
}

export async function purgeClosedAlerts(db: Db, options: AlertPurgeOptions): Promise<AlertPurgeResult> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 86_400_000);
  const batchSize = options.batchSize ?? 5_000;
  const result: AlertPurgeResult = {
    cutoff: cutoff.toISOString(),
    alerts: 0,
    feedback: 0,
    messages: 0,
    tenants: [],
  };
  for (const tenantId of await tenantsWithExpiredAlerts(db, cutoff)) {
    const counts = { alerts: 0, feedback: 0, messages: 0 };
    for (;;) {
      // Each batch and its audit row commit together: a crash between batches leaves an accurate trail.
      const batch = await db.transaction().execute(async (trx) => {
        const deleted = await deleteExpiredAlertsBatch(trx, tenantId, cutoff, batchSize);
        if (deleted.alerts > 0)
          await recordAudit(trx, {
            tenantId,
            actor: ALERT_PURGE_ACTOR,
            action: 'alerts.purge',
            subjectType: 'tenant',
            subjectId: tenantId,
            details: { ...deleted, retentionDays: options.retentionDays, cutoff: result.cutoff },
          });
        return deleted;
      });
      counts.alerts += batch.alerts;
      counts.feedback += batch.feedback;
      counts.messages += batch.messages;
      if (batch.alerts < batchSize) break;
    }
    if (counts.alerts > 0) {
      result.tenants.push({ tenantId, ...counts });
      result.alerts += counts.alerts;
      result.feedback += counts.feedback;
      result.messages += counts.messages;
    }
  }
  return result;
}

/** The daily scheduler job (one pass over all tenants at 04:00). */
export function purgeClosedAlertsJob(deps: { db: Db; retentionDays: number; now?: () => Date }) {
  return dailyPurgeJob('purge-closed-alerts', '0 4 * * *', deps.now, async (now, logger) => {
    const result = await purgeClosedAlerts(deps.db, { retentionDays: deps.retentionDays, now });
    logger?.info(
      {
        cutoff: result.cutoff,
        alerts: result.alerts,
        feedback: result.feedback,
        messages: result.messages,
        retentionDays: deps.retentionDays,
      },
      'closed alerts past retention purged',
    );
  });
}
