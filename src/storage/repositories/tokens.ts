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

/** The unrevoked token behind this secret (whatever became of its employee). */
export async function findActiveToken(db: Db, token: string): Promise<ApiToken | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The token behind this secret if it may still be used: not revoked, and — when it acts for an employee — that
 * employee has not left.
 */
export async function findUsableToken(db: Db, token: string): Promise<ApiToken | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('employees as e', 'e.id', 't.employee_id')
    .selectAll('t')
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.employee_id', 'is', null), eb('e.status', '=', 'active')]))
    .executeTakeFirst();
}

/**
 * Records a use of the token unless one was recorded less than `minIntervalMs` before `now` (the condition is in
 * the UPDATE, so replicas coalesce too). Returns whether a row was written.
 */
export async function touchTokenLastUsed(db: Db, id: string, now: Date, minIntervalMs: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(now.getTime() - minIntervalMs))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface ApiTokenListing extends ApiToken {
  employee_external_id: string | null;
  employee_status: string | null;
  scope_team_external_id: string | null;
}

/** Every token of the tenant (revoked ones too), oldest first. */
export async function listApiTokens(db: Db, tenantId: string): Promise<ApiTokenListing[]> {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('employees as e', 'e.id', 't.employee_id')
    .leftJoin('teams as s', 's.id', 't.scope_team_id')
    .selectAll('t')
    .select(['e.external_id as employee_external_id', 'e.status as employee_status'])
    .select('s.external_id as scope_team_external_id')
    .where('t.tenant_id', '=', tenantId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

export async function findApiToken(db: Db, tenantId: string, id: string): Promise<ApiToken | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where((eb) => eb.and({ tenant_id: tenantId, id }))
    .executeTakeFirst();
}

/** Revokes the token (a no-op when it already is); returns the row as it is afterwards. */
export async function revokeApiToken(db: Db, tenantId: string, id: string, now: Date): Promise<ApiToken | undefined> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where((eb) => eb.and({ tenant_id: tenantId, id }))
    .where('revoked_at', 'is', null)
    .execute();
  return findApiToken(db, tenantId, id);
}
