// Validation at the HTTP edge, once: every schema is checked by Ajv with the shared formats (src/core/validation),
// and every string in the path, query string and JSON body must be storable text (no NUL, no lone surrogate).
//
// Two Ajv instances because the parts differ: a query string only has strings, so `?limit=50` is coerced to a
// number; a JSON body has real types, so `externalId: 5` is a number and refused — never quietly turned into "5".
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { findTextProblems, FORMATS } from '../core/validation/index.js';
import { InvalidInputError, type ErrorDetail } from '../app/errors.js';

function ajv(options: Options): Ajv {
  const instance = new Ajv({
    allErrors: true, // report every failing field, not just the first
    removeAdditional: false,
    useDefaults: true,
    addUsedSchema: false,
    strict: false,
    ...options,
  });
  addFormats.default(instance);
  for (const [name, check] of Object.entries(FORMATS)) instance.addFormat(name, check);
  return instance;
}

const forBody = ajv({ coerceTypes: false });
const forParts = ajv({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? forBody : forParts).compile(schema);

/**
 * For routes whose use case validates the body item by item (POST /signals: per-item errors, NDJSON lines): the
 * body schema documents the format, the use case checks it; everything else is validated as usual.
 */
export const bodyCheckedByUseCase: FastifySchemaCompiler<object> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

function textProblemsOf(request: FastifyRequest): ErrorDetail[] {
  // An NDJSON body is still a stream here: its lines are checked one by one by the use case.
  const body = request.body as unknown;
  const parsed =
    typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function'
      ? undefined
      : body;
  return [
    ...findTextProblems(request.params).map((p) => ({ ...p, in: 'params' as const })),
    ...findTextProblems(request.query).map((p) => ({ ...p, in: 'querystring' as const })),
    ...findTextProblems(parsed).map((p) => ({ ...p, in: 'body' as const })),
  ];
}

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
}

/**
 * preValidation hook of the API (/api/v1): no string anywhere in the request may hold a NUL or a lone surrogate.
 * Not for platform webhooks: a chat event carrying odd text must still be acknowledged (adapters keep metadata only).
 */
export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const problems = textProblemsOf(request);
  if (problems.length > 0) throw new InvalidInputError('request contains text that cannot be stored', problems);
}
