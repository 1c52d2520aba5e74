// The HTTP side of the one error model (src/app/errors.ts): every failure leaves the API as
// `{ error: <code>, message, details?: [{ path, message }] }`. Validation failures list every failing field path;
// nothing leaks stack traces or database messages to clients.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../app/errors.js';
import { FORMAT_MESSAGES } from '../core/validation/index.js';

export interface ErrorBody {
  error: string;
  message: string;
  details?: ErrorDetail[];
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
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

type ValidationItem = NonNullable<FastifyError['validation']>[number];

/**
 * One {path, message} per failing field. Paths point at the field itself (a missing or unexpected property is
 * named); the noise of nullable unions ("must be null", "must match a schema in anyOf") is dropped.
 */
export function validationDetails(context: string, items: readonly ValidationItem[]): ErrorDetail[] {
  const params = (v: ValidationItem) =>
    v.params as { missingProperty?: string; additionalProperty?: string; type?: string };
  const meaningful = items.filter((v) => !(v.keyword === 'type' && params(v).type === 'null'));
  const kept = meaningful.filter(
    (v) =>
      v.keyword !== 'anyOf' ||
      !meaningful.some((o) => o !== v && o.keyword !== 'anyOf' && o.instancePath === v.instancePath),
  );
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const v of kept) {
    let path = `/${context}${v.instancePath}`;
    if (v.keyword === 'required') path += `/${String(params(v).missingProperty)}`;
    if (v.keyword === 'additionalProperties') path += `/${String(params(v).additionalProperty)}`;
    const format =
      v.keyword === 'format' ? FORMAT_MESSAGES[String((v.params as { format?: string }).format)] : undefined;
    const message =
      v.keyword === 'additionalProperties' ? 'is not a known property' : (format ?? v.message ?? 'is invalid');
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

/**
 * Use cases name fields the way the API does, relative to their input; the request part a field came from is the
 * one that carries it (a path parameter, then the query string, else the body).
 */
function located(request: FastifyRequest, detail: ErrorDetail): ErrorDetail {
  if (detail.in) return { path: `/${detail.in}${detail.path === '/' ? '' : detail.path}`, message: detail.message };
  const field = decodeURIComponent(detail.path.split('/')[1] ?? '');
  const has = (part: unknown) => typeof part === 'object' && part !== null && Object.hasOwn(part, field);
  const where = field && has(request.params) ? 'params' : field && has(request.query) ? 'querystring' : 'body';
  return { path: `/${where}${detail.path === '/' ? '' : detail.path}`, message: detail.message };
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply.status(status).send(body);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: error.code, message: error.message };
      if (error.details.length > 0) body.details = error.details.map((d) => located(request, d));
      return send(reply, error.status, body);
    }
    if (error.validation) {
      const details = validationDetails(error.validationContext ?? 'body', error.validation);
      return send(reply, 400, { error: 'bad_request', message: 'request validation failed', details });
    }
    // Fastify's own client errors (unparseable JSON, unsupported media type, body too large, …).
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return send(reply, status, { error: errorCodeFor(status), message: 'internal error' });
    }
    const body: ErrorBody = { error: errorCodeFor(status), message: error.message };
    if (status === 400) body.details = [{ path: '/body', message: error.message }];
    return send(reply, status, body);
  });

  app.setNotFoundHandler((request, reply) => {
    return send(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
