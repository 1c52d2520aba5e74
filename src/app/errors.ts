// The one error model. Use cases (and the edge validators) throw these; exactly two places turn them into what a
// caller sees: src/http/errors.ts (status + `{ error, message, details }`) and src/cli/program.ts (one line on
// stderr, exit 1). Chat commands answer them in the user's language from `code`.
//
// `details[].path` is a JSON pointer into the input of the use case, named the way the API names its fields
// (`/employees/3/team`, `/cursor`, `/id`). The HTTP mapper prefixes the request part the field came from
// (`/body`, `/querystring`, `/params`); the CLI prints the path as it is.

export interface ErrorDetail {
  path: string;
  message: string;
  /** The request part the field is in, when the raiser knows it (edge validation); else the HTTP mapper infers it. */
  in?: 'params' | 'querystring' | 'body';
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is wrong; `details` names every failing field. */
export class InvalidInputError extends AppError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('bad_request', 400, message, details);
  }
}

/**
 * The subject does not exist — or exists outside what the caller may see: both are answered with this same error,
 * so a caller cannot learn who exists outside its scope.
 */
export class NotFoundError extends AppError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('not_found', 404, message, details);
  }
}

/** The caller's role may not do this at all (independent of any subject). */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('unauthorized', 401, message);
  }
}

/** The request clashes with existing state (a slug taken, a row changed meanwhile). */
export class ConflictError extends AppError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('conflict', 409, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', 413, message);
  }
}

/** "no employee "x"" with the field that named it: the one answer for missing and out-of-scope subjects alike. */
export function notFound(kind: 'employee' | 'team' | 'alert' | 'tenant', ref: string, field?: string): NotFoundError {
  const message = `no ${kind} ${JSON.stringify(ref)}`;
  return new NotFoundError(message, field ? [{ path: `/${field}`, message }] : []);
}
