// Maps directory use-case errors to the API's 400 shape, with JSON paths into the request.
import { BadRequestError } from '../errors.js';
import { DirectoryInputError, InvalidCursorError } from '../../app/directory/index.js';

export function toHttpError(error: unknown): unknown {
  if (error instanceof DirectoryInputError) {
    return new BadRequestError(
      error.message,
      error.issues.map((i) => ({ path: `/body/${i.collection}/${i.index}/${i.field}`, message: i.message })),
    );
  }
  if (error instanceof InvalidCursorError) {
    return new BadRequestError('invalid cursor', [{ path: '/querystring/cursor', message: error.message }]);
  }
  return error;
}
