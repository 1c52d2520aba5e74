// Field-level rules on alert DMs: reasons about a leave type the tenant marks sensitive never reach a manager; HR
// (when the alert is routed to HR) still reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createAlertOrg, putEmployeeScore } from './alerts-fixtures.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const now = new Date('2026-11-25T04:00:00Z');
const reasons = [
  { code: 'team_msgs_change', params: { change: -60, teamChange: 0, adjusted: -60 }, contribution: 40 },
  { code: 'personal_leave_change', params: { change: 40, days: 3, window: 14, expected: 1 }, contribution: 30 },
];

async function alertText(slug: string, settings: Record<string, unknown>): Promise<string> {
  const org = await createAlertOrg(database.db, slug, { settings });
  await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 85, reasons);
  await planAlerts({ db: database.db, quietHours: true, now: () => now }, org.tenantId, '2026-11-25');
  const rows = await database.db
    .selectFrom('outbox')
    .select(['message', 'recipient_employee_id'])
    .where('tenant_id', '=', org.tenantId)
    .execute();
  expect(rows.map((r) => r.recipient_employee_id)).toEqual([org.people.salesMgr]);
  return (rows[0]!.message as { fallbackText: string }).fallbackText;
}

describe('alert DMs follow the field-level rules', () => {
  it('a manager is told about personal leave unless the tenant marks it sensitive', async () => {
    expect(await alertText('fields-open', {})).toContain('personal leave +40%');
    const hidden = await alertText('fields-sensitive', { sensitiveLeaveTypes: ['personal'] });
    expect(hidden).not.toContain('personal leave');
    expect(hidden).toContain('team-channel messages −60%');
  });
});
