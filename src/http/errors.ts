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

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { details?: unknown }, request, reply) => {
    if (error.validation) {
      const details = error.validation.map((v) => ({
        path: `/${error.validationContext ?? 'body'}${v.instancePath}${
          v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty)}` : ''
        }`,
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send({ error: 'bad_request', message: 'request validation failed', details } satisfies ErrorBody);
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
    return reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody);
  });
}
