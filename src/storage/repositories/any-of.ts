// "column is one of these values" with the values as one array parameter, so a lookup of any number of rows is
// one statement with one bind parameter (an IN list would take one parameter a value, limited to 65,535).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** `column = any($1::type[])`, duplicates dropped from the array. `column` may be qualified ('e.id'). */
export function anyOf(column: string, values: Iterable<string>, type: 'uuid' | 'text' = 'uuid'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...new Set(values)]}::${sql.raw(type)}[])`;
}

/** What rowsWhereAnyOf needs of a select query: a filter, then its rows. */
interface AnyOfQuery<R> {
  where(expression: Expression<SqlBool>): { execute(): Promise<R[]> };
}

/** The rows of `query` whose `column` is one of `values`; none asked ⇒ none, without a query. */
export async function rowsWhereAnyOf<R>(
  query: AnyOfQuery<R>,
  column: string,
  values: readonly string[],
  type: 'uuid' | 'text' = 'uuid',
): Promise<R[]> {
  if (values.length === 0) return [];
  return query.where(anyOf(column, values, type)).execute();
}
