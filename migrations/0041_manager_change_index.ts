// Frozen: scoring looks up each page's latest manager change (`loadEmployeeAggregatesPage`). Through the general
// (tenant, employee, day) index that read every event of 90 days per person and filtered `kind` afterwards; a
// partial index holds only the manager changes, a tiny fraction of the largest table. Migrations import nothing
// from src/.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists signal_events_manager_change_idx on signal_events (tenant_id, employee_id, day)
    where kind = 'manager_change'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists signal_events_manager_change_idx`.execute(db);
}
