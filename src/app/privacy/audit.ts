// Reading the append-only audit log (admins of the whole tenant; the CLI operator): who read or changed what about
// whom, when and through which platform. Newest first, paged by id.
import type { Db } from '../../storage/database.js';
import { dailyPurgeJob } from '../purge-job.js';
import { accessFor, operatorActor, type Access } from '../access/index.js';
import { requireTenant } from '../directory/tenants.js';
import { InvalidInputError } from '../errors.js';

export interface AuditQuery {
  limit: number;
  /** Only rows older than this id (the `nextCursor` of the previous page). */
  before?: string;
  action?: string;
  /** A person's or team's id: rows about them. */
  subject?: string;
  since?: Date;
}

export interface AuditRowView {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: { type: string; id: string | null } | null;
  source: string | null;
  details: Record<string, unknown>;
}

export async function readAuditLog(
  access: Access,
  query: AuditQuery,
): Promise<{ items: AuditRowView[]; nextCursor: string | null }> {
  access.require('audit.read');
  if (query.before !== undefined && !/^\d{1,18}$/.test(query.before))
    throw new InvalidInputError('invalid cursor', [{ path: '/cursor', message: 'is not a cursor this API returned' }]);
  let q = access.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'details'])
    .where('tenant_id', '=', access.tenantId);
  if (query.before !== undefined) q = q.where('id', '<', Number(query.before));
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.subject !== undefined) q = q.where('subject_id', '=', query.subject);
  if (query.since !== undefined) q = q.where('at', '>=', query.since);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => {
      const details = (r.details ?? {}) as Record<string, unknown>;
      return {
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        subject: r.subject_type ? { type: r.subject_type, id: r.subject_id } : null,
        source: typeof details.source === 'string' ? details.source : null,
        details,
      };
    }),
    nextCursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}

/** The operator's view (`teampulse audit --tenant <slug>`): the CLI acts as the tenant's admin. */
export async function auditLogOfTenant(db: Db, tenantSlug: string, query: AuditQuery) {
  const tenant = await requireTenant(db, tenantSlug);
  return readAuditLog(accessFor(db, operatorActor(tenant.id)), query);
}

/**
 * Deletes audit rows older than `years` (the retention, default 6, never less: the table's trigger refuses younger
 * deletions). The daily job `purge-audit-log` runs it; returns how many rows went.
 */
export async function purgeAuditLog(db: Db, options: { years: number; now: Date }): Promise<number> {
  const cutoff = new Date(options.now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - options.years);
  const result = await db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The daily scheduler job (one pass over all tenants at 03:45). */
export function purgeAuditLogJob(deps: { db: Db; years: number; now?: () => Date }) {
  return dailyPurgeJob('purge-audit-log', '45 3 * * *', deps.now, async (now, logger) => {
    const deleted = await purgeAuditLog(deps.db, { years: deps.years, now });
    logger?.info({ deleted, retentionYears: deps.years }, 'audit rows past retention purged');
  });
}
