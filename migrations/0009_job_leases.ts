// Frozen: leases on scheduler slots. A replica that claims a slot holds it until lease_until and renews the lease
// while the job runs; a slot still 'running' after its lease ran out belongs to a replica that died (kill -9, OOM,
// a lost machine) and is claimed again by the next replica that looks — attempt counts the claims and fences the
// writes of a replica that only stalled.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('job_runs')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Slots left running before leases existed: their lease ran out when they started.
  await sql`update job_runs set lease_until = started_at where status = 'running'`.execute(db);
  await db.schema
    .createIndex('job_runs_running_idx')
    .on('job_runs')
    .column('lease_until')
    .where(sql.ref('status'), '=', 'running')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('job_runs_running_idx').execute();
  await db.schema.alterTable('job_runs').dropColumn('lease_until').dropColumn('attempt').execute();
}
