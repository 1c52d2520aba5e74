// Set-based recomputation of interaction edges and daily rollups from the stored events, for a list of
// affected (employee, tenant-local day) keys. Recomputing from the event log (rather than adding increments)
// keeps the derived tables right under duplicates, out-of-order arrival and late events.
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { ROLLUP_METRICS } from '../../core/scoring/types.js';

export interface DayKey {
  employeeId: string;
  day: string;
}

const MAX_INT = sql.lit(2147483647);
const COUNT = sql.raw(`coalesce((e.payload->>'count')::int, 1)`);

/** Upserts the edges leaving each key's employee on its day. Edges never shrink: events are append-only. */
export async function recomputeEdges(db: Db, tenantId: string, keys: readonly DayKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  // Driven by the keys through the (tenant, employee, day) index, like recomputeRollups.
  const result = await sql`
    with k as (
      select distinct employee_id, day from unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.day)}::date[]) as t(employee_id, day)
    ), x as (
      select k.employee_id as from_id, r.to_id::uuid as to_id, k.day, least(sum(${COUNT}), ${MAX_INT})::int as n
      from k
      cross join lateral (
        select s.payload from signal_events s
        where s.tenant_id = ${tenantId} and s.employee_id = k.employee_id and s.day = k.day and jsonb_typeof(s.payload->'to') = 'array'
      ) e
      cross join lateral jsonb_array_elements_text(e.payload->'to') as r(to_id)
      group by 1, 2, 3
    )
    insert into interaction_edges (tenant_id, from_employee_id, to_employee_id, day, count)
    select ${tenantId}, x.from_id, x.to_id, x.day, x.n
    from x
    where exists (select 1 from employees p where p.id = x.to_id and p.tenant_id = ${tenantId})
    on conflict (tenant_id, from_employee_id, to_employee_id, day) do update set count = excluded.count`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

// The rollup's columns are the engine's metrics (one list, in src/core/scoring/types.ts).
const ROLLUP_COLUMNS = ROLLUP_METRICS;

// Sums are capped at the integer column's range: absurd counts must not make a day's recompute fail forever.
const capped = (expression: string) => `least(coalesce(${expression}, 0), 2147483647)`;
const msgs = (channel: string) => capped(`sum(e.cnt) filter (where e.kind = 'message' and e.channel = '${channel}')`);
const countWhere = (condition: string) => `count(*) filter (where ${condition})`;
// Leave days come from leave_days (leave-spread.ts): a leave counts on each working day it covers.
const leaveDays = (type: string) => `coalesce(sum(l.days) filter (where l.leave_type = '${type}'), 0)`;

// Own counts per (employee, day); received helps/kudos, unexcused absences and collaborators come from other CTEs.
const OWN_SELECT = sql.raw(`
  ${msgs('team')} as msgs_team,
  ${msgs('dm')} as msgs_dm,
  ${msgs('group')} as msgs_group,
  ${msgs('cross_team')} as msgs_cross_team,
  ${capped(`sum(e.cnt) filter (where e.kind = 'message' and e.reply)`)} as thread_replies_to_others,
  ${countWhere(`e.kind = 'help'`)} as helps_given,
  ${countWhere(`e.kind = 'kudos'`)} as kudos_given,
  ${countWhere(`e.kind = 'leave'`)} as leave_events,
  ${countWhere(`e.kind = 'attendance' and e.status = 'late'`)} as late_arrivals,
  ${countWhere(`e.kind = 'attendance' and e.status = 'early_leave'`)} as early_leaves,
  ${countWhere(`e.kind = 'task' and e.status = 'done'`)} as tasks_done,
  ${countWhere(`e.kind = 'task' and e.status = 'late'`)} as tasks_late,
  ${countWhere(`e.kind = 'task' and e.status = 'open'`)} as tasks_open,
  ${capped(`sum(e.cnt) filter (where e.kind = 'crm_activity')`)} as crm_followups,
  count(distinct e.project) filter (where e.kind = 'team_project') as team_projects,
  ${capped(`sum(e.cnt) filter (where e.kind = 'resource_share')`)} as resource_shares,
  ${countWhere(`e.kind = 'attendance' and e.status = 'absent'`)} as absences_any`);

const LEAVE_COLUMNS: readonly string[] = ROLLUP_METRICS.filter((c) => c.startsWith('leave_') && c.endsWith('_days'));
// Columns OWN_SELECT computes itself: all but those other CTEs deliver (received, collaborators, unexcused, leave).
const FROM_OTHER_CTES = new Set(['distinct_collaborators', 'helps_received', 'kudos_received', 'absences_unexcused']);
const OWN_COLUMNS: readonly string[] = ROLLUP_METRICS.filter(
  (c) => !FROM_OTHER_CTES.has(c) && !LEAVE_COLUMNS.includes(c),
);

// An absence is unexcused unless the person's leave covers that day (leave_days, spread over working days).
const ABSENCES_UNEXCUSED = `case when lv.total > 0 then 0 else own.absences_any end`;

const LEAVE_SELECT = sql.raw(`
  ${LEAVE_COLUMNS.map((c) => `${leaveDays(c.slice('leave_'.length, -'_days'.length))} as ${c}`).join(',\n  ')},
  coalesce(sum(l.days), 0) as total`);

const INSERT_COLUMNS = sql.raw(ROLLUP_COLUMNS.join(', '));
const SELECT_VALUES = sql.raw(
  ROLLUP_COLUMNS.map((c) => {
    if (OWN_COLUMNS.includes(c)) return `coalesce(own.${c}, 0)`;
    if (LEAVE_COLUMNS.includes(c)) return `lv.${c}`;
    if (c === 'helps_received' || c === 'kudos_received') return `coalesce(received.${c}, 0)`;
    if (c === 'absences_unexcused') return ABSENCES_UNEXCUSED;
    return 'coalesce(collab.n, 0)'; // distinct_collaborators
  }).join(', '),
);
const UPDATE_SET = sql.raw([...ROLLUP_COLUMNS.map((c) => `${c} = excluded.${c}`), 'updated_at = now()'].join(', '));

/**
 * Rewrites the rollup row of every key from the events of that employee and day (and the edges touching them).
 * Edges of the same keys must have been recomputed first.
 */
export async function recomputeRollups(db: Db, tenantId: string, keys: readonly DayKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  // Keys must name employees of this tenant (ingestion resolved them in the same transaction; the FK checks it).
  // Driven by the keys: every count is an index lookup per (person, day), so the cost follows the number of keys,
  // not the size of the event table (refreshStatistics in ingest.ts keeps the planner on those indexes).
  const result = await sql`
    with k as (
      select distinct ${tenantId}::uuid as tenant_id, employee_id, day from unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.day)}::date[]) as t(employee_id, day)
    )
    insert into daily_rollups (tenant_id, employee_id, day, ${INSERT_COLUMNS})
    select ${tenantId}, k.employee_id, k.day, ${SELECT_VALUES}
    from k
    cross join lateral (
      select ${OWN_SELECT}
      from (
        -- Each payload field is extracted once per event, not once per aggregate.
        select s.kind, s.payload->>'channel' as channel, coalesce((s.payload->>'count')::int, 1) as cnt,
          s.payload->>'reply' = 'true' as reply, s.payload->>'status' as status, s.payload->>'project' as project
        from signal_events s
        where s.tenant_id = ${tenantId} and s.employee_id = k.employee_id and s.day = k.day
      ) e
    ) own
    cross join lateral (
      select ${LEAVE_SELECT}
      from leave_days l where l.tenant_id = ${tenantId} and l.employee_id = k.employee_id and l.day = k.day
    ) lv
    cross join lateral (
      select count(*) filter (where e.kind = 'help') as helps_received, count(*) filter (where e.kind = 'kudos') as kudos_received
      from signal_events e
      where e.tenant_id = ${tenantId} and e.peer_employee_id = k.employee_id and e.day = k.day and e.kind in ('help', 'kudos')
    ) received
    cross join lateral (
      select count(distinct x.other) as n from (
        select ie.to_employee_id as other from interaction_edges ie
        where ie.tenant_id = ${tenantId} and ie.from_employee_id = k.employee_id and ie.day = k.day
        union all
        select ie.from_employee_id from interaction_edges ie
        where ie.tenant_id = ${tenantId} and ie.to_employee_id = k.employee_id and ie.day = k.day
      ) x
    ) collab
    on conflict (tenant_id, employee_id, day) do update set ${UPDATE_SET}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
