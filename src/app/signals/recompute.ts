// Set-based recomputation of interaction edges and daily rollups from the stored events, for a list of
// affected ("dirty") (employee, tenant-local day) keys. Recomputing from the event log (rather than adding
// increments) keeps the derived tables right under duplicates, out-of-order arrival and late events.
//
// An ingest session records its dirty person-days as it appends events and recomputes them once, at its end, in
// the same transaction — so a read right after ingestion sees the new rollups. Each recompute is one statement:
// the keys joined to the events and GROUP BY (employee, day). A few keys come as an array parameter (the planner
// looks each up through the (tenant, employee, day) index); from SET_BASED_KEYS on they are loaded into a
// transaction-local work table and analysed, so the planner sees how many there are and joins them to the events
// in one pass (a hash join over the days concerned) instead of ≈ 11 µs of index lookups per key.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../storage/database.js';
import { ROLLUP_METRICS } from '../../core/scoring/types.js';

export interface DayKey {
  employeeId: string;
  day: string;
}

const MAX_INT = sql.lit(2147483647);
const COUNT = sql.raw(`coalesce((e.payload->>'count')::int, 1)`);
/** From this many keys on, the keys go through a work table (see above). */
export const SET_BASED_KEYS = 2000;
const LOAD_CHUNK = 50_000;

/**
 * Runs `statement` with `k` = the distinct keys: an array parameter for a few, else the transaction-local work table
 * `recompute_keys` (created on first use in a transaction, emptied and refilled per call, dropped at commit).
 */
