// `teampulse role grant|revoke|list`: HR contacts are what alert routing falls back to when no manager can be
// reached, so granting one must change where such an alert goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { createTenant } from '../helpers/fixtures.js';
import { loadTenantDirectory } from '../../src/app/alerts/directory.js';
import { routeEmployeeAlert } from '../../src/core/alerts/index.js';

describe('role grants CLI', () => {
  let handle: TestDatabase;
  let tenantId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'acme')).id;
    await createTenant(handle.db, 'other');
    const team = await handle.db
      .insertInto('teams')
      .values({ tenant_id: tenantId, external_id: 'sales', name: 'Sales', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [externalId, name] of [
      ['E1', 'Li Na'],
      ['HR1', 'Chen Hong'],
    ] as const) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: externalId,
          display_name: name,
          email: null,
          team_id: team.id,
          manager_id: null,
          hire_date: null,
          left_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[externalId] = row.id;
    }
  });
  afterAll(async () => handle.destroy());

  it('grants HR for a team sub-tree, idempotently, and routing then reaches that HR contact', async () => {
    const before = routeEmployeeAlert((await loadTenantDirectory(handle.db, tenantId)).snapshot, ids.E1!);
    expect(before.recipientIds).toEqual([]);

    const granted = await runCliWith(handle, [
      'role',
      'grant',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'hr',
      '--team',
      'sales',
    ]);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toBe('granted hr to HR1 for team sales and below\n');
    const again = await runCliWith(handle, [
      'role',
      'grant',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'hr',
      '--team',
      'sales',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toEqual({ created: false });

    const after = routeEmployeeAlert((await loadTenantDirectory(handle.db, tenantId)).snapshot, ids.E1!);
    expect(after.recipientIds).toEqual([ids.HR1]);
    expect(after.routedVia).toBe('hr');

    const list = await runCliWith(handle, ['role', 'list', '--tenant', 'acme', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { role: 'hr', employeeExternalId: 'HR1', scopeTeamExternalId: 'sales' },
    ]);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'role.grant')
      .execute();
    expect(audit).toEqual([{ action: 'role.grant', subject_id: ids.HR1 }]);
  });

  it('revokes, and says so when there is nothing to revoke', async () => {
    const revoked = await runCliWith(handle, [
      'role',
      'revoke',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'hr',
      '--team',
      'sales',
    ]);
    expect(revoked.code).toBe(0);
    expect((await runCliWith(handle, ['role', 'list', '--tenant', 'acme'])).stdout).toBe('no role grants\n');
    const nothing = await runCliWith(handle, [
      'role',
      'revoke',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'hr',
    ]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe('teampulse: HR1 has no hr grant for the whole tenant\n');
  });

  it('rejects unknown people, teams, tenants and roles with one line; never crosses tenants', async () => {
    const unknownPerson = await runCliWith(handle, [
      'role',
      'grant',
      '--tenant',
      'other',
      '--employee',
      'HR1',
      '--role',
      'hr',
    ]);
    expect(unknownPerson.code).toBe(1);
    expect(unknownPerson.stderr).toBe('teampulse: unknown employee "HR1" in tenant "other"\n');
    const unknownTeam = await runCliWith(handle, [
      'role',
      'grant',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'hr',
      '--team',
      'nope',
    ]);
    expect(unknownTeam.stderr).toBe('teampulse: unknown team "nope" in tenant "acme"\n');
    const badRole = await runCliWith(handle, [
      'role',
      'grant',
      '--tenant',
      'acme',
      '--employee',
      'HR1',
      '--role',
      'boss',
    ]);
    expect(badRole.code).toBe(2);
  });
});
