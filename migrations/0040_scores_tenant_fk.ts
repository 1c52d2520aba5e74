// Frozen: issue 18 (P3) — employee_scores loses its own foreign key to tenants: scoring bulk-writes a row per
// person per day, and each row paid a referential check the employee key already implies (employees belong to a
// tenant and cascade with it, so deleting a tenant or an employee still removes their scores). The same was done
// for daily_rollups and interaction_edges. Migrations import nothing from src/.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table employee_scores drop constraint if exists employee_scores_tenant_id_fkey`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table employee_scores add constraint employee_scores_tenant_id_fkey foreign key (tenant_id)
    references tenants (id) on delete cascade`.execute(db);
}
