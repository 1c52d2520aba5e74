// The queries behind access decisions (src/app/access): management chains, team sub-trees and role grants.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Role } from '../tables/directory.js';

/** Everyone below a manager in the management chain (direct and indirect reports), not the manager. */
export async function reportsOf(db: Db, tenantId: string, managerId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive below(id) as (
      select id from employees where tenant_id = ${tenantId}::uuid and manager_id = ${managerId}::uuid
      union
      select e.id from employees e join below b on e.manager_id = b.id where e.tenant_id = ${tenantId}::uuid
    )
    select id from below where id <> ${managerId}::uuid`.execute(db);
  return rows.map((r) => r.id);
}

/** The teams and every team below them. */
export async function subtreesOf(db: Db, tenantId: string, rootTeamIds: readonly string[]): Promise<string[]> {
  if (rootTeamIds.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    with recursive subtree(id) as (
      select id from teams where tenant_id = ${tenantId}::uuid and id = any(${[...rootTeamIds]}::uuid[])
      union
      select t.id from teams t join subtree s on t.parent_id = s.id where t.tenant_id = ${tenantId}::uuid
    )
    select id from subtree`.execute(db);
  return rows.map((r) => r.id);
}

/** The teams these people belong to. */
export async function teamsOfPeople(db: Db, tenantId: string, employeeIds: readonly string[]): Promise<string[]> {
  if (employeeIds.length === 0) return [];
  const { rows } = await sql<{ team_id: string }>`
    select distinct team_id from employees
    where tenant_id = ${tenantId}::uuid and id = any(${[...employeeIds]}::uuid[]) and team_id is not null`.execute(db);
  return rows.map((r) => r.team_id);
}

/** A person's role grants (HR, admin; tenant-wide when scope_team_id is null) and whether anyone reports to them. */
export async function grantsOf(
  db: Db,
  tenantId: string,
  employeeId: string,
): Promise<{
  grants: { role: Role; scopeTeamId: string | null; scopeLegalEntity: string | null }[];
  manages: boolean;
}> {
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'scope_team_id', 'scope_legal_entity'])
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId }))
    .execute();
  const report = await db
    .selectFrom('employees')
    .select('id')
    .where((eb) => eb.and({ tenant_id: tenantId, manager_id: employeeId }))
    .limit(1)
    .executeTakeFirst();
  return {
    grants: grants.map((g) => ({ role: g.role, scopeTeamId: g.scope_team_id, scopeLegalEntity: g.scope_legal_entity })),
    manages: report !== undefined,
  };
}

/**
 * Whom a list may contain: everyone when both fields are undefined, else the members of `teamIds` plus the people in
 * `employeeIds` (see PeopleFilter in src/app/access).
 */
export interface PeopleScope {
  teamIds?: readonly string[];
  employeeIds?: readonly string[];
  /** People employed by these legal entities (whatever their team). */
  legalEntities?: readonly string[];
}

/** Teams of these legal entities. */
export async function teamsOfEntities(db: Db, tenantId: string, entities: readonly string[]): Promise<string[]> {
  if (entities.length === 0) return [];
  const rows = await db
    .selectFrom('teams')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('legal_entity', 'in', [...entities])
    .execute();
  return rows.map((r) => r.id);
}

/** The SQL condition "this row's person is in the scope", given the row's team and employee id columns. */
export function inPeopleScope(scope: PeopleScope, teamColumn: string, idColumn: string) {
  if (scope.teamIds === undefined && scope.employeeIds === undefined && scope.legalEntities === undefined)
    return sql<boolean>`true`;
  const entities = scope.legalEntities?.length
    ? sql`or ${sql.ref(idColumn)} in (select le.id from employees le where le.legal_entity = any(${[
        ...scope.legalEntities,
      ]}::text[]))`
    : sql``;
  return sql<boolean>`(${sql.ref(teamColumn)} = any(${[...(scope.teamIds ?? [])]}::uuid[])
    or ${sql.ref(idColumn)} = any(${[...(scope.employeeIds ?? [])]}::uuid[]) ${entities})`;
}
