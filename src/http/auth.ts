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
  scopeLegalEntity: string | null;
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
      scopeLegalEntity: token.scope_legal_entity,
      actor: `token:${token.id}`,
    };
  };
}
