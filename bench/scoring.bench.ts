// Scoring at scale against PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), in its own
// schema that is dropped afterwards: 100k employees (SCORING_BENCH_EMPLOYEES) × 90 days of rollups generated with
// set-based SQL (default 20k here to keep `npm run bench` short; the P3 target is stated for 100k), then (1) runScoring
// for the tenant (with its multi-row VALUES writes, and with the unnest writes tried in 4d19a0e) and (2) a raw SELECT … GROUP BY
// over the same rows and windows, interleaved BENCH_ROUNDS times. Prints medians, the ratio (target ≤ 3×) and peak RSS
// during scoring (< 512 MB).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { runScoring } from '../src/app/scoring/run.js';
import { scoringWindow } from '../src/core/scoring/window.js';
import { ROLLUP_METRICS } from '../src/core/scoring/types.js';
import { addDays } from '../src/core/time.js';
import type { Database } from '../src/storage/database.js';
import type { EmployeeScoreInsert } from '../src/storage/repositories/scores.js';
import { interleaved, list, loadAverage, target } from './lib/measure.js';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const EMPLOYEES = Number(process.env.SCORING_BENCH_EMPLOYEES ?? 20_000);
const DAYS = 90;
const TEAM_SIZE = 100;
const AS_OF = '2026-11-27';

const seconds = (ms: number) => (ms / 1000).toFixed(2);

