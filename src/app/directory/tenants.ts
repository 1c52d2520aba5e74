// Tenants and API tokens: creation with validation (used by the CLI; the checks live here so any other caller
// gets the same rules).
import type { Db } from '../../storage/database.js';
import type { Locale, Role, Tenant } from '../../storage/tables/directory.js';
import { findTenantBySlug, insertTenant, listTenants } from '../../storage/repositories/tenants.js';
import { createApiToken } from '../../storage/repositories/tokens.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { isValidTimeZone } from '../../config.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { isKnownRegion, normaliseRegion, regionForTimeZone } from '../../core/calendar/index.js';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const ROLES: readonly Role[] = ['employee', 'manager', 'hr', 'admin'];
/** Lower-case letters, digits and inner hyphens; 2–63 characters (fits DNS labels and URLs). */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

/** A role named by the caller (CLI, API); refused unless it is one of ROLES. */
export function requireRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new InvalidInputError(`invalid role "${role}": use one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** The id of the tenant's person or team named by external (or internal) id; NotFoundError names the tenant. */
export async function requireRefId(
  db: Db,
  tenant: { id: string; slug: string },
  kind: 'employee' | 'team',
  ref: string,
): Promise<string> {
  const found =
    kind === 'employee' ? await findEmployeeByRef(db, tenant.id, ref) : await findTeamByRef(db, tenant.id, ref);
  if (!found) throw new NotFoundError(`unknown ${kind} "${ref}" in tenant "${tenant.slug}"`);
  return found.id;
}

export interface CreateTenantInput {
  slug: string;
  name: string;
  locale: string;
  timezone: string;
  legalEntity?: string | null;
  quietHours?: boolean;
  /** Holiday region of the working calendar; undefined ⇒ from the time zone, null ⇒ working weekdays only. */
  region?: string | null;
  actor: string;
}

export async function createTenant(db: Db, input: CreateTenantInput): Promise<Tenant> {
  if (!SLUG.test(input.slug)) {
    throw new InvalidInputError(
      `invalid slug "${input.slug}": use 2–63 lower-case letters, digits and hyphens (e.g. acme-sh)`,
    );
  }
  if (!input.name.trim()) throw new InvalidInputError('the tenant name must not be blank');
  if (!(LOCALES as readonly string[]).includes(input.locale)) {
    throw new InvalidInputError(`invalid locale "${input.locale}": use ${LOCALES.join(' or ')}`);
  }
  if (!isValidTimeZone(input.timezone)) {
    throw new InvalidInputError(`unknown IANA time zone "${input.timezone}" (e.g. Asia/Shanghai, Europe/Berlin)`);
  }
  let region = input.region === undefined ? regionForTimeZone(input.timezone) : input.region;
  if (region !== null) {
    const code = normaliseRegion(region);
    if (code === null || !(await isKnownRegion(code)))
      throw new InvalidInputError(
        `unknown region "${region}": a country code (CN, GB, US), a subdivision (GB-ENG) or none`,
      );
    region = code;
  }
  if (await findTenantBySlug(db, input.slug))
    throw new ConflictError(`a tenant with slug "${input.slug}" already exists`);
  try {
    const tenant = await insertTenant(db, {
      slug: input.slug,
      name: input.name.trim(),
      locale: input.locale as Locale,
      timezone: input.timezone,
      legal_entity: input.legalEntity ?? null,
      quiet_hours: input.quietHours ?? true,
      region,
    });
    await recordAudit(db, {
      tenantId: tenant.id,
      actor: input.actor,
      action: 'tenant.create',
      subjectType: 'tenant',
      subjectId: tenant.id,
    });
    return tenant;
  } catch (error) {
    // Lost a race with another process creating the same slug.
    if ((error as { code?: string }).code === '23505')
      throw new ConflictError(`a tenant with slug "${input.slug}" already exists`);
    throw error;
  }
}

/** Every tenant of this deployment, by slug (the operator's view). */
export async function allTenants(db: Db): Promise<Tenant[]> {
  return listTenants(db);
}

export async function requireTenant(db: Db, slug: string): Promise<Tenant> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new NotFoundError(`unknown tenant "${slug}" (see "teampulse tenant list")`);
  return tenant;
}

export interface IssueTokenInput {
  tenantSlug: string;
  role: string;
  /** External id (or internal id) of the employee the token acts for. */
  employee?: string;
  /** External id (or internal id) of a team: the token sees that sub-tree only. */
  scopeTeam?: string;
  /** A legal entity: the token sees that entity's people and teams only. */
  scopeEntity?: string;
  name?: string;
  actor: string;
}

export async function issueToken(db: Db, input: IssueTokenInput) {
  const role = requireRole(input.role);
  const tenant = await requireTenant(db, input.tenantSlug);
  const employeeId = input.employee === undefined ? null : await requireRefId(db, tenant, 'employee', input.employee);
  if (input.scopeTeam !== undefined && input.scopeEntity !== undefined)
    throw new InvalidInputError('a token is limited to a team or to a legal entity, not both');
  const scopeTeamId = input.scopeTeam === undefined ? null : await requireRefId(db, tenant, 'team', input.scopeTeam);
  const { token, row } = await createApiToken(db, {
    tenantId: tenant.id,
    role,
    employeeId,
    scopeTeamId,
    scopeLegalEntity: input.scopeEntity ?? null,
    ...(input.name !== undefined ? { name: input.name } : {}),
  });
  await recordAudit(db, {
    tenantId: tenant.id,
    actor: input.actor,
    action: 'token.create',
    subjectType: 'api_token',
    subjectId: row.id,
    details: { role: row.role, name: row.name, employeeId, scopeTeamId, scopeLegalEntity: input.scopeEntity ?? null },
  });
  return { token, row, tenant };
}