async function withKeys(
  db: Db,
  keys: readonly DayKey[],
  statement: (k: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<number> {
  if (keys.length === 0) return 0;
  if (keys.length < SET_BASED_KEYS) {
    const k = sql`select distinct employee_id, day from unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.day)}::date[]) as t(employee_id, day)`;
    return Number((await statement(k).execute(db)).numAffectedRows ?? 0);
  }
  const run = async (trx: Db) => {
    await sql`create temp table if not exists recompute_keys (employee_id uuid not null, day date not null, primary key (employee_id, day)) on commit drop`.execute(
      trx,
    );
    await sql`truncate recompute_keys`.execute(trx);
    for (let i = 0; i < keys.length; i += LOAD_CHUNK) {
      const chunk = keys.slice(i, i + LOAD_CHUNK);
      await sql`insert into recompute_keys select * from unnest(${chunk.map((k) => k.employeeId)}::uuid[], ${chunk.map((k) => k.day)}::date[]) on conflict do nothing`.execute(
        trx,
      );
    }
    await sql`analyze recompute_keys`.execute(trx);
    return Number(
      (await statement(sql`select employee_id, day from recompute_keys`).execute(trx)).numAffectedRows ?? 0,
    );
  };
  if (db.isTransaction) return run(db);
  return db.transaction().execute(run);
}

/** Upserts the edges leaving each key's employee on its day. Edges never shrink: events are append-only. */
export async function recomputeEdges(db: Db, tenantId: string, keys: readonly DayKey[]): Promise<number> {
  return withKeys(
    db,
    keys,
    (k) => sql`
    with k as (${k}), x as (
      select e.employee_id as from_id, r.to_id::uuid as to_id, e.day, least(sum(${COUNT}), ${MAX_INT})::int as n
      from signal_events e
      join k on e.employee_id = k.employee_id and e.day = k.day
      cross join lateral jsonb_array_elements_text(e.payload->'to') as r(to_id)
      where e.tenant_id = ${tenantId} and jsonb_typeof(e.payload->'to') = 'array'
      group by 1, 2, 3
    )
    insert into interaction_edges (tenant_id, from_employee_id, to_employee_id, day, count)
    select ${tenantId}, x.from_id, x.to_id, x.day, x.n
    from x
    where exists (select 1 from employees p where p.id = x.to_id and p.tenant_id = ${tenantId})
    on conflict (tenant_id, from_employee_id, to_employee_id, day) do update set count = excluded.count`,
  );
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
const ABSENCES_UNEXCUSED = `case when coalesce(lv.total, 0) > 0 then 0 else coalesce(own.absences_any, 0) end`;

const LEAVE_SELECT = sql.raw(`
  ${LEAVE_COLUMNS.map((c) => `${leaveDays(c.slice('leave_'.length, -'_days'.length))} as ${c}`).join(',\n  ')},
  coalesce(sum(l.days), 0) as total`);

const INSERT_COLUMNS = sql.raw(ROLLUP_COLUMNS.join(', '));
const SELECT_VALUES = sql.raw(
  ROLLUP_COLUMNS.map((c) => {
    if (OWN_COLUMNS.includes(c)) return `coalesce(own.${c}, 0)`;
    if (LEAVE_COLUMNS.includes(c)) return `coalesce(lv.${c}, 0)`;
    if (c === 'helps_received' || c === 'kudos_received') return `coalesce(received.${c}, 0)`;
    if (c === 'absences_unexcused') return ABSENCES_UNEXCUSED;
    return 'coalesce(collab.n, 0)'; // distinct_collaborators
  }).join(', '),
);
const UPDATE_SET = sql.raw([...ROLLUP_COLUMNS.map((c) => `${c} = excluded.${c}`), 'updated_at = now()'].join(', '));

/**
 * Rewrites the rollup row of every key from the events of that employee and day (and the edges touching them).
 * Edges of the same keys must have been recomputed first. One statement: each source is joined to the keys and
 * grouped by (employee, day), then the groups are joined back to the keys (a key without events gets zeros).
 */
export async function recomputeRollups(db: Db, tenantId: string, keys: readonly DayKey[]): Promise<number> {
  // Keys must name employees of this tenant (ingestion resolved them in the same transaction; the FK checks it).
  return withKeys(
    db,
    keys,
    (k) => sql`
    with k as (${k}),
    own as (
      select e.employee_id, e.day, ${OWN_SELECT}
      from (
        -- Each payload field is extracted once per event, not once per aggregate.
        select s.employee_id, s.day, s.kind, s.payload->>'channel' as channel, coalesce((s.payload->>'count')::int, 1) as cnt,
          s.payload->>'reply' = 'true' as reply, s.payload->>'status' as status, s.payload->>'project' as project
        from signal_events s join k on s.employee_id = k.employee_id and s.day = k.day
        where s.tenant_id = ${tenantId}
      ) e
      group by e.employee_id, e.day
    ),
    lv as (
      select l.employee_id, l.day, ${LEAVE_SELECT}
      from leave_days l join k on l.employee_id = k.employee_id and l.day = k.day
      where l.tenant_id = ${tenantId}
      group by l.employee_id, l.day
    ),
    received as (
      select e.peer_employee_id as employee_id, e.day,
        count(*) filter (where e.kind = 'help') as helps_received, count(*) filter (where e.kind = 'kudos') as kudos_received
      from signal_events e join k on e.peer_employee_id = k.employee_id and e.day = k.day
      where e.tenant_id = ${tenantId} and e.kind in ('help', 'kudos')
      group by e.peer_employee_id, e.day
    ),
    collab as (
      select x.employee_id, x.day, count(distinct x.other) as n from (
        select ie.from_employee_id as employee_id, ie.day, ie.to_employee_id as other
        from interaction_edges ie join k on ie.from_employee_id = k.employee_id and ie.day = k.day
        where ie.tenant_id = ${tenantId}
        union all
        select ie.to_employee_id, ie.day, ie.from_employee_id
        from interaction_edges ie join k on ie.to_employee_id = k.employee_id and ie.day = k.day
        where ie.tenant_id = ${tenantId}
      ) x
      group by x.employee_id, x.day
    )
    insert into daily_rollups (tenant_id, employee_id, day, ${INSERT_COLUMNS})
    select ${tenantId}, k.employee_id, k.day, ${SELECT_VALUES}
    from k
    left join own on own.employee_id = k.employee_id and own.day = k.day
    left join lv on lv.employee_id = k.employee_id and lv.day = k.day
    left join received on received.employee_id = k.employee_id and received.day = k.day
    left join collab on collab.employee_id = k.employee_id and collab.day = k.day
    on conflict (tenant_id, employee_id, day) do update set ${UPDATE_SET}`,
  );
}
