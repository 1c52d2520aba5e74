// Alert planning at scale against PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), in
// its own schema that is dropped afterwards: a 100k-employee tenant (ALERTS_BENCH_EMPLOYEES) with 1,000 teams,
// two scoring days where 1% of people rise to high and 5% of teams turn negative, then (1) planAlerts, (2) the same
// call again (everything suppressed: must be cheap), (3) a bare loop inserting the same number of alert + outbox rows
// (the floor), in the same run. Prints times, the ratio and peak RSS.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { planAlerts } from '../src/app/alerts/plan.js';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const EMPLOYEES = Number(process.env.ALERTS_BENCH_EMPLOYEES ?? 100_000);
const TEAM_SIZE = 100;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

export async function run(): Promise<void> {
  const schema = `bench_alerts_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: URL, schema, poolSize: 4 });
  const db = handle.db;
  try {
    await migrateToLatest(db as Kysely<unknown>, schema);
    const t0 = Date.now();
    const tenant = await db
      .insertInto('tenants')
      .values({ slug: 'bench', name: 'Bench', locale: 'en', timezone: 'UTC', legal_entity: null, quiet_hours: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const teams = Math.ceil(EMPLOYEES / TEAM_SIZE);
    await sql`insert into teams (tenant_id, external_id, name) select ${tenant.id}::uuid, 'team-' || g, 'Team ' || g from generate_series(1, ${teams}) g`.execute(
      db,
    );
    await sql`
      insert into employees (tenant_id, external_id, display_name, team_id, hire_date, status)
      select ${tenant.id}::uuid, 'e' || g, 'Employee ' || g, t.id, date '2022-01-01', 'active'
      from generate_series(1, ${EMPLOYEES}) g
        join teams t on t.tenant_id = ${tenant.id}::uuid and t.external_id = 'team-' || (1 + g % ${teams})`.execute(db);
    // Member with the smallest number in each team manages it; team managers report to e1; 10% of managers have left.
    await sql`
      with heads as (select team_id, (array_agg(id order by substr(external_id, 2)::int))[1] as head from employees where tenant_id = ${tenant.id}::uuid group by team_id)
      update employees e set manager_id = case when e.id = h.head then (select id from employees where tenant_id = ${tenant.id}::uuid and external_id = 'e1') else h.head end
      from heads h where e.team_id = h.team_id and e.external_id <> 'e1'`.execute(db);
    await sql`
      update employees set status = 'left', left_at = now() - interval '20 days'
      where tenant_id = ${tenant.id}::uuid and id in (select manager_id from employees where tenant_id = ${tenant.id}::uuid and manager_id is not null)
        and external_id <> 'e1' and abs(hashtext(id::text)) % 10 = 0`.execute(db);
    await sql`insert into role_grants (tenant_id, employee_id, role, scope_team_id)
      select ${tenant.id}::uuid, id, 'hr', null from employees where tenant_id = ${tenant.id}::uuid and external_id in ('e2', 'e3')`.execute(
      db,
    );
    const reasons = JSON.stringify([
      { code: 'team_msgs_change', params: { change: -60 }, contribution: 30 },
      { code: 'helps_drop', params: { recent: 0 }, contribution: 20 },
    ]);
    for (const [day, highShare] of [
      ['2026-11-26', 0],
      ['2026-11-27', 100],
    ] as const) {
      await sql`
        insert into employee_scores (tenant_id, employee_id, as_of, status, risk_score, risk_level, reasons, features, collaboration_score, collaboration_components, rule_version)
        select tenant_id, id, ${day}::date, 'scored',
          case when ${highShare} > 0 and abs(hashtext(id::text)) % ${highShare} = 0 then 85 else 30 end,
          case when ${highShare} > 0 and abs(hashtext(id::text)) % ${highShare} = 0 then 'high' else 'low' end,
          ${reasons}::jsonb, '{}'::jsonb, 70, '{}'::jsonb, 0
        from employees where tenant_id = ${tenant.id}::uuid and status = 'active'`.execute(db);
      await sql`
        insert into team_scores (tenant_id, team_id, as_of, score, tier, drivers, member_count)
        select tenant_id, id, ${day}::date,
          case when ${highShare} > 0 and abs(hashtext(id::text)) % 20 = 0 then 30 else 70 end,
          case when ${highShare} > 0 and abs(hashtext(id::text)) % 20 = 0 then 'negative' else 'positive' end,
          ${reasons}::jsonb, ${TEAM_SIZE}
        from teams where tenant_id = ${tenant.id}::uuid`.execute(db);
    }
    await sql`analyze`.execute(db);
    console.log(`generated ${EMPLOYEES} employees, ${teams} teams, 2 scoring days in ${seconds(Date.now() - t0)} s`);

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const p0 = Date.now();
    const result = await planAlerts({ db, quietHours: true }, tenant.id, '2026-11-27');
    const planMs = Date.now() - p0;
    clearInterval(sampler);
    const r0 = Date.now();
    const again = await planAlerts({ db, quietHours: true }, tenant.id, '2026-11-27');
    const rerunMs = Date.now() - r0;
    const rows = result.alerts + result.warnings;
    console.log(
      `planAlerts: ${result.alerts} alerts + ${result.warnings} HR warnings (unroutable ${result.unroutable}) in ${seconds(planMs)} s (${(rows / (planMs / 1000)).toFixed(0)} rows/s); peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB)`,
    );
    console.log(
      `re-run of the same day: ${again.alerts + again.warnings} new rows, ${again.suppressed} suppressed, ${seconds(rerunMs)} s`,
    );

    // The floor: the same number of alert and outbox rows written one transaction each, without any deciding.
    const recipient = (
      await db
        .selectFrom('employees')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('external_id', '=', 'e2')
        .executeTakeFirstOrThrow()
    ).id;
    const subjects = await db
      .selectFrom('employees')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .limit(rows)
      .execute();
    const b0 = Date.now();
    for (const [i, subject] of subjects.entries()) {
      await db.transaction().execute(async (trx) => {
        const alert = await trx
          .insertInto('alerts')
          .values({
            tenant_id: tenant.id,
            kind: 'risk',
            subject_employee_id: subject.id,
            subject_team_id: null,
            level: 'high',
            score: 85,
            reasons,
            as_of: '2026-11-20',
            trigger: 'escalated',
            recipient_employee_id: recipient,
            routed_via: 'hr',
            outbox_id: null,
            snoozed_until: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const now = new Date();
        const outbox = await trx
          .insertInto('outbox')
          .values({
            tenant_id: tenant.id,
            idempotency_key: `bare:${i}`,
            kind: 'alert',
            recipient_employee_id: recipient,
            platform: 'console',
            conversation_ref: '{}',
            message: '{"blocks":[],"fallbackText":"x"}',
            next_attempt_at: now,
            last_error: null,
            last_error_code: null,
            locked_until: null,
            claimed_by: null,
            platform_message_id: null,
            sent_at: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('alerts').set({ outbox_id: outbox.id }).where('id', '=', alert.id).execute();
      });
    }
    const bareMs = Date.now() - b0;
    console.log(
      `bare loop of ${subjects.length} alert+outbox transactions: ${seconds(bareMs)} s ⇒ planAlerts / bare = ${(planMs / bareMs).toFixed(2)}×`,
    );
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await handle.close();
  }
}
