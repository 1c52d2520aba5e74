// The operator's view of a tenant's API tokens: list them, revoke one. Both audited; secrets never shown again.
import type { Db } from '../../storage/database.js';
import { findApiToken, listApiTokens, revokeApiToken } from '../../storage/repositories/tokens.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import type { Role } from '../../storage/tables/directory.js';
import { requireTenant } from '../directory/tenants.js';
import { NotFoundError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** active: accepted; revoked: refused since revokedAt; inactive: its employee has left (refused). */
export type TokenStatus = 'active' | 'revoked' | 'inactive';

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  status: TokenStatus;
  employeeId: string | null;
  employeeExternalId: string | null;
  scopeTeamId: string | null;
  scopeTeamExternalId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export async function listTokens(db: Db, input: { tenantSlug: string }): Promise<TokenView[]> {
  const tenant = await requireTenant(db, input.tenantSlug);
  const rows = await listApiTokens(db, tenant.id);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.revoked_at ? 'revoked' : row.employee_id && row.employee_status !== 'active' ? 'inactive' : 'active',
    employeeId: row.employee_id,
    employeeExternalId: row.employee_external_id,
    scopeTeamId: row.scope_team_id,
    scopeTeamExternalId: row.scope_team_external_id,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }));
}

export interface RevokeTokenInput {
  tenantSlug: string;
  id: string;
  actor: string;
  now?: Date;
}

export interface RevokedToken {
  id: string;
  name: string;
  role: Role;
  revokedAt: string;
  /** True when it had been revoked before this call (nothing changed, nothing audited). */
  alreadyRevoked: boolean;
}

const revocationOf = (
  token: { id: string; name: string; role: Role; revoked_at: Date | null },
  alreadyRevoked: boolean,
): RevokedToken => ({
  id: token.id,
  name: token.name,
  role: token.role,
  revokedAt: iso(token.revoked_at)!,
  alreadyRevoked,
});

/** Revokes a token of the tenant by the id `token create --json` printed; its next request gets 401. */
export async function revokeToken(db: Db, input: RevokeTokenInput): Promise<RevokedToken> {
  const tenant = await requireTenant(db, input.tenantSlug);
  const missing = () =>
    new NotFoundError(`no token "${input.id}" in tenant "${tenant.slug}" (see "teampulse token list")`, [
      { path: '/id', message: 'is not a token of this tenant' },
    ]);
  if (!UUID.test(input.id)) throw missing();
  return db.transaction().execute(async (trx) => {
    const before = await findApiToken(trx, tenant.id, input.id);
    if (!before) throw missing();
    if (before.revoked_at) return revocationOf(before, true);
    const after = (await revokeApiToken(trx, tenant.id, input.id, input.now ?? new Date()))!;
    await recordAudit(trx, {
      tenantId: tenant.id,
      actor: input.actor,
      action: 'token.revoke',
      subjectType: 'api_token',
      subjectId: after.id,
      details: { role: after.role, name: after.name },
    });
    return revocationOf(after, false);
  });
}
