// /docs/json documents every /api/v1 route: an operationId, a tag, its body and query, and its error responses in
// the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>;
}

let database: TestDatabase;
let app: App;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ db: database.db, schema: database.schema, logger: false });
  paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json().paths;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const operations = () =>
  Object.entries(paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('lists every /api/v1 route', () => {
    const routes = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/whoami',
        'GET /api/v1/teams',
        'POST /api/v1/teams',
        'GET /api/v1/teams/{id}',
        'GET /api/v1/employees',
        'POST /api/v1/employees',
        'GET /api/v1/employees/{id}',
        'GET /api/v1/employees/{id}/risk',
        'GET /api/v1/employees/{id}/activity',
        'GET /api/v1/teams/{id}/atmosphere',
        'GET /api/v1/risks',
        'GET /api/v1/rules',
        'PUT /api/v1/rules',
        'POST /api/v1/signals',
        'GET /api/v1/alerts',
        'POST /api/v1/alerts/{id}/feedback',
      ]),
    );
  });

  it('gives every route a unique operationId, a tag, a summary and its error responses', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId!), `${where} operationId repeated`).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(op.summary, where).toBeTruthy();
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        where,
      ).toBe(true);
      expect(statuses, where).toContain('401');
      const hasInput = Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
      if (hasInput) expect(statuses, where).toContain('400');
      if (path.includes('{id}')) expect(statuses, where).toContain('404');
      if (['post', 'put'].includes(method)) expect(op.requestBody, where).toBeDefined();
      for (const status of statuses.filter((s) => s.startsWith('4'))) {
        const schema = op.responses[status]!.content!['application/json']!.schema;
        expect(Object.keys(schema.properties ?? {}).sort(), `${where} ${status}`).toEqual([
          'details',
          'error',
          'message',
        ]);
      }
    }
  });

  it('shows the signals body for JSON and NDJSON, and the query of every list', () => {
    const post = paths['/api/v1/signals']!.post!;
    expect(Object.keys(post.requestBody!.content).sort()).toEqual(['application/json', 'application/x-ndjson']);
    expect(post.requestBody!.content['application/json']!.schema.properties).toHaveProperty('signals');
    expect(post.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['query:source']);
    expect(paths['/api/v1/risks']!.get!.parameters?.map((p) => p.name).sort()).toEqual([
      'asOf',
      'level',
      'limit',
      'team',
    ]);
    expect(paths['/api/v1/employees/{id}/activity']!.get!.parameters?.map((p) => p.name).sort()).toEqual([
      'from',
      'id',
      'to',
    ]);
  });
});
