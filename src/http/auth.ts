// Bearer-token authentication for /api/v1. The token decides the tenant: no request can name another one. The
// lookup itself is a use case (src/app/tokens); this edge parses the header, answers 401, and rate-limits failed
// attempts per client address (request.ip, which honours the trustProxy setting) with @fastify/rate-limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AuthenticatedToken, TokenAuthenticator } from '../app/tokens/index.js';

/** The authenticated token (src/app/tokens) and the audit actor string for this caller. */
export interface AuthContext extends AuthenticatedToken {
  actor: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

export interface AuthFailureLimit {
  /** Failed attempts (a bearer token that is unknown, revoked or of someone who left) allowed per address… */
  max: number;
  /** …in this window; one more and the address gets 429 with Retry-After until the window ends. */
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { max: 30, windowMs: 60_000 };

const unauthorized = (reply: FastifyReply, message: string) =>
  reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message });

const tooMany = (reply: FastifyReply, seconds: number) =>
  reply
    .status(429)
    .header('retry-after', String(Math.max(1, seconds)))
    .send({
      error: 'too_many_requests',
      message: `too many failed authentication attempts from this address; retry in ${Math.max(1, seconds)} s`,
    });

/** Addresses over the limit, until when (ms). Bounded: the oldest entries go first when it is full. */
class Blocked {
  readonly #until = new Map<string, number>();
  get(key: string, now: number): number {
    const until = this.#until.get(key);
    if (until === undefined) return 0;
    if (until <= now) {
      this.#until.delete(key);
      return 0;
    }
    return until;
  }
  set(key: string, until: number): void {
    if (this.#until.size >= 10_000) this.#until.delete(this.#until.keys().next().value!);
    this.#until.set(key, until);
  }
}

/**
 * Registers the rate-limit plugin (global: false — only failed authentications count) and returns the onRequest
 * hook for the API's scope. An address over the limit is refused before its token is looked at.
 */
export async function bearerAuth(
  app: FastifyInstance,
  authenticator: TokenAuthenticator,
  limit: AuthFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT,
) {
  await app.register(rateLimit, { global: false });
  const countFailure = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => request.ip,
  });
  const blocked = new Blocked();

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const until = blocked.get(request.ip, Date.now());
    if (until > 0) return tooMany(reply, Math.ceil((until - Date.now()) / 1000));
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    // No bearer token at all is a mistake, not a guess: only presented tokens count as failed attempts.
    if (!match?.[1]) return unauthorized(reply, 'missing bearer token (Authorization: Bearer <token>)');
    const token = await authenticator.authenticate(match[1]);
    if (!token) {
      const counted = await countFailure(request);
      if (!counted.isAllowed && counted.isExceeded) {
        blocked.set(request.ip, Date.now() + counted.ttl);
        return tooMany(reply, counted.ttlInSeconds);
      }
      return unauthorized(reply, 'invalid or revoked token');
    }
    request.auth = { ...token, actor: `token:${token.tokenId}` };
  };
}
