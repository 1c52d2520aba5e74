// Reads the scoring engine needs, aggregated in SQL: per-employee window sums (one page of employees at a time),
// tenant coverage days, team departures and interaction pairs. Nothing here loads raw rollup rows into memory.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { ROLLUP_METRICS, SCORED_METRICS, type MetricSums } from '../../core/scoring/types.js';
import { addDays } from '../../core/time.js';
import { countRows } from './count.js';
import { scratchTableName } from './scratch.js';

export interface EmployeeAggregateRow {
  id: string;
  externalId: string;
  teamId: string | null;
  hireDate: string | null;
  managerId: string | null;
  managerChangedOn: string | null;
  firstDataDay: string | null;
  recent: MetricSums;
  baseline: MetricSums;
}

export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Aggregates the tenant's rollups for both windows into a work table in one GROUP BY (the same scan a raw report
 * would do, parallel on PostgreSQL), so paging employees afterwards reads one small row per person. The table is
 * UNLOGGED (scratch data, no WAL) and not TEMPORARY, so no connection has to be pinned and other queries (the score
 * writes) can run beside the reads. Returns its name; dropWindowAggregates removes it.
 */
export async function createWindowAggregates(
  conn: Db,
  params: { tenantId: string; baselineStart: string; recentStart: string; asOf: string },
): Promise<string> {
  const { tenantId, baselineStart, recentStart, asOf } = params;
  // Named with its creation time: a table a crash left behind is dropped at the next start (scratch.ts).
  const table = scratchTableName('scoring_agg');
  // The baseline sums start at the hire date when it falls inside the window: numerator and denominator cover the
  // same span (rows before a hire date — wrong dates, imported history — would otherwise inflate the baseline).
  const baselineFrom = sql`greatest(${sql.lit(baselineStart)}::date, coalesce(p.hire_date, ${sql.lit(baselineStart)}::date))`;
  const sums = sql.join(
    SCORED_METRICS.flatMap((m) => [
      sql`sum(r.${sql.ref(m)}) filter (where r.day >= ${sql.lit(recentStart)}::date)::float8 as ${sql.ref(`r_${m}`)}`,
      sql`sum(r.${sql.ref(m)}) filter (where r.day < ${sql.lit(recentStart)}::date and r.day >= ${baselineFrom})::float8 as ${sql.ref(`b_${m}`)}`,
    ]),
  );
  const cols = sql.join(
    SCORED_METRICS.flatMap((m) => [
      sql`coalesce(a.${sql.ref(`r_${m}`)}, 0) as ${sql.ref(`r_${m}`)}`,
      sql`coalesce(a.${sql.ref(`b_${m}`)}, 0) as ${sql.ref(`b_${m}`)}`,
    ]),
  );
  // DDL cannot take bind parameters: the values are checked days and a uuid, inlined as literals.
  if (
    ![baselineStart, recentStart, asOf].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)) ||
    !/^[0-9a-f-]{36}$/i.test(tenantId)
  ) {
    throw new Error('invalid aggregate window');
  }
  // Every active employee gets a row (people without rollups too), so pages read this table alone by key range.
  // The rollups are read for active people only (a hash join on the tenant's employees), never up to the future.
  await sql`
    create unlogged table ${sql.id(table)} as
    select e.id as employee_id, e.external_id, e.team_id, e.hire_date, e.manager_id, a.first_day, ${cols}
    from employees e
      left join (
        select r.employee_id, min(r.day) as first_day, ${sums}
        from daily_rollups r
          join employees p on p.id = r.employee_id and p.tenant_id = ${sql.lit(tenantId)}::uuid and p.status = 'active'
        where r.tenant_id = ${sql.lit(tenantId)}::uuid and r.day between ${sql.lit(baselineStart)}::date and ${sql.lit(asOf)}::date
        group by r.employee_id
      ) a on a.employee_id = e.id
    where e.tenant_id = ${sql.lit(tenantId)}::uuid and e.status = 'active'`.execute(conn);
  await sql`create index on ${sql.id(table)} (employee_id)`.execute(conn);
  await sql`analyze ${sql.id(table)}`.execute(conn);
  return table;
}

export async function dropWindowAggregates(conn: Db, table: string): Promise<void> {
  await sql`drop table if exists ${sql.id(table)}`.execute(conn);
}

