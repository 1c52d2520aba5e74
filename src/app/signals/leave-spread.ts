// Leave by the day: a leave of N days starting on day S is spread over the first N working days of the tenant's
// calendar from S (fractions on the last) into leave_days; the rollups of those days carry it (recompute.ts reads
// leave_days), so a leave is counted on the days it covers — never wholly on its start day, never on a holiday, and
// a day in the future only once scoring reaches it. A calendar change re-spreads the leaves whose days it moves.
import { sql } from 'kysely';
import { spreadOverWorkingDays, type WorkingCalendar } from '../../core/calendar/index.js';
import { addDays } from '../../core/time.js';
import type { Db } from '../../storage/database.js';
import { tenantCalendar } from '../calendar/tenant-calendar.js';
import { recomputeRollups, type DayKey } from './recompute.js';

export interface LeaveRecord {
  source: string;
  externalId: string;
  employeeId: string;
  startDay: string;
  leaveType: string;
  days: number;
}

/** Whole days of calendar a leave may reach beyond its start: 366 working days (the largest leave) plus days off. */
const SPREAD_HORIZON_DAYS = 800;

/** Calendar for spreading leaves that start in [firstStart, lastStart]. */
async function calendarFor(db: Db, tenantId: string, leaves: readonly LeaveRecord[]): Promise<WorkingCalendar> {
  let first = leaves[0]!.startDay;
  let last = first;
  for (const l of leaves) {
    if (l.startDay < first) first = l.startDay;
    if (l.startDay > last) last = l.startDay;
  }
  return tenantCalendar(db, tenantId, first, addDays(last, SPREAD_HORIZON_DAYS));
}

/**
 * Writes the spread of each leave (replacing any earlier spread of it) and returns the (person, day) keys whose
 * rollups change: the days it covered before and the days it covers now.
 */
export async function writeLeaveSpread(
  db: Db,
  tenantId: string,
  leaves: readonly LeaveRecord[],
  calendar?: WorkingCalendar,
): Promise<DayKey[]> {
  if (leaves.length === 0) return [];
  const cal = calendar ?? (await calendarFor(db, tenantId, leaves));
  const keys = new Map<string, DayKey>();
  const addKey = (employeeId: string, day: string) => keys.set(`${employeeId}|${day}`, { employeeId, day });
  for (let i = 0; i < leaves.length; i += 5000) {
    const chunk = leaves.slice(i, i + 5000);
    const removed = await sql<{ employee_id: string; day: string }>`
      delete from leave_days l
      using unnest(${chunk.map((l) => l.source)}::text[], ${chunk.map((l) => l.externalId)}::text[]) as u(source, external_id)
      where l.tenant_id = ${tenantId} and l.source = u.source and l.external_id = u.external_id
      returning l.employee_id, l.day`.execute(db);
    for (const row of removed.rows) addKey(row.employee_id, row.day);
    const rows: { l: LeaveRecord; day: string; days: number }[] = [];
    for (const l of chunk) {
      for (const part of spreadOverWorkingDays(cal, l.startDay, l.days)) {
        rows.push({ l, ...part });
        addKey(l.employeeId, part.day);
      }
    }
    for (let j = 0; j < rows.length; j += 10_000) {
      const part = rows.slice(j, j + 10_000);
      await sql`
        insert into leave_days (tenant_id, employee_id, source, external_id, start_day, day, leave_type, days)
        select ${tenantId}, u.employee_id, u.source, u.external_id, u.start_day, u.day, u.leave_type, u.days
        from unnest(${part.map((r) => r.l.employeeId)}::uuid[], ${part.map((r) => r.l.source)}::text[],
          ${part.map((r) => r.l.externalId)}::text[], ${part.map((r) => r.l.startDay)}::date[],
          ${part.map((r) => r.day)}::date[], ${part.map((r) => r.l.leaveType)}::text[], ${part.map((r) => r.days)}::real[])
          as u(employee_id, source, external_id, start_day, day, leave_type, days)`.execute(db);
    }
  }
  return [...keys.values()];
}

