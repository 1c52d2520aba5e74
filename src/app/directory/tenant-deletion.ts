// Deleting a tenant: the explicit, audited retention path. Everything the tenant owns is erased (directory, tokens,
// signals, scores, alerts, messages, installations — every table cascades from the tenant), except its audit log:
// audit rows are kept for the audit retention (TEAMPULSE_AUDIT_RETENTION_YEARS, at least 6 years: the row trigger
// refuses to delete younger ones, and since 0008 they no longer cascade from the tenant). The deletion itself is the last audit row of the tenant, naming what was erased.
import type { Db } from '../../storage/database.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { InvalidInputError } from '../errors.js';
import { requireTenant } from './tenants.js';

export interface TenantDeletionCounts {
  employees: number;
  teams: number;
  apiTokens: number;
  alerts: number;
  messages: number;
  auditEntries: number;
}

export interface TenantDeletion {
  tenant: { id: string; slug: string; name: string };
  /** What is erased (auditEntries: what is kept). */
  counts: TenantDeletionCounts;
  /** The day until which its audit entries are kept (the deletion's own entry is the youngest). */
  auditKeptUntil: string;
  deleted: boolean;
}

const addYears = (at: Date, years: number): string => {
  const until = new Date(at);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until.toISOString().slice(0, 10);
};

async function countsOf(db: Db, tenantId: string): Promise<TenantDeletionCounts> {
  const count = async (table: 'employees' | 'teams' | 'api_tokens' | 'alerts' | 'outbox' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    employees: await count('employees'),
    teams: await count('teams'),
    apiTokens: await count('api_tokens'),
    alerts: await count('alerts'),
    messages: await count('outbox'),
    auditEntries: await count('audit_log'),
  };
}

export const describeDeletion = (d: TenantDeletion): string =>
  `${d.counts.employees} employees, ${d.counts.teams} teams, ${d.counts.apiTokens} API tokens, ` +
  `${d.counts.alerts} alerts, ${d.counts.messages} messages and every signal and score`;

/**
 * Deletes the tenant (with `confirm`) or refuses with one line saying what would be erased and until when its audit
 * entries are kept. Audited as `tenant.delete` (the entry is kept with the others).
 */
export async function deleteTenant(
  db: Db,
  input: {
    slug: string;
    confirm: boolean;
    actor: string;
    /** config.auditRetentionYears: how long the purge job keeps audit rows. */
    auditRetentionYears: number;
    now?: Date;
  },
): Promise<TenantDeletion> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const tenant = await requireTenant(trx, input.slug);
    const counts = await countsOf(trx, tenant.id);
    const plan: TenantDeletion = {
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      counts: { ...counts, auditEntries: counts.auditEntries + 1 },
      auditKeptUntil: addYears(now, input.auditRetentionYears),
      deleted: false,
    };
    if (!input.confirm) {
      throw new InvalidInputError(
        `deleting tenant "${tenant.slug}" (${tenant.name}) erases ${describeDeletion(plan)}; its audit log is kept ` +
          `until ${plan.auditKeptUntil} (${input.auditRetentionYears}-year retention). Re-run with --confirm to delete it`,
      );
    }
    await recordAudit(trx, {
      tenantId: tenant.id,
      actor: input.actor,
      action: 'tenant.delete',
      subjectType: 'tenant',
      subjectId: tenant.id,
      details: { slug: tenant.slug, name: tenant.name, erased: counts, auditKeptUntil: plan.auditKeptUntil },
    });
    await trx.deleteFrom('tenants').where('id', '=', tenant.id).execute();
    return { ...plan, deleted: true };
  });
}
