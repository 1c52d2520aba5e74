// The two lookups of one row most areas need: whether a query finds any row, and a tenant's row by its uuid.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type SelectType } from 'kysely';
import type { Database, Db } from '../database.js';
import { isUuid } from './refs.js';

/** The tables whose rows belong to one tenant and have a uuid id. */
export type TenantRowTable = {
  [T in keyof Database]: Database[T] extends { tenant_id: string; id: infer Id }
    ? SelectType<Id> extends string
      ? T
      : never
    : never;
}[keyof Database];

/** Whether the query (a selectFrom with its filters, nothing selected yet) finds a row; it reads one row at most. */
export async function rowExists<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<boolean> {
  const row = await query
    .select(sql<number>`1`.as('found'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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
  // Kysely types a query by a table known at compile time; here the table is the caller's, and TenantRowTable
  // guarantees it has tenant_id and a uuid id, so the builder is used through a table-agnostic view.
  const untyped = db as unknown as Kysely<Record<string, { tenant_id: string; id: string }>>;
  const name: string = table;
  const row = await untyped
    .selectFrom(name)
    .selectAll()
    .where((eb) => eb.and({ tenant_id: tenantId, id }))
    .executeTakeFirst();
  return row as Selectable<Database[T]> | undefined;
}
