// "Who am I": the tenant, role, person and sub-trees behind a caller, as every surface shows it.
import type { Access } from './access.js';
import type { Role } from './actor.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';

export interface CallerView {
  tenant: { slug: string; name: string; locale: string; timezone: string };
  role: Role;
  employeeId: string | null;
  employee: { id: string; externalId: string; name: string } | null;
  /** The team sub-trees the caller is limited to (null: the whole tenant). */
  scope: { id: string; externalId: string; name: string }[] | null;
}

export async function describeCaller(access: Access): Promise<CallerView> {
  const { actor, db, tenantId } = access;
  const tenant = await access.tenant();
  const person = actor.employeeId ? await findEmployeeByRef(db, tenantId, actor.employeeId) : undefined;
  const scope =
    actor.teams === null
      ? null
      : (await Promise.all(actor.teams.map((id) => findTeamByRef(db, tenantId, id))))
          .filter((t) => t !== undefined)
          .map((t) => ({ id: t.id, externalId: t.external_id, name: t.name }));
  return {
    tenant: { slug: tenant.slug, name: tenant.name, locale: tenant.locale, timezone: tenant.timezone },
    role: actor.role,
    employeeId: actor.employeeId,
    employee: person ? { id: person.id, externalId: person.external_id, name: person.display_name } : null,
    scope,
  };
}
