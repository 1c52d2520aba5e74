// Employees of one tenant, with their team and manager resolved to both ids. Always scoped by tenant_id.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Employee, EmployeeStatus } from '../tables/directory.js';
import { loadNodes, pageByExternalId, whereRef } from './refs.js';
import { anyOf, rowsWhereAnyOf } from './any-of.js';
import { inPeopleScope, type PeopleScope } from './reach.js';

export interface EmployeeRow {
  id: string;
  external_id: string;
  display_name: string;
  email: string | null;
  team_id: string | null;
  team_external_id: string | null;
  manager_id: string | null;
  manager_external_id: string | null;
  hire_date: string | null;
  status: EmployeeStatus;
  left_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The minimum needed to resolve references and check the management chain for cycles. */
export type EmployeeNode = Pick<Employee, 'id' | 'external_id' | 'manager_id'>;

function employeeRows(db: Db, tenantId: string) {
  return db
    .selectFrom('employees as e')
    .leftJoin('teams as t', (join) => join.onRef('t.id', '=', 'e.team_id').on('t.tenant_id', '=', tenantId))
    .leftJoin('employees as m', (join) => join.onRef('m.id', '=', 'e.manager_id').on('m.tenant_id', '=', tenantId))
    .select([
      'e.id',
      'e.external_id',
      'e.display_name',
      'e.email',
      'e.team_id',
      't.external_id as team_external_id',
      'e.manager_id',
      'm.external_id as manager_external_id',
      'e.hire_date',
      'e.status',
      'e.left_at',
      'e.created_at',
      'e.updated_at',
    ])
    .where('e.tenant_id', '=', tenantId);
}

export interface EmployeePage {
  limit: number;
  /** Last external id of the previous page. */
  after?: string;
  /** Members of any of these teams only. */
  teamIds?: readonly string[];
  /** Only people within this scope (what the caller may see). */
  people?: PeopleScope;
  status?: EmployeeStatus;
}

export async function listEmployeesPage(db: Db, tenantId: string, page: EmployeePage): Promise<EmployeeRow[]> {
  let query = employeeRows(db, tenantId);
  if (page.teamIds !== undefined) query = query.where(anyOf('e.team_id', page.teamIds));
  if (page.people !== undefined) query = query.where(inPeopleScope(page.people, 'e.team_id', 'e.id'));
  if (page.status !== undefined) query = query.where('e.status', '=', page.status);
  return pageByExternalId(query, 'e', page).execute();
}

/** By internal uuid or external id (an exact external-id match wins). */
export async function findEmployeeRow(db: Db, tenantId: string, ref: string): Promise<EmployeeRow | undefined> {
  return whereRef(employeeRows(db, tenantId), 'e', ref).executeTakeFirst();
}

/** Every employee's id, external id and manager: enough to walk management chains in memory (100k rows ≈ a few MB). */
export async function loadEmployeeNodes(db: Db, tenantId: string): Promise<EmployeeNode[]> {
  return loadNodes(db, 'employees', tenantId, ['id', 'external_id', 'manager_id']);
}

/** Full rows for the given external ids: one query whatever the count (the ids travel as one array parameter). */
export async function employeesByExternalIds(
  db: Db,
  tenantId: string,
  externalIds: readonly string[],
): Promise<EmployeeRow[]> {
  return rowsWhereAnyOf(employeeRows(db, tenantId), 'e.external_id', externalIds, 'text');
}

export interface EmployeeWrite {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  teamId: string | null;
  managerId: string | null;
  hireDate: string | null;
  status: EmployeeStatus;
  leftAt: Date | null;
}

/**
 * Inserts or updates employees in one statement through unnest (a fixed number of bind parameters whatever the
 * batch size). Callers order rows managers-first so a manager created in the same batch exists in time.
 */
export async function writeEmployees(db: Db, tenantId: string, rows: readonly EmployeeWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into employees (id, tenant_id, external_id, display_name, email, team_id, manager_id, hire_date, status, left_at)
    select u.id, ${tenantId}::uuid, u.external_id, u.display_name, u.email, u.team_id, u.manager_id, u.hire_date,
           u.status, u.left_at
    from unnest(
      ${rows.map((r) => r.id)}::uuid[],
      ${rows.map((r) => r.externalId)}::text[],
      ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.email)}::text[],
      ${rows.map((r) => r.teamId)}::uuid[],
      ${rows.map((r) => r.managerId)}::uuid[],
      ${rows.map((r) => r.hireDate)}::date[],
      ${rows.map((r) => r.status)}::text[],
      ${rows.map((r) => (r.leftAt ? r.leftAt.toISOString() : null))}::timestamptz[]
    ) as u(id, external_id, display_name, email, team_id, manager_id, hire_date, status, left_at)
    on conflict (tenant_id, external_id) do update
      set display_name = excluded.display_name, email = excluded.email, team_id = excluded.team_id,
          manager_id = excluded.manager_id, hire_date = excluded.hire_date, status = excluded.status,
          left_at = excluded.left_at, updated_at = now()`.execute(db);
}
