// Audit retention: rows are kept TEAMPULSE_AUDIT_RETENTION_YEARS (default 6, never less) and deleted after that by
// the daily job; younger rows cannot be deleted at all (the table's trigger), and no row can be edited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import { purgeAuditLog, purgeAuditLogJob } from '../../src/app/privacy/audit.js';
import { loadConfig } from '../../src/config.js';

let handle: TestDatabase;
let tenantId: string;
const NOW = new Date('2026-11-30T03:45:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  tenantId = (await createTenant(handle.db, 'keep')).id;
  for (const [action, at] of [
    ['eleven-years', '2015-11-01T00:00:00Z'],
    ['seven-years', '2019-11-01T00:00:00Z'],
    ['five-years', '2021-11-01T00:00:00Z'],
    ['today', '2026-11-30T01:00:00Z'],
  ] as const)
    await handle.db
      .insertInto('audit_log')
      .values({ tenant_id: tenantId, actor: 'test', action, details: '{}', at: new Date(at) })
      .execute();
});
afterAll(async () => {
  await handle.destroy();
});

const actions = async () =>
  (await handle.db.selectFrom('audit_log').select('action').orderBy('at').execute()).map((r) => r.action);

describe('audit retention', () => {
  it('defaults to 6 years and refuses less', () => {
    expect(loadConfig({}).auditRetentionYears).toBe(6);
    expect(loadConfig({ TEAMPULSE_AUDIT_RETENTION_YEARS: '10' }).auditRetentionYears).toBe(10);
    expect(() => loadConfig({ TEAMPULSE_AUDIT_RETENTION_YEARS: '5' })).toThrow(/TEAMPULSE_AUDIT_RETENTION_YEARS/);
  });

  it('a longer retention keeps more; the daily job deletes only rows past the configured years', async () => {
    expect(await purgeAuditLog(handle.db, { years: 10, now: NOW })).toBe(1);
    expect(await actions()).toEqual(['seven-years', 'five-years', 'today']);
    await purgeAuditLogJob({ db: handle.db, years: 6 }).run({ now: NOW });
    expect(await actions()).toEqual(['five-years', 'today']);
  });

  it('younger rows can be neither deleted nor edited', async () => {
    await expect(sql`delete from audit_log where action = 'five-years'`.execute(handle.db)).rejects.toThrow(
      /kept for 6 years/,
    );
    await expect(sql`update audit_log set actor = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/);
    expect(await actions()).toEqual(['five-years', 'today']);
  });
});
