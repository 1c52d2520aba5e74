// The directory stays a tree (issue K1): a manager_change signal that would close a loop in the management chain is
// refused with a 400 naming the loop — over HTTP (JSON and NDJSON) and in `teampulse import signals` — and nothing
// of the request is stored. Before, it was accepted and every later upsert of the people involved failed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';

const NOW = new Date('2026-03-10T04:00:00Z');

describe('manager_change signals that would make a management cycle', { timeout: 120_000 }, () => {
  let handle: TestDatabase;
  let app: App;
  let token: string;
  let tenantId: string;
  let dir: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tp-cycle-'));
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });
    tenantId = (await createTenant(handle.db, 'acme', { timezone: 'UTC', locale: 'en' })).id;
    // boss ← lead ← dev ← intern (each the manager of the next)
    let manager: string | null = null;
    for (const ext of ['boss', 'lead', 'dev', 'intern', 'other']) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: ext,
          display_name: ext,
          email: null,
          team_id: null,
          manager_id: ext === 'other' ? null : manager,
          hire_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[ext] = row.id;
      manager = row.id;
    }
    token = await createToken(handle.db, tenantId, 'hr');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await handle.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const change = (id: string, employee: string, manager: string, day = '2026-03-05') => ({
    id,
    kind: 'manager_change',
    employee,
    manager,
    occurredAt: `${day}T09:00:00Z`,
  });
  const message = (id: string) => ({
    id,
    kind: 'attendance',
    status: 'late',
    employee: 'other',
    occurredAt: '2026-03-05T10:00:00Z',
  });
  const managers = async () =>
    Object.fromEntries(
      (await handle.db.selectFrom('employees').select(['external_id', 'manager_id']).execute()).map((r) => [
        r.external_id,
        Object.entries(ids).find(([, id]) => id === r.manager_id)?.[0] ?? null,
      ]),
    );
  const stored = async () =>
    (await handle.db.selectFrom('signal_events').select('external_id').orderBy('external_id').execute()).map(
      (r) => r.external_id,
    );
  const tree = { boss: null, lead: 'boss', dev: 'lead', intern: 'dev', other: null };

  it('answers 400 naming the cycle and the change, storing nothing of the batch (JSON)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(token),
      payload: { signals: [message('ok-1'), change('c1', 'boss', 'dev')] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(/management cycle: boss → dev → lead → boss/);
    expect(body.details).toEqual([
      {
        path: '/body/manager',
        message: 'cycle in the management chain: boss → dev → lead → boss (manager_change "c1")',
      },
    ]);
    expect(await managers()).toEqual(tree);
    expect(await stored()).toEqual([]);
  });

  it('a two-person loop across one batch is refused too; a change that keeps a tree is applied', async () => {
    const loop = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(token),
      payload: { signals: [change('c2', 'other', 'intern'), change('c3', 'intern', 'other')] },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().message).toMatch(/management cycle: (other → intern → other|intern → other → intern)/);
    expect(await managers()).toEqual(tree);

    // Re-parenting the whole chain under "other" is fine (no loop), and so is the latest of two changes winning.
    const fine = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(token),
      payload: {
        signals: [change('c4', 'boss', 'intern', '2026-03-01'), change('c5', 'boss', 'other', '2026-03-02')],
      },
    });
    expect(fine.statusCode, fine.body).toBe(200);
    expect(await managers()).toEqual({ ...tree, boss: 'other' });
  });

  it('is refused in an NDJSON stream as well', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: { ...bearer(token), 'content-type': 'application/x-ndjson' },
      payload: [message('ok-2'), change('c6', 'other', 'dev')].map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/management cycle: other → dev → lead → boss → other/);
    expect(await managers()).toEqual({ ...tree, boss: 'other' });
    expect(await stored()).toEqual(['c4', 'c5']);
  });

  it('`teampulse import signals` exits 1 naming the cycle and writes nothing', async () => {
    const file = join(dir, 'cycle.ndjson');
    // The CLI stores against the real clock (and its retention window): a recent day.
    const recent = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const lines = [{ ...message('ok-3'), occurredAt: `${recent}T10:00:00Z` }, change('c7', 'other', 'intern', recent)];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const run = await runCliWith(handle, ['import', 'signals', file, '--tenant', 'acme']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/management cycle: other → intern → dev → lead → boss → other/);
    expect(await managers()).toEqual({ ...tree, boss: 'other' });
    expect(await stored()).toEqual(['c4', 'c5']);
  });
});
