// Tombstones against re-importing an erased person: after DELETE /me and HR's confirmation, keyed hashes of the
// person's external id and platform user ids are kept (never the ids in clear); a later HR import (the REST API)
// or directory sync carrying either id skips the person and counts them (skippedErased), and colleagues that named
// them as manager get none. HR lifts a tombstone explicitly (`teampulse erasure lift`, audited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEntityOrg, type EntityOrg } from '../helpers/entity-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { bearer } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { buildApp, type App } from '../../src/http/app.js';
import { issueToken } from '../../src/app/directory/tenants.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { consoleInteract, resolveConsoleUser } from '../../src/app/console/service.js';
import { syncPlatformDirectory } from '../../src/app/platforms/sync.js';
import type { DirectorySnapshot, DirectorySource } from '../../src/core/directory-port.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

let handle: TestDatabase;
let org: EntityOrg;
let app: App;
const NOW = new Date('2026-11-30T03:00:00Z');
const withoutUuids = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');

const token = async (role: string, options: { employee?: string } = {}) =>
  (await issueToken(handle.db, { tenantSlug: 'tomb', role, ...options, actor: 'test' })).token;

const employee = (externalId: string) =>
  handle.db
    .selectFrom('employees')
    .select(['id', 'external_id', 'manager_id'])
    .where('tenant_id', '=', org.tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

const withIdentity = (platform: string, userId: string) =>
  handle.db
    .selectFrom('platform_identities')
    .select('employee_id')
    .where('tenant_id', '=', org.tenantId)
    .where('platform', '=', platform)
    .where('platform_user_id', '=', userId)
    .executeTakeFirst();

const source = (snapshot: DirectorySnapshot): DirectorySource => ({ platform: 'wecom', read: async () => snapshot });

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createEntityOrg(handle.db, 'tomb');
  // a-1 is also known on WeCom.
  await upsertDirectory(
    handle.db,
    org.tenantId,
    { employees: [{ externalId: 'a-1', name: 'Name a-1', identities: { wecom: 'zhang.a1' } }] },
    { actor: 'test' },
  );
  app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });

  // a-1 asks for erasure (DELETE /me); HR of entity A confirms with the button.
  const asked = await app.inject({
    method: 'DELETE',
    url: '/api/v1/me',
    headers: bearer(await token('employee', { employee: 'a-1' })),
  });
  expect(asked.statusCode).toBe(202);
  const cmd = consoleCommands(handle.db, { now: () => NOW });
  const hrMessages = await handle.db
    .selectFrom('outbox')
    .select('message')
    .where('recipient_employee_id', '=', org.people['hr-a']!)
    .execute();
  const confirm = hrMessages
    .map((m) => m.message as OutboundMessage)
    .flatMap((m) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])))
    .find((b) => b.value === `${asked.json().requestId}:confirm`)!;
  const pressed = await consoleInteract(
    cmd.dispatcher,
    await resolveConsoleUser(handle.db, 'tomb', 'hr-a'),
    { type: 'action', actionId: confirm.actionId, value: confirm.value },
    NOW,
    1,
  );
  expect(pressed.reply?.fallbackText).toBe("Name a-1's personal data was erased.");
});

afterAll(async () => {
  await app.close();
  await handle.destroy();
});

