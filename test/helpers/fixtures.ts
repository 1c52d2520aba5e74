// Small builders for directory rows used across integration tests.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';
import { createApiToken } from '../../src/storage/repositories/tokens.js';
import type { Role } from '../../src/storage/tables/directory.js';

export async function createTenant(
  db: Kysely<Database>,
  slug: string,
  overrides: Partial<{ name: string; locale: 'zh-CN' | 'en'; timezone: string; quiet_hours: boolean }> = {},
) {
  return db
    .insertInto('tenants')
    .values({
      slug,
      name: overrides.name ?? slug,
      locale: overrides.locale ?? 'en',
      timezone: overrides.timezone ?? 'Asia/Shanghai',
      legal_entity: null,
      quiet_hours: overrides.quiet_hours ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createToken(db: Kysely<Database>, tenantId: string, role: Role = 'admin', employeeId?: string) {
  const { token } = await createApiToken(db, { tenantId, role, employeeId: employeeId ?? null });
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A person with only an external id, a name and maybe an e-mail (no team, manager or dates); returns the id. */
export async function createEmployee(
  db: Kysely<Database>,
  tenantId: string,
  externalId: string,
  overrides: Partial<{ displayName: string; email: string }> = {},
): Promise<string> {
  const row = await db
    .insertInto('employees')
    .values({
      tenant_id: tenantId,
      external_id: externalId,
      display_name: overrides.displayName ?? externalId,
      email: overrides.email ?? null,
      team_id: null,
      manager_id: null,
      hire_date: null,
      left_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
