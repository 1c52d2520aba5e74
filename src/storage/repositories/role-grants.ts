// Role grants: who is HR or admin (tenant-wide or for a team sub-tree) and who manages. HR grants decide who
// receives alerts that cannot go to a manager, team warnings and the weekly digest.
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../database.js';
import type { Role } from '../tables/directory.js';

export interface RoleGrantView {
  id: string;
  role: Role;
  employeeId: string;
  employeeExternalId: string;
  employeeName: string;
  scopeTeamId: string | null;
  scopeTeamExternalId: string | null;
  scopeLegalEntity: string | null;
}

/** What makes a grant: one person, one role, tenant-wide (scopeTeamId null) or for one team sub-tree. */
interface GrantKey {
  tenantId: string;
  employeeId: string;
  role: Role;
  scopeTeamId: string | null;
  scopeLegalEntity?: string | null;
}

const sameGrant = (eb: ExpressionBuilder<Database, 'role_grants'>, grant: GrantKey) =>
  eb.and([
    eb('tenant_id', '=', grant.tenantId),
    eb('employee_id', '=', grant.employeeId),
    eb('role', '=', grant.role),
    grant.scopeTeamId === null ? eb('scope_team_id', 'is', null) : eb('scope_team_id', '=', grant.scopeTeamId),
    grant.scopeLegalEntity
      ? eb('scope_legal_entity', '=', grant.scopeLegalEntity)
      : eb('scope_legal_entity', 'is', null),
  ]);

/** Adds the grant unless the same one exists; returns whether it was new. */
export async function insertRoleGrant(db: Db, grant: GrantKey): Promise<boolean> {
  const existing = await db
    .selectFrom('role_grants')
    .select('id')
    .where((eb) => sameGrant(eb, grant))
    .executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('role_grants')
    .values({
      tenant_id: grant.tenantId,
      employee_id: grant.employeeId,
      role: grant.role,
      scope_team_id: grant.scopeTeamId,
      scope_legal_entity: grant.scopeLegalEntity ?? null,
    })
    .execute();
  return true;
}

/** Removes matching grants; returns how many. */
export async function deleteRoleGrants(db: Db, grant: GrantKey): Promise<number> {
  const result = await db
    .deleteFrom('role_grants')
    .where((eb) => sameGrant(eb, grant))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Role grants (`g`) with the person each is for (`e`) and the team it is scoped to (`t`, null when not a team's). */
export function grantsWithPersonAndTeam(db: Db) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('employees as e', 'e.id', 'g.employee_id')
    .leftJoin('teams as t', 't.id', 'g.scope_team_id');
}

export async function listRoleGrants(db: Db, tenantId: string): Promise<RoleGrantView[]> {
  return grantsWithPersonAndTeam(db)
    .select([
      'g.id',
      'g.role',
      'g.employee_id as employeeId',
      'e.external_id as employeeExternalId',
      'e.display_name as employeeName',
      'g.scope_team_id as scopeTeamId',
      't.external_id as scopeTeamExternalId',
      'g.scope_legal_entity as scopeLegalEntity',
    ])
    .where('g.tenant_id', '=', tenantId)
    .orderBy('g.role')
    .orderBy('e.external_id')
    .execute();
}
