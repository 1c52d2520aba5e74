import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('health and readiness', () => {
  let handle: TestDatabase;
  let app: App;
  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false });
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  it('healthz answers 200 while readyz says 503 until migrations are applied', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ error: 'unavailable' });
  });

  it('readyz answers 200 once migrated', async () => {
    const { migrateToLatest } = await import('../../src/storage/migrator.js');
    await migrateToLatest(handle.db as never, handle.schema);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('unknown routes are JSON 404s', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no route GET /nope' });
  });

  it('api routes without a token are 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/whoami' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthorized');
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});
