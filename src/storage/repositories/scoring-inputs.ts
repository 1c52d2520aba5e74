// Reads the scoring engine needs, aggregated in SQL: per-employee window sums (one page of employees at a time),
// tenant coverage days, team departures and interaction pairs. Nothing here loads raw rollup rows into memory.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { ROLLUP_METRICS, type MetricSums } from '../../core/scoring/types.js';
import { addDays } from '../../core/time.js';

export interface EmployeeAggregateRow {
  id: string;
  externalId: string;
  teamId: string | null;
  hireDate: string | null;
  managerId: string | null;
  managerStatus: string | null;
  managerLeftAt: Date | null;
  managerChangedOn: string | null;
  firstDataDay: string | null;
  recent: MetricSums;
  baseline: MetricSums;
}

export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/** One keyset page of active employees (ordered by id, after `afterId`) with their recent and baseline sums. */
export async function loadEmployeeAggregatesPage(
  db: Db,
  params: { tenantId: string; afterId: string; limit: number; baselineStart: string; recentStart: string; asOf: string },
): Promise<EmployeeAggregateRow[]> {
  const { tenantId, afterId, limit, baselineStart, recentStart, asOf } = params;
  const sums = sql.join(
    ROLLUP_METRICS.flatMap((m) => [
      sql`coalesce(sum(r.${sql.ref(m)}) filter (where r.day >= ${recentStart}::date), 0)::float8 as ${sql.ref(`r_${m}`)}`,
      sql`coalesce(sum(r.${sql.ref(m)}) filter (where r.day < ${recentStart}::date), 0)::float8 as ${sql.ref(`b_${m}`)}`,
    ]),
  );
  const result = await sql<Record<string, unknown>>`
    with page as (
      select e.id, e.external_id, e.team_id, e.hire_date, e.manager_id
      from employees e
      where e.tenant_id = ${tenantId} and e.status = 'active' and e.id > ${afterId}::uuid
      order by e.id
      limit ${limit}
    ), agg as (
      select r.employee_id, min(r.day) as first_day, ${sums}
      from daily_rollups r join page p on p.id = r.employee_id
      where r.tenant_id = ${tenantId} and r.day between ${baselineStart}::date and ${asOf}::date
      group by r.employee_id
    ), changes as (
      select s.employee_id, max(s.day) as changed_on
      from signal_events s join page p on p.id = s.employee_id
      where s.tenant_id = ${tenantId} and s.kind = 'manager_change' and s.day between ${addDays(asOf, -90)}::date and ${asOf}::date
      group by s.employee_id
    )
    select p.id, p.external_id, p.team_id, p.hire_date, p.manager_id, m.status as manager_status, m.left_at as manager_left_at,
      c.changed_on, agg.*
    from page p
      left join employees m on m.id = p.manager_id and m.tenant_id = ${tenantId}
      left join agg on agg.employee_id = p.id
      left join changes c on c.employee_id = p.id
    order by p.id`.execute(db);
  return result.rows.map((row) => {
    const recent = {} as MetricSums;
    const baseline = {} as MetricSums;
    for (const m of ROLLUP_METRICS) {
      recent[m] = Number(row[`r_${m}`] ?? 0);
      baseline[m] = Number(row[`b_${m}`] ?? 0);
    }
    const leftAt = row.manager_left_at;
    return {
      id: row.id as string,
      externalId: row.external_id as string,
      teamId: (row.team_id as string | null) ?? null,
      hireDate: (row.hire_date as string | null) ?? null,
      managerId: (row.manager_id as string | null) ?? null,
      managerStatus: (row.manager_status as string | null) ?? null,
      managerLeftAt: leftAt == null ? null : leftAt instanceof Date ? leftAt : new Date(String(leftAt)),
      managerChangedOn: (row.changed_on as string | null) ?? null,
      firstDataDay: (row.first_day as string | null) ?? null,
      recent,
      baseline,
    };
  });
}

export async function countActiveEmployees(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Days each signal class was delivered for the tenant in [from, to], sorted. */
export async function loadCoverageDays(db: Db, tenantId: string, from: string, to: string): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom('signal_coverage')
    .select(['signal_class', 'day'])
    .where('tenant_id', '=', tenantId)
    .where('day', '>=', from)
    .where('day', '<=', to)
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
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'left')
    .where('left_at', 'is not', null)
    .where('left_at', '>', new Date(`${addDays(asOf, -90)}T00:00:00Z`))
    .where('left_at', '<', new Date(`${addDays(asOf, 1)}T00:00:00Z`))
    .execute();
  return rows.map((r) => ({ id: r.id, teamId: r.team_id, leftOn: (r.left_at as Date).toISOString().slice(0, 10) }));
}

/** Distinct unordered pairs of active same-team members who interacted in [from, to], per team. */
export async function loadInteractingPairs(db: Db, tenantId: string, from: string, to: string): Promise<Map<string, number>> {
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
