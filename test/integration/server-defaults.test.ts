// Server defaults a Fastify user expects (issue 10): @fastify/helmet's headers, trustProxy as a setting (with
// Forwarded and X-Real-IP treated like X-Forwarded-For), and /readyz never telling an anonymous caller what the
// database said.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { forwardedFor } from '../../src/http/client-address.js';
import type { Database } from '../../src/storage/database.js';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.destroy();
});

describe('helmet', () => {
  it('sets the usual security headers on the API, the probes and the docs, without upgrade-insecure-requests', async () => {
    const app = await buildApp({ db: handle.db, logger: false });
    try {
      for (const url of ['/healthz', '/api/v1/whoami', '/docs/json', '/docs']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security'], url).toMatch(/max-age=/);
        expect(String(res.headers['content-security-policy']), url).toMatch(/default-src 'self'/);
        expect(String(res.headers['content-security-policy']), url).not.toMatch(/upgrade-insecure-requests/);
      }
      expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('trustProxy', () => {
  const guess = (app: Awaited<ReturnType<typeof buildApp>>, headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { ...bearer('tp_guess'), ...headers } });

  it('off (the default): proxy headers do not choose the client address — one bucket for the socket', async () => {
    const app = await buildApp({ db: handle.db, logger: false, authFailureLimit: { max: 1, windowMs: 60_000 } });
    try {
      expect((await guess(app, { 'x-real-ip': '203.0.113.1' })).statusCode).toBe(401);
      expect((await guess(app, { 'x-real-ip': '203.0.113.2' })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('on: X-Forwarded-For, Forwarded and X-Real-IP each name the client the rate limit counts', async () => {
    const app = await buildApp({
      db: handle.db,
      logger: false,
      trustProxy: ['127.0.0.1'],
      authFailureLimit: { max: 1, windowMs: 60_000 },
    });
    try {
      const clients: Record<string, string>[] = [
        { 'x-forwarded-for': '203.0.113.1' },
        { forwarded: 'for=203.0.113.2;proto=https' },
        { forwarded: 'for="[2001:db8::3]:4711"' },
        { 'x-real-ip': '203.0.113.4' },
      ];
      // One failure each is within the limit: four different clients, four buckets.
      for (const headers of clients) expect((await guess(app, headers)).statusCode, JSON.stringify(headers)).toBe(401);
      // The second failure of each client — whichever header named it — is over the limit.
      expect((await guess(app, { 'x-real-ip': '203.0.113.1' })).statusCode).toBe(429);
      expect((await guess(app, { 'x-forwarded-for': '203.0.113.2' })).statusCode).toBe(429);
      expect((await guess(app, { forwarded: 'for="[2001:db8::3]"' })).statusCode).toBe(429);
      expect((await guess(app, { forwarded: 'for=203.0.113.4' })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('parses Forwarded for= lists (quotes, IPv6 brackets, ports)', () => {
    expect(forwardedFor('for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711"')).toEqual([
      '192.0.2.60',
      '2001:db8:cafe::17',
    ]);
    expect(forwardedFor('for=192.0.2.43:8080, for=unknown')).toEqual(['192.0.2.43', 'unknown']);
    expect(forwardedFor('proto=https')).toEqual([]);
  });
});

describe('/readyz', () => {
  it('answers 503 "database unreachable" without the database error, which goes to the log', async () => {
    const secretish = 'password authentication failed for user "teampulse_admin" at db-7.internal:5432';
    const driver: Driver = {
      init: async () => undefined,
      acquireConnection: async (): Promise<DatabaseConnection> => {
        throw new Error(secretish);
      },
      beginTransaction: async () => undefined,
      commitTransaction: async () => undefined,
      rollbackTransaction: async () => undefined,
      releaseConnection: async () => undefined,
      destroy: async () => undefined,
    };
    const broken = new Kysely<Database>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => driver,
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    let logged = '';
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logged += String(chunk);
          done();
        },
      }),
    });
    const app = await buildApp({ db: broken, logger });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'unavailable', message: 'database unreachable' });
      expect(res.body).not.toContain('teampulse_admin');
      expect(logged).toContain('teampulse_admin');
    } finally {
      await app.close();
    }
  });
});