export type RespreadScope = { all: true } | { days: readonly string[] };

/**
 * Spreads again the leaves a calendar change can move — all of them (region or working weekdays changed, or a
 * tenant's first spread) or those around the changed days (start on or before the day, spread reaching it or
 * beyond) — and recomputes the rollups of every day they left or reached. Run inside the change's transaction.
 */
export async function respreadLeaves(db: Db, tenantId: string, scope: RespreadScope): Promise<number> {
  let leaves: LeaveRecord[];
  if ('all' in scope) {
    // From the event log (leaves never spread yet included) and from leave_days for leaves whose raw event was
    // purged by retention (their spread is all that is left of them).
    const rows = await sql<LeaveRow>`
      select e.source, e.external_id, e.employee_id, e.day::text as start_day, e.payload->>'leaveType' as leave_type,
        (e.payload->>'days')::float8 as days
      from signal_events e where e.tenant_id = ${tenantId} and e.kind = 'leave'
      union all
      select l.source, l.external_id, min(l.employee_id::text)::uuid, min(l.start_day)::text, min(l.leave_type), sum(l.days)::float8
      from leave_days l
      where l.tenant_id = ${tenantId} and not exists (
        select 1 from signal_events e where e.tenant_id = l.tenant_id and e.source = l.source and e.external_id = l.external_id)
      group by l.source, l.external_id`.execute(db);
    leaves = rows.rows.map(toRecord);
  } else {
    if (scope.days.length === 0) return 0;
    const rows = await sql<LeaveRow>`
      select l.source, l.external_id, min(l.employee_id::text)::uuid as employee_id, min(l.start_day)::text as start_day,
        min(l.leave_type) as leave_type, sum(l.days)::float8 as days
      from leave_days l
      where l.tenant_id = ${tenantId} and (l.source, l.external_id) in (
        select x.source, x.external_id from leave_days x, unnest(${[...scope.days]}::date[]) as d(day)
        where x.tenant_id = ${tenantId} and x.start_day <= d.day and x.day >= d.day)
      group by l.source, l.external_id`.execute(db);
    leaves = rows.rows.map(toRecord);
  }
  const keys = await writeLeaveSpread(db, tenantId, leaves);
  for (let i = 0; i < keys.length; i += 20_000) await recomputeRollups(db, tenantId, keys.slice(i, i + 20_000));
  if ('all' in scope) await sql`update tenants set leave_spread_at = now() where id = ${tenantId}`.execute(db);
  return leaves.length;
}

/** Ingestion: spreads newly stored leaves (and, once, a tenant's older ones); returns the rollup keys to recompute. */
export async function spreadIngestedLeaves(
  db: Db,
  tenantId: string,
  leaves: readonly LeaveRecord[],
): Promise<DayKey[]> {
  await ensureLeavesSpread(db, tenantId);
  return writeLeaveSpread(db, tenantId, leaves);
}

/** Spreads a tenant's leaves once if it predates leave spreading (see 0006's leave_spread_at). */
export async function ensureLeavesSpread(db: Db, tenantId: string): Promise<void> {
  const row = await db.selectFrom('tenants').select('leave_spread_at').where('id', '=', tenantId).executeTakeFirst();
  if (row && row.leave_spread_at === null) await respreadLeaves(db, tenantId, { all: true });
}

interface LeaveRow {
  source: string;
  external_id: string;
  employee_id: string;
  start_day: string;
  leave_type: string | null;
  days: number | string;
}

const toRecord = (r: LeaveRow): LeaveRecord => ({
  source: r.source,
  externalId: r.external_id,
  employeeId: r.employee_id,
  startDay: r.start_day,
  leaveType: r.leave_type ?? 'other',
  days: Number(r.days),
});
