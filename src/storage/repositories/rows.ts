// The reads most areas need of a table: whether a query finds any row, a tenant's row by its uuid, and all of a
// tenant's rows with chosen columns.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type SelectType } from 'kysely';
import type { Database, Db } from '../database.js';
import { isUuid } from './refs.js';

/** The tables whose rows belong to one tenant. */
export type TenantTable = {
  [T in keyof Database]: Database[T] extends { tenant_id: string } ? T : never;
}[keyof Database];

/** The tables whose rows belong to one tenant and have a uuid id. */
export type TenantRowTable = {
  [T in TenantTable]: Database[T] extends { id: infer Id } ? (SelectType<Id> extends string ? T : never) : never;
}[TenantTable];

/** Whether the query (a selectFrom with its filters, nothing selected yet) finds a row; it reads one row at most. */
export async function rowExists<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<boolean> {
  const row = await query
    .select(sql<number>`1`.as('found'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A select from the tenant's rows of `table`; the callers below type the rows it returns. */
function fromTenant(db: Db, table: TenantTable, tenantId: string) {
  // Kysely types a query by a table known at compile time; here the table is the caller's, and TenantTable
  // guarantees it has a tenant_id, so the builder is used through a table-agnostic view and each caller states the
  // row type of the table it was given.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const name: string = table;
  return untyped.selectFrom(name).where('tenant_id', '=', tenantId);
}

/**
 * The tenant's row of `table` with this id; undefined when there is none or when the id is no uuid (PostgreSQL would
 * raise on comparing it with a uuid column rather than match nothing).
 */
export async function findTenantRow<T extends TenantRowTable>(
  db: Db,
  table: T,
  tenantId: string,
  id: string,
): Promise<Selectable<Database[T]> | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await fromTenant(db, table, tenantId).selectAll().where('id', '=', id).executeTakeFirst();
  return row as Selectable<Database[T]> | undefined;
}

/** Every row of the tenant in `table`, with these columns (in no particular order). */
export async function tenantRows<T extends TenantTable, C extends keyof Selectable<Database[T]> & string>(
  db: Db,
  table: T,
  tenantId: string,
  columns: readonly C[],
): Promise<Pick<Selectable<Database[T]>, C>[]> {
  const rows = await fromTenant(db, table, tenantId).select(columns).execute();
  return rows as Pick<Selectable<Database[T]>, C>[];
}
