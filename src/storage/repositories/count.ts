// Counting the rows a select's filters match, read as a number.
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../database.js';

export async function countRows<TB extends keyof Database>(
  query: SelectQueryBuilder<Database, TB, object>,
): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
