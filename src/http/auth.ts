// Bearer-token authentication for /api/v1. The token decides the tenant: no request can name another one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import type { Role } from '../storage/tables/directory.js';
import { findActiveToken } from '../storage/repositories/tokens.js';

export interface AuthContext {
  tenantId: string;
  role: Role;
  tokenId: string;
  employeeId: string | null;
  scopeTeamId: string | null;
  /** Audit actor string for this caller. */
  actor: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

const unauthorized = (reply: FastifyReply, message: string) =>
  reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message });

export function bearerAuth(db: Kysely<Database>) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return unauthorized(reply, 'missing bearer token (Authorization: Bearer <token>)');
    const token = await findActiveToken(db, match[1]);
    if (!token) return unauthorized(reply, 'invalid or revoked token');
    request.auth = {
      tenantId: token.tenant_id,
      role: token.role,
      tokenId: token.id,
      employeeId: token.employee_id,
      scopeTeamId: token.scope_team_id,
      actor: `token:${token.id}`,
    };
  };
}

const RANK: Record<Role, number> = { employee: 0, manager: 1, hr: 2, admin: 3 };

/** preHandler that requires at least the given role (admin ⊇ hr ⊇ manager ⊇ employee). */
export function requireRole(minimum: Role) {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (RANK[request.auth.role] < RANK[minimum]) {
      return reply.status(403).send({ error: 'forbidden', message: `this route needs the ${minimum} role or above` });
    }
  };
}

/** preValidation for tenant-wide writes (directory upserts): a token scoped to a team sub-tree may not make them. */
export async function refuseScopedTokens(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.auth.scopeTeamId !== null) {
    return reply
      .status(403)
      .send({ error: 'forbidden', message: 'a token scoped to a team sub-tree cannot change the whole directory' });
  }
}
