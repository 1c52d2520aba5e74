// Stores a synthetic organisation: tenant, teams, employees (managers in a second pass), identities, roles, and the
// rollups, edges and coverage in multi-row batches with ON CONFLICT so a rerun refreshes instead of failing.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { ROLLUP_METRICS } from '../core/scoring/types.js';
import { upsertIdsByExternalId, upsertInBatches } from '../storage/repositories/upsert.js';
import type { SyntheticOrganisation } from './types.js';

export interface WrittenOrganisation {
  tenantId: string;
  teamIds: Record<string, string>;
  employeeIds: Record<string, string>;
}

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
  return upsertIdsByExternalId(
    db,
    { table: 'teams', key: ['tenant_id', 'external_id'], refresh: ['name'] },
    org.teams.map((t) => ({ tenant_id: tenantId, external_id: t.externalId, name: t.name, parent_id: null })),
  );
}

/** Employees without their managers (a manager may come later in the list). */
async function writeEmployees(
  db: Kysely<Database>,
  org: SyntheticOrganisation,
  tenantId: string,
  teamIds: Record<string, string>,
) {
  const refresh = ['display_name', 'team_id', 'hire_date', 'status', 'left_at'] as const;
  return upsertIdsByExternalId(
    db,
    { table: 'employees', key: ['tenant_id', 'external_id'], refresh },
    org.employees.map((e) => ({
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
  );
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
  await upsertInBatches(
    db,
    { table: 'platform_identities', key: [], refresh: [] },
    org.identities.map((i) => ({
      tenant_id: tenantId,
      employee_id: employeeIds[i.employeeExternalId]!,
      platform: i.platform,
      platform_user_id: i.platformUserId,
      dm_conversation_id: null,
    })),
  );
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
  await upsertInBatches(
    db,
    { table: 'daily_rollups', key: ['tenant_id', 'employee_id', 'day'], refresh: ROLLUP_METRICS },
    org.rollups.map((r) => {
      const row = { tenant_id: tenantId, employee_id: employeeIds[r.employeeExternalId]!, day: r.day };
      return Object.assign(row, Object.fromEntries(ROLLUP_METRICS.map((metric) => [metric, r[metric]])));
    }),
  );
  await upsertInBatches(
    db,
    { table: 'interaction_edges', key: ['tenant_id', 'from_employee_id', 'to_employee_id', 'day'], refresh: ['count'] },
    org.edges.map((e) => ({
      tenant_id: tenantId,
      from_employee_id: employeeIds[e.fromExternalId]!,
      to_employee_id: employeeIds[e.toExternalId]!,
      day: e.day,
      count: e.count,
    })),
  );
  await upsertInBatches(
    db,
    { table: 'signal_coverage', key: ['tenant_id', 'source', 'signal_class', 'day'], refresh: ['events'] },
    org.coverage.map((c) => ({
      tenant_id: tenantId,
      source: c.source,
      signal_class: c.signalClass,
      day: c.day,
      events: c.events,
    })),
  );
}
