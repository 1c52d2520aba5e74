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
