// Resolving a person or team by either reference HR systems and clients use:
// the internal uuid or the external id (the id the HR system knows). Always scoped to one tenant.
import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, Db } from '../database.js';
import type { Employee, Team } from '../tables/directory.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** What whereRef needs of a select query: a filter and an order, each from one expression. */
interface RefQuery<Q> {
  where(expression: Expression<SqlBool>): Q;
  orderBy(expression: Expression<unknown>): Q;
}

/**
 * Narrows a select of employees or teams (`table`: its name or alias in the query) to the row `ref` names by uuid or
 * external id. An external id that happens to look like another row's uuid: the exact external-id match comes first.
 */
export function whereRef<Q extends RefQuery<Q>>(query: Q, table: string, ref: string): Q {
  const externalId = sql.ref(`${table}.external_id`);
  const named = isUuid(ref)
    ? sql<boolean>`(${sql.ref(`${table}.id`)} = ${ref} or ${externalId} = ${ref})`
    : sql<boolean>`${externalId} = ${ref}`;
  return query.where(named).orderBy(sql`case when ${externalId} = ${ref} then 0 else 1 end`);
}

/** What pageByExternalId needs of a select query: a filter, an order and a limit. */
interface PageQuery<Q> extends RefQuery<Q> {
  limit(limit: number): Q;
}

/**
 * One page of a select of employees or teams (`table`: its name or alias in the query) in external-id order;
 * `after` is the last external id of the previous page.
 */
export function pageByExternalId<Q extends PageQuery<Q>>(
  query: Q,
  table: string,
  page: { limit: number; after?: string | undefined },
): Q {
  const externalId = sql.ref(`${table}.external_id`);
  const rest = page.after === undefined ? query : query.where(sql<boolean>`${externalId} > ${page.after}`);
  return rest.orderBy(externalId).limit(page.limit);
}

/**
 * Every employee's or team's `columns` in the tenant: what resolving references and walking the management chain or
 * the team tree in memory need, without the joins of a full row.
 */
export async function loadNodes<T extends 'employees' | 'teams', C extends keyof Selectable<Database[T]> & string>(
  db: Db,
  table: T,
  tenantId: string,
  columns: readonly C[],
): Promise<Pick<Selectable<Database[T]>, C>[]> {
  // Kysely types a query by a table known at compile time; here it is the caller's (employees or teams, both with
  // tenant_id), and the columns were checked against it, so the builder is used through a table-agnostic view.
  const untyped = db as unknown as Kysely<Record<string, { tenant_id: string }>>;
  const name: string = table;
  const rows = await untyped
    .selectFrom(name)
    .select(columns as never)
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows as unknown as Pick<Selectable<Database[T]>, C>[];
}

export async function findEmployeeByRef(db: Db, tenantId: string, ref: string): Promise<Employee | undefined> {
  const employees = db.selectFrom('employees').selectAll().where('tenant_id', '=', tenantId);
  return whereRef(employees, 'employees', ref).executeTakeFirst();
}

export async function findTeamByRef(db: Db, tenantId: string, ref: string): Promise<Team | undefined> {
  const teams = db.selectFrom('teams').selectAll().where('tenant_id', '=', tenantId);
  return whereRef(teams, 'teams', ref).executeTakeFirst();
}