/** One keyset page of active employees (ordered by id, after `afterId`) with their window sums, from `table`. */
export async function loadEmployeeAggregatesPage(
  conn: Db,
  params: { tenantId: string; afterId: string; limit: number; table: string; asOf: string },
): Promise<EmployeeAggregateRow[]> {
  const { tenantId, afterId, limit, table, asOf } = params;
  const result = await sql<Record<string, unknown>>`
    with page as (
      select * from ${sql.id(table)} where employee_id > ${afterId}::uuid order by employee_id limit ${limit}
    ), changes as (
      select s.employee_id, max(s.day) as changed_on
      from signal_events s join page p on p.employee_id = s.employee_id
      where s.tenant_id = ${tenantId} and s.kind = 'manager_change' and s.day between ${addDays(asOf, -90)}::date and ${asOf}::date
      group by s.employee_id
    )
    select p.*, c.changed_on from page p left join changes c on c.employee_id = p.employee_id
    order by p.employee_id`.execute(conn);
  return result.rows.map((row) => {
    const recent = {} as MetricSums;
    const baseline = {} as MetricSums;
    for (const m of ROLLUP_METRICS) {
      recent[m] = Number(row[`r_${m}`] ?? 0);
      baseline[m] = Number(row[`b_${m}`] ?? 0);
    }
    return {
      id: row.employee_id as string,
      externalId: row.external_id as string,
      teamId: (row.team_id as string | null) ?? null,
      hireDate: (row.hire_date as string | null) ?? null,
      managerId: (row.manager_id as string | null) ?? null,
      managerChangedOn: (row.changed_on as string | null) ?? null,
      firstDataDay: (row.first_day as string | null) ?? null,
      recent,
      baseline,
    };
  });
}

export async function countActiveEmployees(db: Db, tenantId: string): Promise<number> {
  return countRows(db.selectFrom('employees').where((eb) => eb.and({ tenant_id: tenantId, status: 'active' })));
}

/** Days on which each signal class had events for the tenant in [from, to], sorted (a 0-event row is no delivery). */
export async function loadCoverageDays(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom('signal_coverage')
    .select(['signal_class', 'day'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.between('day', from, to))
    .where('events', '>', 0)
    .groupBy(['signal_class', 'day'])
    .orderBy('day')
    .execute();
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.signal_class] ??= []).push(row.day);
  return out;
}

export interface Departure {
  id: string;
  teamId: string | null;
  leftOn: string;
}

/** Employees who left in (asOf − 90, asOf]; the left day is taken in UTC (good enough for a 90-day window). */
export async function loadRecentDepartures(db: Db, tenantId: string, asOf: string): Promise<Departure[]> {
  const rows = await db
    .selectFrom('employees')
    .select(['id', 'team_id', 'left_at'])
    .where((eb) => eb.and({ tenant_id: tenantId, status: 'left' }))
    .where('left_at', 'is not', null)
    .where('left_at', '>', new Date(`${addDays(asOf, -90)}T00:00:00Z`))
    .where('left_at', '<', new Date(`${addDays(asOf, 1)}T00:00:00Z`))
    .execute();
  return rows.map((r) => ({ id: r.id, teamId: r.team_id, leftOn: (r.left_at as Date).toISOString().slice(0, 10) }));
}

/** Distinct unordered pairs of active same-team members who interacted in [from, to], per team. */
export async function loadInteractingPairs(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const result = await sql<{ team_id: string; pairs: number }>`
    select a.team_id, count(distinct (least(x.from_employee_id, x.to_employee_id), greatest(x.from_employee_id, x.to_employee_id)))::int as pairs
    from interaction_edges x
      join employees a on a.id = x.from_employee_id
      join employees b on b.id = x.to_employee_id
    where x.tenant_id = ${tenantId} and x.day between ${from}::date and ${to}::date
      and a.team_id = b.team_id and a.team_id is not null and a.status = 'active' and b.status = 'active'
      and x.from_employee_id <> x.to_employee_id
    group by a.team_id`.execute(db);
  return new Map(result.rows.map((r) => [r.team_id, Number(r.pairs)]));
}

/**
 * Brings the planner's statistics of a table up to date when its histogram of `column` does not reach `day`: a bulk
 * load of recent days runs ahead of autovacuum, and a planner that believes those days are empty picks nested loops
 * (the scoring aggregate for 10k people took over 10 minutes instead of ~3 s). Cheap when the statistics are fresh.
 */
export async function refreshDayStatistics(
  conn: Db,
  table: 'daily_rollups' | 'employee_scores',
  column: 'day' | 'as_of',
  day: string,
): Promise<boolean> {
  const stats = await sql<{ analysed: boolean; reaches: boolean | null }>`
    select c.reltuples >= 0 as analysed,
      (select greatest(
          (select max(v) from unnest(s.histogram_bounds::text::date[]) as v),
          (select max(v) from unnest(s.most_common_vals::text::date[]) as v)) >= ${day}::date
        from pg_stats s where s.schemaname = n.nspname and s.tablename = c.relname and s.attname = ${column}) as reaches
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.oid = to_regclass(${table})`.execute(conn);
  const row = stats.rows[0];
  if (row && row.analysed && row.reaches === true) return false;
  await sql`analyze ${sql.id(table)}`.execute(conn);
  return true;
}
