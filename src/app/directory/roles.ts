// Granting and revoking roles (HR contacts, admins) by slug and external ids, audited.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/tables/directory.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import {
  deleteRoleGrants,
  insertRoleGrant,
  listRoleGrants,
  type RoleGrantView,
} from '../../storage/repositories/role-grants.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { requireTenant, ROLES } from './tenants.js';
import { InvalidInputError, NotFoundError } from '../errors.js';

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
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw new InvalidInputError(`invalid role "${input.role}": use one of ${ROLES.join(', ')}`);
  }
  const tenant = await requireTenant(db, input.tenantSlug);
  const employee = await findEmployeeByRef(db, tenant.id, input.employee);
  if (!employee) throw new NotFoundError(`unknown employee "${input.employee}" in tenant "${tenant.slug}"`);
  if (input.team !== undefined && input.entity !== undefined)
    throw new InvalidInputError('a grant covers a team sub-tree or a legal entity, not both');
  let scopeTeamId: string | null = null;
  if (input.team !== undefined) {
    const team = await findTeamByRef(db, tenant.id, input.team);
    if (!team) throw new NotFoundError(`unknown team "${input.team}" in tenant "${tenant.slug}"`);
    scopeTeamId = team.id;
  }
  return {
    tenant,
    employee,
    grant: {
      tenantId: tenant.id,
      employeeId: employee.id,
      role: input.role as Role,
      scopeTeamId,
      scopeLegalEntity: input.entity ?? null,
    },
  };
}

export async function grantRole(db: Db, input: RoleGrantInput): Promise<{ created: boolean }> {
  const { grant } = await resolveGrant(db, input);
  const created = await insertRoleGrant(db, grant);
  if (created) await auditGrant(db, input.actor, 'role.grant', grant);
  return { created };
}

export async function revokeRole(db: Db, input: RoleGrantInput): Promise<{ removed: number }> {
  const { grant } = await resolveGrant(db, input);
  const removed = await deleteRoleGrants(db, grant);
  if (removed > 0) await auditGrant(db, input.actor, 'role.revoke', grant);
  return { removed };
}

/** Who may see whose data changed: written only when a grant was really added or removed. */
async function auditGrant(
  db: Db,
  actor: string,
  action: 'role.grant' | 'role.revoke',
  grant: Awaited<ReturnType<typeof resolveGrant>>['grant'],
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
