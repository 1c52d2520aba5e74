// Loads what routing needs for one tenant: people (with managers and status), the team tree, HR grants, names.
import { buildDirectorySnapshot, type DirectorySnapshot, type HrGrant } from '../../core/alerts/index.js';
import type { Db } from '../../storage/database.js';
import { tenantRows } from '../../storage/repositories/rows.js';

export interface TenantDirectory {
  snapshot: DirectorySnapshot;
  names: Map<string, { name: string; externalId: string }>;
  teams: Map<string, { name: string; externalId: string; parentId: string | null }>;
  /** team id → ids of its active members. */
  members: Map<string, string[]>;
}

export async function loadTenantDirectory(db: Db, tenantId: string): Promise<TenantDirectory> {
  const people = await tenantRows(db, 'employees', tenantId, [
    'id',
    'manager_id',
    'team_id',
    'status',
    'display_name',
    'external_id',
  ]);
  const teams = await tenantRows(db, 'teams', tenantId, ['id', 'parent_id', 'name', 'external_id', 'legal_entity']);
  const grants = await db
    .selectFrom('role_grants')
    .select(['employee_id', 'role', 'scope_team_id', 'scope_legal_entity'])
    .where('tenant_id', '=', tenantId)
    .where('role', 'in', ['hr', 'admin'])
    .execute();
  const members = new Map<string, string[]>();
  for (const p of people) {
    if (!p.team_id || p.status !== 'active') continue;
    const list = members.get(p.team_id);
    if (list) list.push(p.id);
    else members.set(p.team_id, [p.id]);
  }
  return {
    snapshot: buildDirectorySnapshot(
      people.map((p) => ({ id: p.id, managerId: p.manager_id, teamId: p.team_id, active: p.status === 'active' })),
      teams.map((t) => ({ id: t.id, parentId: t.parent_id })),
      // A legal entity's HR covers that entity's teams (never the whole tenant): one grant per team of the entity.
      grants.flatMap((g): HrGrant[] =>
        g.scope_legal_entity
          ? teams
              .filter((t) => t.legal_entity === g.scope_legal_entity)
              .map((t) => ({ employeeId: g.employee_id, role: g.role as HrGrant['role'], scopeTeamId: t.id }))
          : [{ employeeId: g.employee_id, role: g.role as HrGrant['role'], scopeTeamId: g.scope_team_id }],
      ),
    ),
    names: new Map(people.map((p) => [p.id, { name: p.display_name, externalId: p.external_id }])),
    teams: new Map(teams.map((t) => [t.id, { name: t.name, externalId: t.external_id, parentId: t.parent_id }])),
    members,
  };
}

/** Did the team lose its manager: do active members report to someone who has left? */
export function teamLostManager(directory: TenantDirectory, teamId: string): boolean {
  for (const memberId of directory.members.get(teamId) ?? []) {
    const managerId = directory.snapshot.people.get(memberId)?.managerId;
    if (managerId && directory.snapshot.people.get(managerId)?.active === false) return true;
  }
  return false;
}
