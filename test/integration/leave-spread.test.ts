// Leave by the day: a leave is spread over the working days it covers (the tenant's calendar: weekdays, China's
// Spring Festival and its make-up Saturday), the rollups carry it there, absences on those days are excused, and a
// calendar change re-spreads the leaves it moves. Also: a tenant that predates spreading is spread once, and scoring
// counts a leave's days only once they have come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SignalEvent } from '../../src/core/events.js';
import { ingestSignals } from '../../src/app/signals/ingest.js';
import { addCalendarOverride, removeCalendarOverride, updateCalendar } from '../../src/app/calendar/index.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { ensureLeavesSpread } from '../../src/app/signals/leave-spread.js';
import { runScoring } from '../../src/app/scoring/run.js';
import type { Features } from '../../src/core/scoring/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';

const NOW = new Date('2026-03-20T12:00:00Z');

describe('leave spread over working days', () => {
  let handle: TestDatabase;
  let tenantId: string;
  let ana: string;
  const caller = () => new Access(handle.db, operatorActor(tenantId));

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'cn-co', { timezone: 'Asia/Shanghai' })).id;
    await updateCalendar(caller(), { region: 'CN' }, NOW);
    ana = (
      await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: 'ana',
          display_name: 'Ana',
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => handle.destroy());

  const ref = { kind: 'external' as const, id: 'ana' };
  const leave = (
    id: string,
    day: string,
    days: number,
    leaveType: 'personal' | 'annual' = 'personal',
  ): SignalEvent => ({
    id,
    source: 'hr-api',
    type: 'leave',
    actor: ref,
    occurredAt: new Date(`${day}T04:00:00Z`),
    leaveType,
    days,
  });
  const absent = (id: string, day: string): SignalEvent => ({
    id,
    source: 'hr-api',
    type: 'attendance',
    actor: ref,
    occurredAt: new Date(`${day}T01:00:00Z`),
    status: 'absent',
  });
  const ingest = (events: SignalEvent[]) => ingestSignals(handle.db, { tenantId, source: 'hr-api', events, now: NOW });
  const leaveByDay = async (from: string, to: string) => {
    const rows = await handle.db
      .selectFrom('daily_rollups')
      .select(['day', 'leave_personal_days', 'leave_annual_days', 'absences_unexcused'])
      .where('employee_id', '=', ana)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    return Object.fromEntries(
      rows
        .filter((r) => r.leave_personal_days + r.leave_annual_days > 0 || r.absences_unexcused > 0)
        .map((r) => [r.day, { leave: r.leave_personal_days + r.leave_annual_days, unexcused: r.absences_unexcused }]),
    );
  };

  it('3 days from the Friday before Spring Festival: Friday, the make-up Saturday, and the Tuesday after', async () => {
    await ingest([leave('l1', '2026-02-13', 3), absent('a1', '2026-02-24'), absent('a2', '2026-02-25')]);
    expect(await leaveByDay('2026-02-01', '2026-03-10')).toEqual({
      '2026-02-13': { leave: 1, unexcused: 0 },
      '2026-02-14': { leave: 1, unexcused: 0 },
      '2026-02-24': { leave: 1, unexcused: 0 }, // the absence that day is excused by the leave
      '2026-02-25': { leave: 0, unexcused: 1 },
    });
    // Counted where it falls: one day lands in each of three different weeks, never on the start day alone.
    const total = await sql<{
      n: number;
    }>`select sum(days)::float8 as n from leave_days where tenant_id = ${tenantId}`.execute(handle.db);
    expect(total.rows[0]?.n).toBe(3);
  });

  it('fractions land on the last day; a leave starting on a weekend starts on the next working day', async () => {
    await ingest([leave('l2', '2026-03-07', 1.5, 'annual')]); // a Saturday
    expect(await leaveByDay('2026-03-07', '2026-03-12')).toEqual({
      '2026-03-09': { leave: 1, unexcused: 0 },
      '2026-03-10': { leave: 0.5, unexcused: 0 },
    });
  });

  it('a company day off moves the leave to the next working day; removing it moves it back', async () => {
    await addCalendarOverride(caller(), { day: '2026-02-24', kind: 'day_off', note: 'outing' });
    expect(await leaveByDay('2026-02-13', '2026-02-28')).toEqual({
      '2026-02-13': { leave: 1, unexcused: 0 },
      '2026-02-14': { leave: 1, unexcused: 0 },
      '2026-02-24': { leave: 0, unexcused: 1 },
      '2026-02-25': { leave: 1, unexcused: 0 },
    });
    expect(await removeCalendarOverride(caller(), '2026-02-24')).toBe(true);
    expect(await leaveByDay('2026-02-13', '2026-02-28')).toEqual({
      '2026-02-13': { leave: 1, unexcused: 0 },
      '2026-02-14': { leave: 1, unexcused: 0 },
      '2026-02-24': { leave: 1, unexcused: 0 },
      '2026-02-25': { leave: 0, unexcused: 1 },
    });
    // An extra working day (a Saturday) pulls the half day of the annual leave forward.
    await addCalendarOverride(caller(), { day: '2026-03-07', kind: 'working_day' });
    expect(await leaveByDay('2026-03-07', '2026-03-12')).toEqual({
      '2026-03-07': { leave: 1, unexcused: 0 },
      '2026-03-09': { leave: 0.5, unexcused: 0 },
    });
  });

  it('a new region re-spreads every leave (without holiday data the Spring Festival week is working)', async () => {
    await updateCalendar(caller(), { region: null, overrides: [] }, NOW);
    expect(await leaveByDay('2026-02-13', '2026-02-28')).toEqual({
      '2026-02-13': { leave: 1, unexcused: 0 },
      '2026-02-16': { leave: 1, unexcused: 0 },
      '2026-02-17': { leave: 1, unexcused: 0 },
      '2026-02-24': { leave: 0, unexcused: 1 },
      '2026-02-25': { leave: 0, unexcused: 1 },
    });
  });

  it('a tenant whose leaves predate spreading (leave_spread_at null) is spread once', async () => {
    // Simulate the state before 0006: the leave's spread is gone and the tenant is marked unspread.
    await sql`delete from leave_days where tenant_id = ${tenantId}`.execute(handle.db);
    await sql`update tenants set leave_spread_at = null where id = ${tenantId}`.execute(handle.db);
    await ensureLeavesSpread(handle.db, tenantId);
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from leave_days where tenant_id = ${tenantId}`.execute(handle.db);
    expect(rows.rows[0]?.n).toBe(5); // 3 + 2 days
    const tenant = await handle.db
      .selectFrom('tenants')
      .select('leave_spread_at')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    expect(tenant?.leave_spread_at).not.toBeNull();
  });
});

describe('leave days still to come', () => {
  let handle: TestDatabase;
  afterAll(async () => handle.destroy());

  it('a week of leave starting on the as-of day counts 1 day that day, 3 on Wednesday, 5 from Friday', async () => {
    handle = await createTestDatabase();
    const tenantId = (await createTenant(handle.db, 'plain-co', { timezone: 'Asia/Shanghai' })).id;
    const bo = (
      await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: 'bo',
          display_name: 'Bo',
          email: null,
          team_id: null,
          manager_id: null,
          hire_date: '2025-01-06',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await ingestSignals(handle.db, {
      tenantId,
      source: 'hr-api',
      now: new Date('2026-03-16T12:00:00Z'),
      events: [
        {
          id: 'week-off',
          source: 'hr-api',
          type: 'leave',
          actor: { kind: 'external', id: 'bo' },
          occurredAt: new Date('2026-03-16T01:00:00Z'), // a Monday: Mon 16 – Fri 20 March
          leaveType: 'personal',
          days: 5,
        },
      ],
    });
    const scoredAsOf = async (asOf: string) => {
      await runScoring({ db: handle.db }, { tenantId, asOf });
      const row = await handle.db
        .selectFrom('employee_scores')
        .select('features')
        .where('employee_id', '=', bo)
        .where('as_of', '=', asOf)
        .executeTakeFirstOrThrow();
      const f = row.features as Features & { detail: { recentWorkingDays: number; recentAvailableDays: number } };
      return [f.leave_days_recent, f.detail.recentWorkingDays - f.detail.recentAvailableDays];
    };
    expect(await scoredAsOf('2026-03-16')).toEqual([1, 1]);
    expect(await scoredAsOf('2026-03-18')).toEqual([3, 3]);
    expect(await scoredAsOf('2026-03-20')).toEqual([5, 5]);
    expect(await scoredAsOf('2026-03-23')).toEqual([5, 5]);
  });
});
