// The HTTP side of access: the caller behind a bearer token as an Actor, and the role gate routes declare. The
// decisions themselves live in src/app/access.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../storage/database.js';
import { Access, refusal, tokenActor, type Capability } from '../app/access/index.js';
import { ForbiddenError } from '../app/errors.js';

const cache = new WeakMap<FastifyRequest, Access>();

/** The Access of this request's caller (one per request, so its lookups are shared by the handler). */
export function accessOf(db: Db, request: FastifyRequest): Access {
  let access = cache.get(request);
  if (!access) {
    access = new Access(db, tokenActor(request.auth));
    cache.set(request, access);
  }
  return access;
}

/**
 * preValidation gate for a route's capability: a caller whose role may not use the route at all gets 403 before its
 * input is validated, so it learns nothing from 400s. The use case checks again (it is the authority).
 */
export function permit(capability: Capability) {
  return async function gate(request: FastifyRequest): Promise<void> {
    const reason = refusal(tokenActor(request.auth), capability);
    if (reason !== null) throw new ForbiddenError(reason);
  };
}
