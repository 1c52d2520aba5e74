// `npm start` must show Li Na's alert and the HR warning on any day it is run: Demo Co built and scored as of each of
// 7 consecutive days (every weekday), and once with China's National Day holiday inside the recent fortnight. Li Na is
// high with the leave and team-channel reasons and clears every threshold she relies on by at least 5 points;
// everyone else keeps their level across the week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDemoOrganisation } from '../../src/app/demo/bootstrap.js';
import { addDays, weekdayOf } from '../../src/core/time.js';
import type { Features, Reason } from '../../src/core/scoring/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.destroy());

/** Builds Demo Co as `npm start` would the morning after `endDay` (Asia/Shanghai) and reads everyone's score. */
async function demoAsOf(endDay: string) {
  const now = new Date(`${addDays(endDay, 1)}T01:00:00Z`);
  const result = await resetDemoOrganisation({ db: database.db, quietHours: false, now: () => now });
  expect(result.asOf).toBe(endDay);
  const rows = await database.db
    .selectFrom('employee_scores as s')
    .innerJoin('employees as e', 'e.id', 's.employee_id')
    .select(['e.external_id', 's.status', 's.risk_level', 's.risk_score', 's.features', 's.reasons'])
    .where('s.tenant_id', '=', result.tenantId)
    .where('s.as_of', '=', endDay)
    .execute();
  const people = new Map(
    rows.map((r) => [
      r.external_id,
      { ...r, features: r.features as Features & { detail: Record<string, number> }, reasons: r.reasons as Reason[] },
    ]),
  );
  return { result, people };
}

function expectLiNaWithMargin(people: Awaited<ReturnType<typeof demoAsOf>>['people'], label: string) {
  const li = people.get('li.na')!;
  expect(li.risk_level, label).toBe('high');
  const f = li.features;
  // The seed rule: team-channel messages −50% (team-adjusted) and leave +30%; each cleared by ≥ 5 points.
  expect(f.team_msgs_change_pct!, label).toBeLessThanOrEqual(-55);
  expect(f.leave_change_pct!, label).toBeGreaterThanOrEqual(35);
  // Communication activity −40% and stopped helping (≥ 2/week before, −75%).
  expect(f.activity_change_pct!, label).toBeLessThanOrEqual(-45);
  expect(f.helps_per_week_baseline!, label).toBeGreaterThanOrEqual(4);
  expect(f.helps_change_pct!, label).toBeLessThanOrEqual(-80);
  expect(li.risk_score!, label).toBeGreaterThanOrEqual(75);
  const codes = li.reasons.map((r) => r.code);
  expect(codes, label).toContain('team_msgs_change');
  expect(
    codes.some((c) => c === 'personal_leave_change' || c === 'leave_change'),
    label,
  ).toBe(true);
}

describe('Demo Co on every day of the week', () => {
  const start = '2026-11-23';
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));

  it('covers all seven weekdays', () => {
    expect(new Set(days.map(weekdayOf)).size).toBe(7);
  });

  it('Li Na is high with her leave and team-channel reasons, and the HR gets her alert and the team warning', async () => {
    let reference: Map<string, string | null> | undefined;
    for (const day of days) {
      const { result, people } = await demoAsOf(day);
      expectLiNaWithMargin(people, day);
      expect(result.alerts, day).toMatchObject({ alerts: 1, warnings: 1 });
      const levels = new Map([...people].filter(([id]) => id !== 'li.na').map(([id, p]) => [id, p.risk_level]));
      if (reference === undefined) reference = levels;
      // Everyone else keeps their level across the week.
      else expect(Object.fromEntries(levels), day).toEqual(Object.fromEntries(reference));
    }
  }, 600_000);

  it('also across a public holiday: National Day inside the recent fortnight (region CN)', async () => {
    const { result, people } = await demoAsOf('2026-10-09');
    expect(people.get('li.na')!.features.detail.recentWorkingDays).toBe(5); // Sep 28–30, Oct 8–9
    expectLiNaWithMargin(people, 'National Day');
    expect(result.alerts).toMatchObject({ alerts: 1, warnings: 1 });
    const tenant = await database.db
      .selectFrom('tenants')
      .select('region')
      .where('id', '=', result.tenantId)
      .executeTakeFirstOrThrow();
    expect(tenant.region).toBe('CN');
  }, 120_000);
});
