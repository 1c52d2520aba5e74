// Numbers a tenant's rows count up by (rule-set and weight versions, question positions), taken in the insert itself.
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../database.js';

type Table = keyof Database & string;

/**
 * The tenant's next number in `table`: its highest `column` plus `step` (`step` for the first row), as a subquery
 * for the insert's VALUES, so reading the highest and inserting are one statement. Two concurrent inserts may still
 * take the same number; a unique key on it makes the loser fail (or retry, as insertRuleSetVersion does).
 */
export function nextNumber<T extends Table>(
  table: T,
  column: keyof Database[T] & string,
  tenantId: string,
  step = 1,
): RawBuilder<number> {
  return sql<number>`(select coalesce(max(${sql.ref(column)}), 0) + ${sql.lit(step)} from ${sql.table(table)} where tenant_id = ${tenantId})`;
}