describe('erasure tombstones', { timeout: 120_000 }, () => {
  it('keep only keyed hashes of the erased ids, one per id', async () => {
    expect(await employee('a-1')).toBeUndefined();
    const rows = await handle.db
      .selectFrom('erasure_tombstones')
      .select(['kind', 'key_hash'])
      .where('tenant_id', '=', org.tenantId)
      .orderBy('kind')
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['external_id', 'identity']);
    for (const r of rows) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    // UUIDs are left out: one holds "a-1" whenever a group ends in `a` and the next starts with `1`.
    const dump = withoutUuids(JSON.stringify(await handle.db.selectFrom('erasure_tombstones').selectAll().execute()));
    expect(dump).not.toContain('a-1');
    expect(dump).not.toContain('zhang.a1');
  });

  it('an HR import through the API skips the erased person, counts them, and clears them as a manager', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      headers: bearer(await token('admin')),
      payload: {
        employees: [
          { externalId: 'a-1', name: 'Name a-1', team: 'team-a', manager: 'mgr-a' },
          { externalId: 'a-3', name: 'Name a-3', team: 'team-a', manager: 'a-1' },
          { externalId: 'a-4', name: 'Name a-4', team: 'team-a', identities: { wecom: 'zhang.a1' } },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 1, updated: 0, unchanged: 0, skippedErased: 2 });
    expect(await employee('a-1')).toBeUndefined();
    expect(await employee('a-4')).toBeUndefined();
    expect(await employee('a-3')).toMatchObject({ manager_id: null });
    expect(await withIdentity('wecom', 'zhang.a1')).toBeUndefined();
    // A batch without erased people says nothing about them.
    const plain = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      headers: bearer(await token('admin')),
      payload: { employees: [{ externalId: 'a-5', name: 'Name a-5', team: 'team-a' }] },
    });
    expect(plain.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('a WeCom directory sync skips the erased person by platform user id and by job number', async () => {
    const result = await syncPlatformDirectory(
      handle.db,
      org.tenantId,
      source({
        departments: [{ id: '1', name: 'Corp', parentId: null, managerIds: [] }],
        members: [
          { userId: 'zhang.a1', name: 'Name a-1', departmentIds: ['1'], active: true },
          { userId: 'other.id', name: 'Name a-1', jobNumber: 'a-1', departmentIds: ['1'], active: true },
          { userId: 'new.person', name: 'New', departmentIds: ['1'], active: true },
        ],
      }),
      { actor: 'wecom:address-book', now: () => NOW },
    );
    expect(result.employees).toMatchObject({ created: 1, skippedErased: 2 });
    expect(await withIdentity('wecom', 'zhang.a1')).toBeUndefined();
    expect(await withIdentity('wecom', 'other.id')).toBeUndefined();
    expect(await withIdentity('wecom', 'new.person')).toBeDefined();
    expect(await employee('a-1')).toBeUndefined();
  });

  it('HR lifts a tombstone explicitly (audited); the next import creates the person again', async () => {
    const refused = await runCliWith(handle, ['erasure', 'lift', '--tenant', 'tomb']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--external-id or --identity/);
    const lift = await runCliWith(handle, ['erasure', 'lift', '--tenant', 'tomb', '--external-id', 'a-1', '--json']);
    expect(lift.code, lift.stderr).toBe(0);
    expect(JSON.parse(lift.stdout)).toEqual({ lifted: 1 });
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('tenant_id', '=', org.tenantId)
      .where('action', '=', 'erasure.lift')
      .execute();
    expect(audit).toHaveLength(1);
    expect(withoutUuids(JSON.stringify(audit[0]!.details))).not.toContain('a-1');

    const again = await upsertDirectory(
      handle.db,
      org.tenantId,
      { employees: [{ externalId: 'a-1', name: 'Name a-1', identities: { wecom: 'zhang.a1' } }] },
      { actor: 'test' },
    );
    // The WeCom id is still tombstoned: the person carrying it is skipped until that is lifted too.
    expect(again.employees).toMatchObject({ created: 0, skippedErased: 1 });
    await runCliWith(handle, ['erasure', 'lift', '--tenant', 'tomb', '--identity', 'wecom:zhang.a1']);
    const third = await upsertDirectory(
      handle.db,
      org.tenantId,
      { employees: [{ externalId: 'a-1', name: 'Name a-1', identities: { wecom: 'zhang.a1' } }] },
      { actor: 'test' },
    );
    expect(third.employees).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await withIdentity('wecom', 'zhang.a1')).toBeDefined();
  });
});
