// API tokens: random, shown once, stored only as a sha256 hash, scoped to one tenant and one role.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import type { ApiToken, Role } from '../tables/directory.js';

export const TOKEN_PREFIX = 'tp_';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewApiToken {
  tenantId: string;
  role: Role;
  name?: string;
  employeeId?: string | null;
  scopeTeamId?: string | null;
  scopeLegalEntity?: string | null;
}

/** Creates a token and returns its plaintext (the only time it exists outside the caller). */
export async function createApiToken(db: Db, input: NewApiToken): Promise<{ token: string; row: ApiToken }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_tokens')
    .values({
      tenant_id: input.tenantId,
      name: input.name ?? `${input.role} token`,
      token_hash: hashToken(token),
      role: input.role,
      employee_id: input.employeeId ?? null,
      scope_team_id: input.scopeTeamId ?? null,
      scope_legal_entity: input.scopeLegalEntity ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, row };
}

export async function findActiveToken(db: Db, token: string): Promise<ApiToken | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
