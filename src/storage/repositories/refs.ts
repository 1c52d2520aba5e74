// Resolving a person or team by either reference HR systems and clients use:
// the internal uuid or the external id (the id the HR system knows). Always scoped to one tenant.
import type { Db } from '../database.js';
import type { Employee, Team } from '../tables/directory.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export async function findEmployeeByRef(db: Db, tenantId: string, ref: string): Promise<Employee | undefined> {
  return (
    db
      .selectFrom('employees')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        isUuid(ref) ? eb.or([eb('id', '=', ref), eb('external_id', '=', ref)]) : eb('external_id', '=', ref),
      )
      // An external id that happens to look like another row's uuid: prefer the exact external-id match.
      .orderBy((eb) => eb.case().when('external_id', '=', ref).then(0).else(1).end())
      .executeTakeFirst()
  );
}

export async function findTeamByRef(db: Db, tenantId: string, ref: string): Promise<Team | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      isUuid(ref) ? eb.or([eb('id', '=', ref), eb('external_id', '=', ref)]) : eb('external_id', '=', ref),
    )
    .orderBy((eb) => eb.case().when('external_id', '=', ref).then(0).else(1).end())
    .executeTakeFirst();
}
