// The one error model: app errors leave HTTP as { error, message, details } with the request part named in each
// path, and leave the CLI as one line.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  notFound,
  PayloadTooLargeError,
  UnauthorizedError,
} from '../../src/app/errors.js';
import { installErrorHandlers } from '../../src/http/errors.js';
import { oneLine } from '../../src/cli/program.js';

describe('HTTP error mapping', () => {
  const app = Fastify({ logger: false });
  let thrown: unknown;
  beforeAll(async () => {
    installErrorHandlers(app);
    app.get('/things/:id', async () => {
      throw thrown;
    });
    app.post('/things/:id', async () => {
      throw thrown;
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const call = (error: unknown, method: 'GET' | 'POST' = 'GET', url = '/things/a?cursor=x') => {
    thrown = error;
    return app.inject({ method, url, ...(method === 'POST' ? { payload: { rows: [] } } : {}) });
  };

  it('names the request part each field came from: path parameter, query string, else body', async () => {
    const res = await call(
      new InvalidInputError('bad', [
        { path: '/id', message: 'p' },
        { path: '/cursor', message: 'q' },
        { path: '/rows/3/name', message: 'b' },
        { path: '/', message: 'whole body' },
      ]),
      'POST',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'bad_request',
      message: 'bad',
      details: [
        { path: '/params/id', message: 'p' },
        { path: '/querystring/cursor', message: 'q' },
        { path: '/body/rows/3/name', message: 'b' },
        { path: '/body', message: 'whole body' },
      ],
    });
  });

  it('maps every app error to its status and code, with the same body shape', async () => {
    const cases: [unknown, number, string][] = [
      [notFound('employee', 'li.na', 'id'), 404, 'not_found'],
      [new ForbiddenError('no'), 403, 'forbidden'],
      [new UnauthorizedError('who?'), 401, 'unauthorized'],
      [new ConflictError('taken'), 409, 'conflict'],
      [new PayloadTooLargeError('big'), 413, 'payload_too_large'],
    ];
    for (const [error, status, code] of cases) {
      const res = await call(error);
      expect(res.statusCode).toBe(status);
      expect(res.json().error).toBe(code);
      expect(Object.keys(res.json()).every((k) => ['error', 'message', 'details'].includes(k))).toBe(true);
    }
    expect((await call(notFound('employee', 'li.na', 'id'))).json()).toEqual({
      error: 'not_found',
      message: 'no employee "li.na"',
      details: [{ path: '/params/id', message: 'no employee "li.na"' }],
    });
    expect((await call(new UnauthorizedError('who?'))).headers['www-authenticate']).toBe('Bearer');
  });

  it('answers anything else as a 500 without its message', async () => {
    const res = await call(new Error('relation "secret_table" does not exist'));
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: 'internal error' });
  });

  it("maps Fastify's own client errors (unparseable JSON) to a 400 naming the body", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/things/a',
      headers: { 'content-type': 'application/json' },
      payload: '{"rows": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('/body');
  });
});

describe('CLI error line', () => {
  it('is one line: the reason and the first three failing fields', () => {
    const error = new InvalidInputError('2 bad rows\nnothing written', [
      { path: '/a', message: 'x' },
      { path: '/b', message: 'y' },
      { path: '/c', message: 'z' },
      { path: '/d', message: 'w' },
    ]);
    expect(oneLine(error)).toBe('2 bad rows nothing written (/a: x; /b: y; /c: z; 1 more)');
    expect(oneLine(new ConflictError('a tenant with slug "acme" already exists'))).toBe(
      'a tenant with slug "acme" already exists',
    );
  });
});
