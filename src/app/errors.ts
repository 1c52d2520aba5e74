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

/** An AppError whose code and HTTP status follow from its class (each class below is one of them). */
function fixedCode(code: ErrorCode, status: number) {
  return class extends AppError {
    constructor(message: string, details: readonly ErrorDetail[] = []) {
      super(code, status, message, details);
    }
  };
}

/** The input is wrong; `details` names every failing field. */
export class InvalidInputError extends fixedCode('bad_request', 400) {}

/**
 * The subject does not exist — or exists outside what the caller may see: both are answered with this same error,
 * so a caller cannot learn who exists outside its scope.
 */
export class NotFoundError extends fixedCode('not_found', 404) {}

/** The caller's role may not do this at all (independent of any subject). */
export class ForbiddenError extends fixedCode('forbidden', 403) {}

export class UnauthorizedError extends fixedCode('unauthorized', 401) {}

/** The request clashes with existing state (a slug taken, a row changed meanwhile). */
export class ConflictError extends fixedCode('conflict', 409) {}

export class PayloadTooLargeError extends fixedCode('payload_too_large', 413) {}

/** "no employee "x"" with the field that named it: the one answer for missing and out-of-scope subjects alike. */
export function notFound(kind: 'employee' | 'team' | 'alert' | 'tenant', ref: string, field?: string): NotFoundError {
  const message = `no ${kind} ${JSON.stringify(ref)}`;
  return new NotFoundError(message, field ? [{ path: `/${field}`, message }] : []);
}
