// Property-based fuzzing of every route documented in /docs/json (the API and the signed export link), driven by
// its schemas: path parameters, query strings and bodies built from the schemas with hostile values mixed in (NUL,
// lone surrogates, huge numbers, far dates, wrong types). Every answer must be below 500, and every 400/404 must name
// the field(s) at fault.
// Seeded and modest (a few dozen runs per route) so it runs in CI on PGlite and PostgreSQL alike.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { createAccessOrg } from '../helpers/access-org.js';
import { percentEncode, valueOf, type JsonSchema } from '../helpers/schema-arbitrary.js';

interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const NUM_RUNS = 30;
const SEED = 20261130;
/** Test slots for routes: more than are documented, so every route gets one (a test below fails when they run out). */
const ROUTE_SLOTS = 48;
/** Ids that exist in the organisation, so some requests get past the lookups into the use cases. */
const KNOWN = ['se-1', 'sup-1', 'm-sales', 'sales', 'sales-east', 'support', 'company', 'ghost'];
const LOCATED = /^\/(params|querystring|body)(\/|$)/;

let database: TestDatabase;
let app: App;
let token: string;
let operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    db: database.db,
    schema: database.schema,
    logger: false,
    now: () => new Date('2026-11-28T04:00:00Z'),
  });
  const org = await createAccessOrg(database.db, 'fuzz');
  token = await org.token('admin');
  const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json().paths as Record<
    string,
    Record<string, Operation>
  >;
  operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

interface Sent {
  url: string;
  payload?: string;
  contentType?: string;
}

function requestOf(path: string, op: Operation): fc.Arbitrary<Sent> {
  const params = op.parameters ?? [];
  // "." and ".." are dot segments (RFC 3986), percent-encoded or not: the URL names another path, not a value.
  const segment = (schema: JsonSchema) => valueOf(schema, KNOWN).filter((v) => v !== '.' && v !== '..');
  const pathArb = fc.record(
    Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, segment(p.schema)])),
  );
  const queryArb = fc.record(
    Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, valueOf(p.schema, KNOWN)])),
    { requiredKeys: [] },
  );
  const json = op.requestBody?.content['application/json']?.schema;
  const ndjson = op.requestBody?.content['application/x-ndjson'];
  const bodyArb: fc.Arbitrary<Pick<Sent, 'payload' | 'contentType'>> = json
    ? fc.oneof(
        valueOf(json, KNOWN).map((body) => ({
          payload: JSON.stringify(body) ?? 'null',
          contentType: 'application/json',
        })),
        ...(ndjson && json.properties?.signals?.items
          ? [
              fc.array(valueOf(json.properties.signals.items, KNOWN), { minLength: 1, maxLength: 3 }).map((items) => ({
                payload: items.map((i) => JSON.stringify(i) ?? 'null').join('\n'),
                contentType: 'application/x-ndjson',
              })),
            ]
          : []),
      )
    : fc.constant({});
  return fc.tuple(pathArb, queryArb, bodyArb).map(([pathValues, query, body]) => {
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => percentEncode(pathValues[name]));
    const search = Object.entries(query)
      .map(([name, value]) => `${name}=${percentEncode(value)}`)
      .join('&');
    return { url: search ? `${url}?${search}` : url, ...body };
  });
}

describe('fuzzing every documented route', () => {
  it('has a slot for every documented route (raise ROUTE_SLOTS when this fails)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.length).toBeLessThanOrEqual(ROUTE_SLOTS);
  });

  it.each(Array.from({ length: ROUTE_SLOTS }, (_, i) => i))(
    'route #%i: no 5xx; every 400/404 names its fields',
    async (index) => {
      const entry = operations[index];
      if (!entry) return;
      const { method, path, op } = entry;
      await fc.assert(
        fc.asyncProperty(requestOf(path, op), async (sent) => {
          const res = await app.inject({
            method: method.toUpperCase() as 'GET',
            url: sent.url,
            headers: { ...bearer(token), ...(sent.contentType ? { 'content-type': sent.contentType } : {}) },
            ...(sent.payload !== undefined ? { payload: sent.payload } : {}),
          });
          const where = `${method.toUpperCase()} ${sent.url} ${sent.payload?.slice(0, 300) ?? ''}`;
          expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode === 400 || res.statusCode === 404) {
            const details = (res.json() as { details?: { path: string }[] }).details ?? [];
            expect(details.length, `${where} → ${res.body.slice(0, 300)}`).toBeGreaterThan(0);
            for (const detail of details) expect(detail.path, where).toMatch(LOCATED);
          }
        }),
        { numRuns: NUM_RUNS, seed: SEED + index, endOnFailure: true },
      );
    },
  );
});
