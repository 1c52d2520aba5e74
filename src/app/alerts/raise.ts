// Raising one alert: the alert row and its outbox message in one transaction (an alert never exists without its
// message), idempotent per escalation and recipient, and the audit entry for a read of an individual's risk.
import type { AlertReason, AlertTrigger } from '../../core/alerts/index.js';
import type { OutboundMessage } from '../../core/messages/types.js';
import { enqueueMessage } from '../../delivery/enqueue.js';
import type { Db } from '../../storage/database.js';
import { insertAlert, setAlertOutbox } from '../../storage/repositories/alerts.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import type { AlertRow } from '../../storage/tables/alerts.js';
import type { AlertDeps } from './deps.js';

export interface RaiseInput {
  alert: {
    tenant_id: string;
    kind: AlertRow['kind'];
    subject_employee_id: string | null;
    subject_team_id: string | null;
    level: string;
    score: number | null;
    reasons: AlertReason[];
    as_of: string;
    trigger: AlertTrigger;
    recipient_employee_id: string;
    routed_via: AlertRow['routed_via'];
  };
  outboxKind: 'alert' | 'warning';
  notBefore: Date;
  now: Date;
  build: (alertId: string) => OutboundMessage;
}

/** One alert row + its outbox row, in one transaction, so an alert never exists without its message. */
export async function raise(db: AlertDeps['db'], input: RaiseInput): Promise<boolean> {
  return db.transaction().execute(async (trx: Db) => {
    const { row, created } = await insertAlert(trx, { ...input.alert, outbox_id: null, snoozed_until: null });
    if (row.outbox_id) return false;
    const subjectId = input.alert.subject_employee_id ?? input.alert.subject_team_id ?? '';
    const outbox = await enqueueMessage(
      trx,
      {
        tenantId: input.alert.tenant_id,
        recipientEmployeeId: input.alert.recipient_employee_id,
        kind: input.outboxKind,
        // One message per escalation and recipient, whatever happens to the alert row.
        idempotencyKey: `${input.alert.kind}:${subjectId}:${input.alert.as_of}:${input.alert.recipient_employee_id}`,
        message: input.build(row.id),
        notBefore: input.notBefore,
      },
      { now: () => input.now },
    );
    await setAlertOutbox(trx, row.id, outbox.id);
    // The recipient is about to see an individual's risk: that is a read of personal data.
    if (input.alert.subject_employee_id) {
      await recordAudit(trx, {
        tenantId: input.alert.tenant_id,
        actor: 'system',
        action: 'alert.raised',
        subjectType: 'employee',
        subjectId: input.alert.subject_employee_id,
        details: {
          alertId: row.id,
          recipientEmployeeId: input.alert.recipient_employee_id,
          routedVia: input.alert.routed_via,
        },
      });
    }
    return created;
  });
}
