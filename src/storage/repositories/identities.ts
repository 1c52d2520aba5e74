// Platform identities: (platform, platform user id) ↔ employee. One employee may hold several
// (Slack, DingTalk, WeCom, console…); one platform user id belongs to at most one employee per tenant.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { rowsWhereAnyOf } from './any-of.js';

export interface IdentityRow {
  employee_id: string;
  platform: string;
  platform_user_id: string;
}

export async function identitiesOfEmployees(
  db: Db,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<IdentityRow[]> {
  const identities = db
    .selectFrom('platform_identities')
    .select(['employee_id', 'platform', 'platform_user_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('platform')
    .orderBy('platform_user_id');
  return rowsWhereAnyOf(identities, 'employee_id', employeeIds);
}

/** Current holders of the given (platform, platform user id) pairs. */
export async function identitiesByPlatformIds(
  db: Db,
  tenantId: string,
  pairs: readonly { platform: string; platformUserId: string }[],
): Promise<IdentityRow[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<IdentityRow>`
    select i.employee_id, i.platform, i.platform_user_id
    from platform_identities i
    join unnest(${pairs.map((p) => p.platform)}::text[], ${pairs.map((p) => p.platformUserId)}::text[]) as u(platform, platform_user_id)
      on u.platform = i.platform and u.platform_user_id = i.platform_user_id
    where i.tenant_id = ${tenantId}::uuid`.execute(db);
  return rows;
}

export async function findEmployeeIdByIdentity(
  db: Db,
  tenantId: string,
  platform: string,
  platformUserId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('platform_identities')
    .select('employee_id')
    .where((eb) => eb.and({ tenant_id: tenantId, platform, platform_user_id: platformUserId }))
    .executeTakeFirst();
  return row?.employee_id;
}

/** Removes every identity the given employees hold on the given platforms. */
export async function deleteIdentities(
  db: Db,
  tenantId: string,
  targets: readonly { employeeId: string; platform: string }[],
): Promise<void> {
  if (targets.length === 0) return;
  await sql`
    delete from platform_identities i
    using unnest(${targets.map((t) => t.employeeId)}::uuid[], ${targets.map((t) => t.platform)}::text[]) as u(employee_id, platform)
    where i.tenant_id = ${tenantId}::uuid and i.employee_id = u.employee_id and i.platform = u.platform`.execute(db);
}

export async function insertIdentities(db: Db, tenantId: string, rows: readonly IdentityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into platform_identities (tenant_id, employee_id, platform, platform_user_id)
    select ${tenantId}::uuid, u.employee_id, u.platform, u.platform_user_id
    from unnest(
      ${rows.map((r) => r.employee_id)}::uuid[],
      ${rows.map((r) => r.platform)}::text[],
      ${rows.map((r) => r.platform_user_id)}::text[]
    ) as u(employee_id, platform, platform_user_id)`.execute(db);
}
