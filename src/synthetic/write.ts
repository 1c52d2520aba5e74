// Stores a synthetic organisation: tenant, teams, employees (managers in a second pass), identities, roles, and the
// rollups, edges and coverage in multi-row batches with ON CONFLICT so a rerun refreshes instead of failing.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { ROLLUP_METRICS } from '../core/scoring/types.js';
import { chunked } from '../storage/repositories/chunks.js';
import type { SyntheticOrganisation } from './types.js';

export interface WrittenOrganisation {
  tenantId: string;
  teamIds: Record<string, string>;
  employeeIds: Record<string, string>;
}

const BATCH = 500;
const chunks = <T>(items: readonly T[]): T[][] => chunked(items, BATCH);

export async function writeSyntheticOrganisation(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
): Promise<WrittenOrganisation> {
  const written = await writeDirectory(db, org);
  await writeHistory(db, org, written);
  return written;
}

/** The tenant, its teams, employees (managers in a second pass), platform identities and role grants. */
async function writeDirectory(db: Kysely<Database>, org: SyntheticOrganisation): Promise<WrittenOrganisation> {
  const tenantId = await writeTenant(db, org);
  const teamIds = await writeTeams(db, org, tenantId);
  const employeeIds = await writeEmployees(db, org, tenantId, teamIds);
  await writeManagers(db, org, tenantId, employeeIds);
  await writeIdentities(db, org, tenantId, employeeIds);
  await writeRoles(db, org, { tenantId, teamIds, employeeIds });
  return { tenantId, teamIds, employeeIds };
}

async function writeTenant(db: Kysely<Database>, org: SyntheticOrganisation): Promise<string> {
  const tenant = await db
    .insertInto('tenants')
    .values({
      slug: org.tenant.slug,
      name: org.tenant.name,
      locale: org.tenant.locale,
      timezone: org.tenant.timezone,
      region: org.tenant.region ?? null,
      legal_entity: null,
    })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ name: org.tenant.name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return tenant.id;
}

async function writeTeams(db: Kysely<Database>, org: SyntheticOrganisation, tenantId: string) {
  const teamIds: Record<string, string> = {};
  for (const batch of chunks(org.teams)) {
    const rows = await db
      .insertInto('teams')
      .values(batch.map((t) => ({ tenant_id: tenantId, external_id: t.externalId, name: t.name, parent_id: null })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'external_id']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })),
      )
      .returning(['id', 'external_id'])
      .execute();
    for (const row of rows) teamIds[row.external_id] = row.id;
  }
  return teamIds;
}

/** Employees without their managers (a manager may come later in the list). */
async function writeEmployees(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  tenantId: string,
  teamIds: Record<string, string>,
) {
  const employeeIds: Record<string, string> = {};
  for (const batch of chunks(org.employees)) {
    const rows = await db
      .insertInto('employees')
      .values(
        batch.map((e) => ({
          tenant_id: tenantId,
          external_id: e.externalId,
          display_name: e.displayName,
          email: e.email,
          team_id: teamIds[e.teamExternalId] ?? null,
          manager_id: null,
          hire_date: e.hireDate,
          status: e.status,
          left_at: e.leftAt ? new Date(e.leftAt) : null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'external_id']).doUpdateSet((eb) => ({
          display_name: eb.ref('excluded.display_name'),
          team_id: eb.ref('excluded.team_id'),
          hire_date: eb.ref('excluded.hire_date'),
          status: eb.ref('excluded.status'),
          left_at: eb.ref('excluded.left_at'),
        })),
      )
      .returning(['id', 'external_id'])
      .execute();
    for (const row of rows) employeeIds[row.external_id] = row.id;
  }
  return employeeIds;
}

async function writeManagers(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  tenantId: string,
  employeeIds: Record<string, string>,
): Promise<void> {
  for (const employee of org.employees) {
    if (!employee.managerExternalId) continue;
    await db
      .updateTable('employees')
      .set({ manager_id: employeeIds[employee.managerExternalId] ?? null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', employeeIds[employee.externalId]!)
      .execute();
  }
}

async function writeIdentities(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  tenantId: string,
  employeeIds: Record<string, string>,
): Promise<void> {
  for (const batch of chunks(org.identities)) {
    await db
      .insertInto('platform_identities')
      .values(
        batch.map((i) => ({
          tenant_id: tenantId,
          employee_id: employeeIds[i.employeeExternalId]!,
          platform: i.platform,
          platform_user_id: i.platformUserId,
          dm_conversation_id: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function writeRoles(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  { tenantId, teamIds, employeeIds }: WrittenOrganisation,
): Promise<void> {
  for (const role of org.roles) {
    await db
      .insertInto('role_grants')
      .values({
        tenant_id: tenantId,
        employee_id: employeeIds[role.employeeExternalId]!,
        role: role.role,
        scope_team_id: role.scopeTeamExternalId ? (teamIds[role.scopeTeamExternalId] ?? null) : null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The daily rollups, interaction edges and coverage, in multi-row batches. */
async function writeHistory(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  { tenantId, employeeIds }: WrittenOrganisation,
): Promise<void> {
  for (const batch of chunks(org.rollups)) {
    await db
      .insertInto('daily_rollups')
      .values(
        batch.map((r) => {
          const row: Record<string, unknown> = {
            tenant_id: tenantId,
            employee_id: employeeIds[r.employeeExternalId]!,
            day: r.day,
          };
          for (const metric of ROLLUP_METRICS) row[metric] = r[metric];
          return row as { tenant_id: string; employee_id: string; day: string };
        }),
      )
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'employee_id', 'day'])
          .doUpdateSet(
            Object.fromEntries(ROLLUP_METRICS.map((m) => [m, sql.ref(`excluded.${m}`)])) as Record<string, never>,
          ),
      )
      .execute();
  }
  for (const batch of chunks(org.edges)) {
    await db
      .insertInto('interaction_edges')
      .values(
        batch.map((e) => ({
          tenant_id: tenantId,
          from_employee_id: employeeIds[e.fromExternalId]!,
          to_employee_id: employeeIds[e.toExternalId]!,
          day: e.day,
          count: e.count,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'from_employee_id', 'to_employee_id', 'day'])
          .doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })),
      )
      .execute();
  }
  for (const batch of chunks(org.coverage)) {
    await db
      .insertInto('signal_coverage')
      .values(
        batch.map((c) => ({
          tenant_id: tenantId,
          source: c.source,
          signal_class: c.signalClass,
          day: c.day,
          events: c.events,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'source', 'signal_class', 'day'])
          .doUpdateSet((eb) => ({ events: eb.ref('excluded.events') })),
      )
      .execute();
  }
}
