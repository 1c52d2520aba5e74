// One error shape for every failure: { error, message, details? }.
// Validation failures list every failing field path; nothing leaks stack traces to clients.
import type { FastifyError, FastifyInstance } from 'fastify';

export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  503: 'unavailable',
};

export function errorCodeFor(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'internal_error' : 'error');
}

/** Thrown by handlers for a 400 that did not come from schema validation (e.g. per-item checks). */
export class BadRequestError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

type ValidationItem = NonNullable<FastifyError['validation']>[number];

/**
 * One {path, message} per failing field. Paths point at the field itself (a missing or unexpected property is
 * named); the noise of nullable unions ("must be null", "must match a schema in anyOf") is dropped.
 */
export function validationDetails(
  context: string,
  items: readonly ValidationItem[],
): { path: string; message: string }[] {
  const params = (v: ValidationItem) =>
    v.params as { missingProperty?: string; additionalProperty?: string; type?: string };
  const meaningful = items.filter((v) => !(v.keyword === 'type' && params(v).type === 'null'));
  const kept = meaningful.filter(
    (v) =>
      v.keyword !== 'anyOf' ||
      !meaningful.some((o) => o !== v && o.keyword !== 'anyOf' && o.instancePath === v.instancePath),
  );
  const seen = new Set<string>();
  const details: { path: string; message: string }[] = [];
  for (const v of kept) {
    let path = `/${context}${v.instancePath}`;
    if (v.keyword === 'required') path += `/${String(params(v).missingProperty)}`;
    if (v.keyword === 'additionalProperties') path += `/${String(params(v).additionalProperty)}`;
    const message = v.keyword === 'additionalProperties' ? 'is not a known property' : (v.message ?? 'is invalid');
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { details?: unknown }, request, reply) => {
    if (error.validation) {
      const details = validationDetails(error.validationContext ?? 'body', error.validation);
      return reply
        .status(400)
        .send({ error: 'bad_request', message: 'request validation failed', details } satisfies ErrorBody);
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = {
      error: errorCodeFor(status),
      message: status >= 500 ? 'internal error' : error.message,
    };
    if (error.details !== undefined && status < 500) body.details = error.details;
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    } satisfies ErrorBody);
  });
}
