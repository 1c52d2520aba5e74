// Append-only audit log: every view of an individual's data is written here (kept 6 years).
import type { Db } from '../database.js';

export interface AuditRecord {
  tenantId: string;
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: record.tenantId,
      actor: record.actor,
      action: record.action,
      subject_type: record.subjectType ?? null,
      subject_id: record.subjectId ?? null,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}
