// Reading the directory as API views: paged lists and single items, always with both the internal id and the
// external id (of the row itself and of its team, parent or manager).
import type { Db } from '../../storage/database.js';
import type { EmployeeStatus } from '../../storage/tables/directory.js';
import { listTeamsPage, type TeamRow } from '../../storage/repositories/teams.js';
import { listEmployeesPage, type EmployeeRow } from '../../storage/repositories/employees.js';
import { identitiesOfEmployees, type IdentityRow } from '../../storage/repositories/identities.js';
import type { PeopleScope } from '../../storage/repositories/reach.js';
import { InvalidInputError } from '../errors.js';

export interface RefView {
  id: string;
  externalId: string;
}

export interface TeamView {
  id: string;
  externalId: string;
  name: string;
  parent: RefView | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmployeeView {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  team: RefView | null;
  manager: RefView | null;
  hireDate: string | null;
  status: EmployeeStatus;
  leftAt: string | null;
  identities: { platform: string; platformUserId: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque to clients: the last external id of the page, base64url-encoded JSON. */
export function encodeCursor(lastExternalId: string): string {
  return Buffer.from(JSON.stringify({ a: lastExternalId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && typeof (value as { a?: unknown }).a === 'string')
      return (value as { a: string }).a;
  } catch {
    // fall through
  }
  throw new InvalidInputError('invalid cursor', [{ path: '/cursor', message: 'is not a cursor this API returned' }]);
}

const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();
const ref = (id: string | null, externalId: string | null): RefView | null =>
  id !== null && externalId !== null ? { id, externalId } : null;

export function toTeamView(row: TeamRow): TeamView {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    parent: ref(row.parent_id, row.parent_external_id),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toEmployeeView(row: EmployeeRow, identities: readonly IdentityRow[]): EmployeeView {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.display_name,
    email: row.email,
    team: ref(row.team_id, row.team_external_id),
    manager: ref(row.manager_id, row.manager_external_id),
    hireDate: row.hire_date,
    status: row.status,
    leftAt: row.left_at === null ? null : iso(row.left_at),
    identities: identities
      .filter((i) => i.employee_id === row.id)
      .map((i) => ({ platform: i.platform, platformUserId: i.platform_user_id })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listTeams(
  db: Db,
  tenantId: string,
  page: { limit: number; cursor?: string; teamIds?: readonly string[] },
): Promise<Page<TeamView>> {
  const rows = await listTeamsPage(db, tenantId, {
    limit: page.limit + 1,
    after: decodeCursor(page.cursor),
    ...(page.teamIds ? { teamIds: page.teamIds } : {}),
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toTeamView),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.external_id) : null,
  };
}

export async function listEmployees(
  db: Db,
  tenantId: string,
  page: {
    limit: number;
    cursor?: string;
    teamIds?: readonly string[];
    people?: PeopleScope;
    status?: EmployeeStatus;
  },
): Promise<Page<EmployeeView>> {
  const rows = await listEmployeesPage(db, tenantId, {
    limit: page.limit + 1,
    after: decodeCursor(page.cursor),
    teamIds: page.teamIds,
    people: page.people,
    status: page.status,
  });
  const items = rows.slice(0, page.limit);
  const identities = await identitiesOfEmployees(
    db,
    tenantId,
    items.map((r) => r.id),
  );
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toEmployeeView(row, identities)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.external_id) : null,
  };
}
