// A small org for alert tests: ceo → headSales → salesMgr → (rep1, rep2); hr with a tenant-wide grant.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';
import { createTenant } from '../helpers/fixtures.js';

export interface AlertOrg {
  tenantId: string;
  teams: { company: string; sales: string; salesEast: string };
  people: Record<'ceo' | 'headSales' | 'salesMgr' | 'rep1' | 'rep2' | 'hr', string>;
}

export async function createAlertOrg(
  db: Kysely<Database>,
  slug: string,
  options: { locale?: 'en' | 'zh-CN'; quietHours?: boolean; settings?: Record<string, unknown> } = {},
): Promise<AlertOrg> {
  const tenant = await createTenant(db, slug, {
    locale: options.locale ?? 'en',
    quiet_hours: options.quietHours ?? false,
  });
  if (options.settings)
    await db
      .updateTable('tenants')
      .set({ settings: JSON.stringify(options.settings) })
      .where('id', '=', tenant.id)
      .execute();
  const team = async (externalId: string, name: string, parentId: string | null) =>
    (
      await db
        .insertInto('teams')
        .values({ tenant_id: tenant.id, external_id: externalId, name, parent_id: parentId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const company = await team('company', 'Company', null);
  const sales = await team('sales', 'Sales', company);
  const salesEast = await team('sales-east', 'Sales East', sales);
  const person = async (externalId: string, name: string, teamId: string, managerId: string | null) =>
    (
      await db
        .insertInto('employees')
        .values({
          tenant_id: tenant.id,
          external_id: externalId,
          display_name: name,
          team_id: teamId,
          manager_id: managerId,
          hire_date: '2024-01-01',
          email: null,
          left_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ceo = await person('E0', 'Chen Yu', company, null);
  const headSales = await person('E1', 'Zhou Min', sales, ceo);
  const salesMgr = await person('E2', 'Wang Qiang', salesEast, headSales);
  const rep1 = await person('E3', 'Li Na', salesEast, salesMgr);
  const rep2 = await person('E4', 'Sun Hao', salesEast, salesMgr);
  const hr = await person('E5', 'Liu Fang', company, ceo);
  await db
    .insertInto('role_grants')
    .values({ tenant_id: tenant.id, employee_id: hr, role: 'hr', scope_team_id: null })
    .execute();
  return {
    tenantId: tenant.id,
    teams: { company, sales, salesEast },
    people: { ceo, headSales, salesMgr, rep1, rep2, hr },
  };
}

export const seedReasons = [
  { code: 'team_msgs_drop', params: { pct: 60 }, contribution: 30 },
  { code: 'leave_rise', params: { pct: 40 }, contribution: 25 },
  { code: 'help_drop', params: { before: 5, after: 0 }, contribution: 20 },
  { code: 'manager_left', params: { days: 21 }, contribution: 10 },
];

export async function putEmployeeScore(
  db: Kysely<Database>,
  tenantId: string,
  employeeId: string,
  asOf: string,
  level: 'low' | 'medium' | 'high',
  score: number,
  reasons: unknown[] = seedReasons,
): Promise<void> {
  await db
    .insertInto('employee_scores')
    .values({
      tenant_id: tenantId,
      employee_id: employeeId,
      as_of: asOf,
      status: 'scored',
      risk_score: score,
      risk_level: level,
      reasons: JSON.stringify(reasons),
      features: JSON.stringify({}),
      collaboration_score: 60,
      collaboration_components: JSON.stringify({}),
      rule_version: 0,
    })
    .execute();
}

export async function putTeamScore(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
  asOf: string,
  tier: 'positive' | 'neutral' | 'negative',
  score: number,
): Promise<void> {
  await db
    .insertInto('team_scores')
    .values({
      tenant_id: tenantId,
      team_id: teamId,
      as_of: asOf,
      score,
      tier,
      drivers: JSON.stringify([{ code: 'help_drop', params: { pct: 70 }, contribution: 20 }]),
      member_count: 3,
    })
    .execute();
}
