// Append-only audit log: every view of an individual's data is written here (kept 6 years).
import type { Db } from '../database.js';
import type { AuditEntry } from '../tables/directory.js';

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

export async function listAudit(db: Db, tenantId: string, limit = 100): Promise<AuditEntry[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
