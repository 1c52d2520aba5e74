// Granting and revoking roles (HR contacts, admins) by slug and external ids, audited.
import type { Db } from '../../storage/database.js';
import {
  deleteRoleGrants,
  insertRoleGrant,
  listRoleGrants,
  type RoleGrantView,
} from '../../storage/repositories/role-grants.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { requireRefId, requireRole, requireTenant } from './tenants.js';
import { InvalidInputError } from '../errors.js';

export interface RoleGrantInput {
  tenantSlug: string;
  /** External id (or internal id) of the employee. */
  employee: string;
  role: string;
  /** External id (or internal id) of the team whose sub-tree the grant covers; omitted ⇒ the whole tenant. */
  team?: string;
  /** A legal entity (法人主体): the grant covers that entity's people and teams. Not together with `team`. */
  entity?: string;
  actor: string;
}

async function resolveGrant(db: Db, input: RoleGrantInput) {
  const role = requireRole(input.role);
  const tenant = await requireTenant(db, input.tenantSlug);
  const employeeId = await requireRefId(db, tenant, 'employee', input.employee);
  if (input.team !== undefined && input.entity !== undefined)
    throw new InvalidInputError('a grant covers a team sub-tree or a legal entity, not both');
  const scopeTeamId = input.team === undefined ? null : await requireRefId(db, tenant, 'team', input.team);
  return { tenantId: tenant.id, employeeId, role, scopeTeamId, scopeLegalEntity: input.entity ?? null };
}

export async function grantRole(db: Db, input: RoleGrantInput): Promise<{ created: boolean }> {
  const grant = await resolveGrant(db, input);
  const created = await insertRoleGrant(db, grant);
  if (created) await auditGrant(db, input.actor, 'role.grant', grant);
  return { created };
}

export async function revokeRole(db: Db, input: RoleGrantInput): Promise<{ removed: number }> {
  const grant = await resolveGrant(db, input);
  const removed = await deleteRoleGrants(db, grant);
  if (removed > 0) await auditGrant(db, input.actor, 'role.revoke', grant);
  return { removed };
}

/** Who may see whose data changed: written only when a grant was really added or removed. */
async function auditGrant(
  db: Db,
  actor: string,
  action: 'role.grant' | 'role.revoke',
  grant: Awaited<ReturnType<typeof resolveGrant>>,
): Promise<void> {
  await recordAudit(db, {
    tenantId: grant.tenantId,
    actor,
    action,
    subjectType: 'employee',
    subjectId: grant.employeeId,
    details: { role: grant.role, scopeTeamId: grant.scopeTeamId, scopeLegalEntity: grant.scopeLegalEntity },
  });
}

export async function roleGrantsOf(db: Db, tenantSlug: string): Promise<RoleGrantView[]> {
  const tenant = await requireTenant(db, tenantSlug);
  return listRoleGrants(db, tenant.id);
}
