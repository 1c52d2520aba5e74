// Reads of the derived signal tables: one person's daily rollups, and which sources covered which days.
import type { Db } from '../database.js';
import type { DailyRollup } from '../tables/signals.js';

export async function listDailyRollups(
  db: Db,
  tenantId: string,
  employeeId: string,
  from: string,
  to: string,
): Promise<DailyRollup[]> {
  return db
    .selectFrom('daily_rollups')
    .selectAll()
    .where((eb) => eb.and({ tenant_id: tenantId, employee_id: employeeId }))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export interface CoverageRow {
  day: string;
  source: string;
  signal_class: string;
  events: number;
}

export async function listCoverage(db: Db, tenantId: string, from: string, to: string): Promise<CoverageRow[]> {
  return db
    .selectFrom('signal_coverage')
    .select(['day', 'source', 'signal_class', 'events'])
    .where('tenant_id', '=', tenantId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('source')
    .orderBy('signal_class')
    .execute();
}