export async function run(): Promise<void> {
  // SCORING_BENCH_SCHEMA reuses a schema kept by an earlier run (SCORING_BENCH_KEEP=1) and skips the generation.
  const reuse = process.env.SCORING_BENCH_SCHEMA;
  const schema = reuse ?? `bench_scoring_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: URL, schema, poolSize: 4 });
  const db = handle.db;
  try {
    await migrateToLatest(db as Kysely<unknown>, schema);
    const start = addDays(AS_OF, -(DAYS - 1));
    const t0 = Date.now();
    const existing = reuse
      ? await db.selectFrom('tenants').select('id').where('slug', '=', 'bench').executeTakeFirst()
      : undefined;
    const tenant = existing ?? (await generate(db, start));
    if (existing) await db.deleteFrom('employee_scores').execute();
    const rows = Number(
      (await sql<{ n: number }>`select count(*)::int8 as n from daily_rollups`.execute(db)).rows[0]?.n,
    );
    console.log(
      `${existing ? 'reused' : 'generated'} ${EMPLOYEES} employees, ${rows} rollup rows (${DAYS} days) in ${seconds(Date.now() - t0)} s`,
    );

    // (2) the raw GROUP BY over the same rows and windows (results folded server-side so only the scan is timed),
    // before and after the scoring run; the faster of the two is the reference.
    const window = scoringWindow(AS_OF);
    const sums = sql.join(
      ROLLUP_METRICS.flatMap((m) => [
        sql`sum(${sql.ref(m)}) filter (where day >= ${window.recentStart}::date) as ${sql.ref(`r_${m}`)}`,
        sql`sum(${sql.ref(m)}) filter (where day < ${window.recentStart}::date) as ${sql.ref(`b_${m}`)}`,
      ]),
    );
    const fold = sql.join(
      ROLLUP_METRICS.flatMap((m) => [
        sql`coalesce(sum(${sql.ref(`r_${m}`)}), 0)`,
        sql`coalesce(sum(${sql.ref(`b_${m}`)}), 0)`,
      ]),
      sql` + `,
    );
    const rawScan = async () => {
      const r0 = Date.now();
      await sql`
        select count(*) as employees, ${fold} as total from (
          select employee_id, min(day) as first_day, ${sums}
          from daily_rollups
          where tenant_id = ${tenant.id}::uuid and day between ${window.baselineStart}::date and ${AS_OF}::date
          group by employee_id
        ) x`.execute(db);
      return Date.now() - r0;
    };
    await rawScan(); // warm-up (cache), unmeasured

    // (1) scoring — with today's writes (one multi-row VALUES upsert per batch) and, for comparison, with the unnest
    // writes tried in 4d19a0e — interleaved with the raw scan, BENCH_ROUNDS (3) times; medians compared.
    let peak = 0;
    const phases: string[] = [];
    const scoring = (writer?: typeof unnestWriter) => async () => {
      await db.deleteFrom('employee_scores').execute();
      if (global.gc) global.gc();
      let runPeak = process.memoryUsage().rss;
      const sampler = setInterval(() => (runPeak = Math.max(runPeak, process.memoryUsage().rss)), 50);
      const s0 = Date.now();
      const summary = await runScoring(
        { db, pageSize: 2000, ...(writer ? { writeEmployeeScores: writer } : {}) },
        { tenantId: tenant.id, asOf: AS_OF },
      );
      const elapsed = Date.now() - s0;
      clearInterval(sampler);
      peak = Math.max(peak, runPeak, process.memoryUsage().rss);
      const t = summary.tenants[0]!;
      phases.push(
        `${writer ? 'unnest' : 'VALUES'}: ${seconds(elapsed)} s — ${t.employees} employees, ${t.scored} scored, ${t.insufficientHistory} insufficient history; phases ${JSON.stringify(t.timings)}`,
      );
      return elapsed;
    };
    const result = await interleaved({ scoring: scoring(), scoringUnnest: scoring(unnestWriter), raw: rawScan });
    for (const line of phases) console.log(`  ${line}`);
    const scoringMs = result.scoring.median;
    const rawMs = result.raw.median;
    const ratio = scoringMs / rawMs;
    const peakMb = peak / 1024 / 1024;
    const perMinute = Math.round((EMPLOYEES / scoringMs) * 60_000);
    console.log(`load average ${await loadAverage()}`);
    console.log(
      `scoring (multi-row VALUES writes): median ${seconds(scoringMs)} s (runs ${list(result.scoring.samples)} ms) = ${perMinute.toLocaleString('en')} employees/min`,
    );
    console.log(
      `scoring (unnest writes, tried in 4d19a0e): median ${seconds(result.scoringUnnest.median)} s (runs ${list(result.scoringUnnest.samples)} ms)`,
    );
    console.log(
      `raw SELECT … GROUP BY over the same ${DAYS}-day window: median ${seconds(rawMs)} s (runs ${list(result.raw.samples)} ms)`,
    );
    target({
      id: 'P3',
      what: `scoring ${EMPLOYEES.toLocaleString('en')} × ${DAYS} days vs raw GROUP BY (medians)`,
      goal: '≤ 3×',
      measured: `${ratio.toFixed(2)}×`,
      met: ratio <= 3,
    });
    target({
      id: 'P3',
      what: 'peak RSS while scoring',
      goal: '< 512 MB',
      measured: `${peakMb.toFixed(0)} MB`,
      met: peakMb < 512,
    });
  } finally {
    if (process.env.SCORING_BENCH_KEEP) console.log(`kept schema ${schema}`);
    else await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => undefined);
    await handle.close();
  }
}

async function generate(db: Kysely<Database>, start: string): Promise<{ id: string }> {
  const tenant = await db
    .insertInto('tenants')
    .values({ slug: 'bench', name: 'Bench', locale: 'en', timezone: 'UTC', legal_entity: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const teams = Math.ceil(EMPLOYEES / TEAM_SIZE);
  await sql`insert into teams (tenant_id, external_id, name) select ${tenant.id}::uuid, 'team-' || g, 'Team ' || g from generate_series(1, ${teams}) g`.execute(
    db,
  );
  // Hire dates spread over ~5 years, 2% within the last 5 weeks (insufficient history); 1% have left.
  await sql`
    insert into employees (tenant_id, external_id, display_name, team_id, hire_date, status, left_at)
    select ${tenant.id}::uuid, 'e' || g, 'Employee ' || g, t.id,
      ${AS_OF}::date - (case when g % 50 = 0 then 20 + g % 15 else 60 + (g * 37) % 1800 end),
      case when g % 100 = 7 then 'left' else 'active' end,
      case when g % 100 = 7 then ${AS_OF}::timestamptz - make_interval(days => g % 80) else null end
    from generate_series(1, ${EMPLOYEES}) g
      join teams t on t.tenant_id = ${tenant.id}::uuid and t.external_id = 'team-' || (1 + g % ${teams})`.execute(db);
  await sql`
    update employees e set manager_id = m.id
    from employees m
    where e.tenant_id = ${tenant.id}::uuid and m.tenant_id = e.tenant_id and m.team_id = e.team_id and m.id <> e.id
      and m.external_id = 'e' || (select min(substr(x.external_id, 2)::int) from employees x where x.team_id = e.team_id)`.execute(
    db,
  );
  await sql`select setseed(0.42)`.execute(db);
  // One row per employee per day (weekends included), with a 10% recent dip for 5% of people.
  await sql`
    insert into daily_rollups (tenant_id, employee_id, day, msgs_team, msgs_dm, msgs_group, msgs_cross_team, thread_replies_to_others,
      distinct_collaborators, helps_given, helps_received, kudos_given, kudos_received, leave_events, leave_personal_days, leave_annual_days,
      absences_unexcused, tasks_done, tasks_late, crm_followups, team_projects, resource_shares)
    select e.tenant_id, e.id, d::date,
      (random() * 24 * f)::int, (random() * 16 * f)::int, (random() * 8 * f)::int, (random() * 4)::int, (random() * 6 * f)::int,
      (random() * 10)::int, (random() < 0.12 * f)::int, (random() < 0.12)::int, (random() < 0.06)::int, (random() < 0.06)::int,
      (random() < 0.02)::int, (random() < 0.005)::int * 1.0, (random() < 0.015)::int * 1.0,
      (random() < 0.002)::int, (random() * 2)::int, (random() < 0.08)::int, (random() * 6)::int, (random() < 0.1)::int, (random() < 0.07)::int
    from employees e
      cross join generate_series(${start}::date, ${AS_OF}::date, interval '1 day') d
      cross join lateral (select case when d >= ${AS_OF}::date - 13 and abs(hashtext(e.id::text)) % 20 = 0 then 0.4 else 1.0 end as f) k
    where e.tenant_id = ${tenant.id}::uuid and d::date >= least(e.hire_date, ${AS_OF}::date)`.execute(db);
  await sql`
    insert into signal_coverage (tenant_id, source, signal_class, day, events)
    select ${tenant.id}::uuid, case when c = 'message' then 'slack' else 'hr-api' end, c, d::date, 1000
    from generate_series(${start}::date, ${AS_OF}::date, interval '1 day') d
      cross join unnest(array['message','leave','attendance','task','crm','help','kudos','project','resource']) c`.execute(
    db,
  );
  await sql`vacuum analyze daily_rollups`.execute(db);
  await sql`vacuum analyze employees`.execute(db);
  return tenant;
}

/** The unnest writes tried in 4d19a0e (one array parameter per column): the comparison for P3's writes. */
async function unnestWriter(db: Kysely<Database>, rows: readonly EmployeeScoreInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (r: EmployeeScoreInsert) => T): T[] => rows.map(pick);
  await sql`
    insert into employee_scores (tenant_id, employee_id, as_of, status, risk_score, risk_level, reasons, features,
      collaboration_score, collaboration_components, rule_version)
    select * from unnest(
      ${column((r) => r.tenant_id)}::uuid[], ${column((r) => r.employee_id)}::uuid[], ${column((r) => r.as_of)}::date[],
      ${column((r) => r.status)}::text[], ${column((r) => r.risk_score)}::int[], ${column((r) => r.risk_level)}::text[],
      ${column((r) => JSON.stringify(r.reasons))}::jsonb[], ${column((r) => JSON.stringify(r.features))}::jsonb[],
      ${column((r) => r.collaboration_score)}::int[], ${column((r) => JSON.stringify(r.collaboration_components))}::jsonb[],
      ${column((r) => r.rule_version)}::int[])
    on conflict (tenant_id, employee_id, as_of) do update set
      status = excluded.status, risk_score = excluded.risk_score, risk_level = excluded.risk_level,
      reasons = excluded.reasons, features = excluded.features, collaboration_score = excluded.collaboration_score,
      collaboration_components = excluded.collaboration_components, rule_version = excluded.rule_version,
      computed_at = now()`.execute(db);
}
