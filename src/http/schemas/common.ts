// The schema pieces every route shares: the one error response, paging, references and views of ids. Input
// primitives (days, instants, ids, text) come from src/core/validation so the CLI and the chat adapters check the
// same things.
import { Type, type TSchema } from '@sinclair/typebox';
import { Limit, Nullable, Reference } from '../../core/validation/index.js';

export { Day, ExternalId, Instant, Limit, Nullable, Reference, StringEnum, Text } from '../../core/validation/index.js';

/** Every failure, on every route: `{ error: <code>, message, details?: [{ path, message }] }`. */
export const ErrorResponse = Type.Object(
  {
    error: Type.String({
      description: 'bad_request, unauthorized, forbidden, not_found, conflict, payload_too_large, …',
    }),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({
            description: 'The request part and field: /body/employees/3/team, /querystring/cursor, /params/id',
          }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { title: 'Error' },
);

const ERROR_DESCRIPTIONS = {
  400: 'Bad input: every failing field is listed in details',
  401: 'Missing, invalid or revoked token',
  403: "The caller's role may not use this route",
  404: 'Unknown — or outside what the caller may see (both answered alike)',
  409: 'Conflicts with stored state',
  413: 'The body is too large',
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The error responses of a route, each described. 401 is always there: every /api/v1 route needs a token. */
export function errors(...statuses: ErrorStatus[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const status of [401, ...statuses] as ErrorStatus[])
    out[status] = Type.Object(ErrorResponse.properties, { description: ERROR_DESCRIPTIONS[status] });
  return out;
}

/** `{ id, externalId }` of a person or team, in every response that names one. */
export const Ref = Type.Object({ id: Type.String({ format: 'uuid' }), externalId: Type.String() });

/** `/:id` — a person or team by internal id or external id. */
export const RefParams = Type.Object({ id: Reference() }, { additionalProperties: false });

/** What a route's schema says of it in /docs/json besides its input and responses. */
interface OperationDoc {
  tags: string[];
  operationId: string;
  summary: string;
  description?: string;
}

/**
 * The schema of a route on one person or team named by `/:id` (RefParams): `view` on success, 400 for a malformed
 * id or input, 404 for one unknown or beyond the caller's reach, and the `more` error statuses (403 behind a role gate).
 */
export const byRefSchema = <V extends TSchema, D extends OperationDoc>(view: V, doc: D, ...more: ErrorStatus[]) => ({
  ...doc,
  params: RefParams,
  response: { 200: view, ...errors(400, 404, ...more) },
});

/**
 * The schema of a route that takes no input (no params, query or body), so has no 400 to answer: `view` on success,
 * 403 for a caller who may not use it (its role, or a token that acts for no person).
 */
export const withoutInputSchema = <V extends TSchema, D extends OperationDoc>(view: V, doc: D) => ({
  ...doc,
  response: { 200: view, ...errors(403) },
});

/**
 * The schema of a batch write behind a role gate: `view` (the summary) on success, 400 listing every failing path,
 * 403 for a role that may not write, 413 for a body over the limit.
 */
export const batchSchema = <V extends TSchema, D extends OperationDoc & { body: TSchema }>(view: V, doc: D) => ({
  ...doc,
  response: { 200: view, ...errors(400, 403, 413) },
});

export const PageQuery = {
  limit: Type.Optional(Limit(500, 50)),
  cursor: Type.Optional(
    Type.String({ maxLength: 2000, format: 'text', description: 'nextCursor of the previous page' }),
  ),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
