// Frozen: the audit log is append-only for real (issue 10). TRUNCATE is refused by a statement trigger (the row
// trigger of 0001 never sees a TRUNCATE), and audit rows outlive their tenant: deleting a tenant no longer cascades
// into the audit log (which the row trigger refused for six years, so tenants could not be deleted at all). Rows
// keep the id of their tenant; they go once past the 6-year retention, like every audit row.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_tenant_id_fkey`.execute(db);
  await sql`create function audit_log_no_truncate() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: TRUNCATE is refused (rows are kept for 6 years)';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_no_truncate()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
  await sql`drop function if exists audit_log_no_truncate()`.execute(db);
  // Rows of deleted tenants may remain: the constraint is restored for new rows only.
  await sql`alter table audit_log add constraint audit_log_tenant_id_fkey foreign key (tenant_id)
    references tenants (id) on delete cascade not valid`.execute(db);
}
