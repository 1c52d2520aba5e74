import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { generateDemoOrganisation, writeSyntheticOrganisation } from '../../src/synthetic/index.js';

describe('synthetic organisation generator', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.destroy());

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateDemoOrganisation(7, { endDay: '2026-11-27' });
    const b = generateDemoOrganisation(7, { endDay: '2026-11-27' });
    const c = generateDemoOrganisation(8, { endDay: '2026-11-27' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.rollups)).not.toBe(JSON.stringify(c.rollups));
    expect(a.teams).toHaveLength(4);
    expect(a.employees.length).toBeGreaterThanOrEqual(38);
    expect(a.employees.length).toBeLessThanOrEqual(42);
    expect(a.startDay).toBe('2026-09-05');
    expect(a.cases.seedCase).toBe('li.na');
    const manager = a.employees.find((e) => e.externalId === a.cases.departedManager);
    expect(manager?.status).toBe('left');
    expect(manager?.leftAt?.slice(0, 10)).toBe('2026-11-06');
  });

  it('writes the organisation in batches and a rerun refreshes instead of failing', async () => {
    const org = generateDemoOrganisation(7, { endDay: '2026-11-27' });
    const first = await writeSyntheticOrganisation(handle.db, org);
    const again = await writeSyntheticOrganisation(handle.db, org);
    expect(again.tenantId).toBe(first.tenantId);
    const count = (table: 'employees' | 'daily_rollups' | 'interaction_edges' | 'signal_coverage') =>
      countRows(handle.db, table, first.tenantId);
    expect(await count('employees')).toBe(org.employees.length);
    expect(await count('daily_rollups')).toBe(org.rollups.length);
    expect(await count('interaction_edges')).toBe(org.edges.length);
    expect(await count('signal_coverage')).toBe(org.coverage.length);
    const liNa = await handle.db
      .selectFrom('employees')
      .selectAll()
      .where('id', '=', first.employeeIds['li.na']!)
      .executeTakeFirstOrThrow();
    expect(liNa.manager_id).toBe(first.employeeIds[org.cases.departedManager!]);
    expect(liNa.hire_date).toBe('2026-09-28');
  });
});
