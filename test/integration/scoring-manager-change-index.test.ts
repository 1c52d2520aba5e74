// Scoring's manager-change lookup (the latest `manager_change` of each page's people in the last 90 days) reads a
// partial index of the manager changes only (migration 0041), not every event of each person's 90 days through the
// general (tenant, employee, day) index. Plans are compared with sequential scans off, on both dialects.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEmployee, createTenant } from '../helpers/fixtures.js';

describe('the manager-change lookup of scoring', () => {
  let handle: TestDatabase;
  let tenantId: string;
  let person: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'mc-co')).id;
    person = await createEmployee(handle.db, tenantId, 'mc-1');
    // 90 days of ordinary activity (3,000 events) and two manager changes.
    await sql`
      insert into signal_events (tenant_id, source, external_id, kind, employee_id, occurred_at, day)
      select ${tenantId}::uuid, 'bench', 'm' || n, case when n in (10, 2000) then 'manager_change' else 'message' end,
        ${person}::uuid, timestamptz '2026-09-01' + (n % 90) * interval '1 day', date '2026-09-01' + (n % 90)
      from generate_series(1, 3000) as n`.execute(handle.db);
    await sql`analyze signal_events`.execute(handle.db);
  });
  afterAll(async () => handle.destroy());

  it('uses the partial index of manager changes and finds the latest one', async () => {
    expect(await countRows(handle.db, 'signal_events', tenantId)).toBe(3000);
    const lookup = sql`
      select max(day)::text as changed_on from signal_events
      where tenant_id = ${tenantId}::uuid and employee_id = ${person}::uuid and kind = 'manager_change'
        and day between date '2026-09-01' and date '2026-11-30'`;
    const plan = await handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${lookup}`.execute(trx);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('signal_events_manager_change_idx');
    const { rows } = await lookup.execute(handle.db);
    // n = 2000 falls on 2026-09-01 + (2000 % 90) = + 20 days; n = 10 on + 10 days.
    expect(rows).toEqual([{ changed_on: '2026-09-21' }]);
  });
});
