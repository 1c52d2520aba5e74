// The chat `export` verb gives the person a link to their export: a URL signed with the tenant's key, valid 15
// minutes, answering the JSON of GET /api/v1/me/export for that person only (no token). Tampered, foreign-tenant
// and expired links get nothing; issuing and downloading are audited. Through the console platform's commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEntityOrg, type EntityOrg } from '../helpers/entity-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { bearer } from '../helpers/fixtures.js';
import { buildApp, type App } from '../../src/http/app.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { issueToken } from '../../src/app/directory/tenants.js';
import type { MessageBlock } from '../../src/core/messages/types.js';

let handle: TestDatabase;
let org: EntityOrg;
let other: EntityOrg;
const NOW = new Date('2026-11-30T03:00:00Z');
const BASE = 'https://pulse.example.com';
let clock = NOW;
let app: App;

const commands = () =>
  consoleCommands(handle.db, {
    now: () => NOW,
    dispatcher: buildInboundDispatcher({ db: handle.db, now: () => NOW, baseUrl: BASE }),
  });

async function exportLink(tenant: string, as: string): Promise<{ url: string; blocks: MessageBlock[] }> {
  const answer = await commands().run(tenant, as, 'export');
  const blocks = answer.message!.blocks;
  const link = blocks.find((b): b is Extract<MessageBlock, { type: 'link' }> => b.type === 'link')!;
  return { url: link.url, blocks };
}

const download = (url: string) => app.inject({ method: 'GET', url: url.slice(BASE.length) });

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createEntityOrg(handle.db, 'links');
  other = await createEntityOrg(handle.db, 'links-other');
  app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => clock });
});
afterAll(async () => {
  await app.close();
  await handle.destroy();
});

describe('export on chat: a short-lived signed link', { timeout: 120_000 }, () => {
  it('answers with the counts and a link for the person only, valid 15 minutes', async () => {
    const { url, blocks } = await exportLink('links', 'a-1');
    expect(url).toMatch(new RegExp(`^${BASE}/links/export/${org.tenantId}/${org.people['a-1']}/\\d+/[\\w-]+$`));
    const text = blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    // 03:15Z is 11:15 in Shanghai (the tenant's zone).
    expect(text).toContain('works for 15 minutes (until 11:15)');
    expect(blocks.find((b) => b.type === 'link')).toMatchObject({ label: 'Download my data (JSON)' });

    clock = new Date(NOW.getTime() + 14 * 60_000);
    const response = await download(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="teampulse-export-2026-11-30.json"/);
    const body = response.json();
    expect(body.tenant.slug).toBe('links');
    expect(body.person).toMatchObject({ externalId: 'a-1' });

    // The same JSON as GET /api/v1/me/export with the person's own token (only the moment of export differs).
    const token = (await issueToken(handle.db, { tenantSlug: 'links', role: 'employee', employee: 'a-1', actor: 't' }))
      .token;
    const viaApi = await app.inject({ method: 'GET', url: '/api/v1/me/export', headers: bearer(token) });
    const strip = (x: { readsOfMyData: unknown; exportedAt: unknown }) => ({ ...x, readsOfMyData: [], exportedAt: '' });
    expect(strip(body)).toEqual(strip(viaApi.json()));
    expect(JSON.stringify(body)).not.toContain('Name b-1');
  });

  it('is audited when issued and when downloaded', async () => {
    const rows = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'subject_id'])
      .where('tenant_id', '=', org.tenantId)
      .where('action', 'in', ['personal.export.link', 'personal.export'])
      .orderBy('id')
      .execute();
    const a1 = org.people['a-1']!;
    // The verb reads the export for its counts, issues the link, and the download reads it again.
    expect(rows).toEqual([
      { action: 'personal.export', actor: `employee:${a1}`, subject_id: a1 },
      { action: 'personal.export.link', actor: `employee:${a1}`, subject_id: a1 },
      { action: 'personal.export', actor: `export-link:${a1}`, subject_id: a1 },
      { action: 'personal.export', actor: expect.stringMatching(/^token:/), subject_id: a1 },
    ]);
  });

  it('a tampered, foreign-tenant or expired link gets nothing', async () => {
    clock = NOW;
    const { url } = await exportLink('links', 'a-1');
    const [tenantId, employeeId, expires, signature] = url.split('/').slice(-4) as [string, string, string, string];
    const path = (parts: string[]) => `/links/export/${parts.join('/')}`;
    const get = (p: string) => app.inject({ method: 'GET', url: p });

    // Someone else's id under a-1's signature, a later expiry, a forged signature.
    expect((await get(path([tenantId, org.people['b-1']!, expires, signature]))).statusCode).toBe(404);
    expect((await get(path([tenantId, employeeId, String(Number(expires) + 3600), signature]))).statusCode).toBe(404);
    expect((await get(path([tenantId, employeeId, expires, 'A'.repeat(signature.length)]))).statusCode).toBe(404);
    // The other tenant's a-1, with a-1's signature from this tenant: checked with the other tenant's key.
    await exportLink('links-other', 'a-1');
    expect((await get(path([other.tenantId, other.people['a-1']!, expires, signature]))).statusCode).toBe(404);
    expect((await get('/links/export/not-a-link')).statusCode).toBe(404);
    expect((await get(path(['x', 'y', 'z', 'w']))).statusCode).toBe(404);

    clock = new Date(NOW.getTime() + 15 * 60_000);
    const expired = await get(path([tenantId, employeeId, expires, signature]));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toMatch(/expired/);
  });
});
