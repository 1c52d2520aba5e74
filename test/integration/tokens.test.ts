// The token lifecycle (issue 10): `token list` / `token revoke` by the id `token create --json` prints, revoked
// tokens and tokens of people who left get 401, last_used_at written coalesced, failed authentication rate-limited
// per client address (429 + Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { buildApp, type App } from '../../src/http/app.js';

let handle: TestDatabase;
let tenantId: string;
let leaverId: string;
let clock = new Date('2026-11-30T09:00:00Z');
let app: App;

beforeAll(async () => {
  handle = await createTestDatabase();
  tenantId = (await createTenant(handle.db, 'acme')).id;
  await createTenant(handle.db, 'other');
  leaverId = (
    await handle.db
      .insertInto('employees')
      .values({ tenant_id: tenantId, external_id: 'E9', display_name: 'Leaver', email: null, team_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  app = await buildApp({
    db: handle.db,
    logger: false,
    now: () => clock,
    authFailureLimit: { max: 3, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await app.close();
  await handle.destroy();
});

const whoami = (token: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'GET', url: '/api/v1/whoami', headers: bearer(token), remoteAddress });

interface Listed {
  id: string;
  status: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  employeeExternalId: string | null;
}
const list = async (tenant = 'acme') => {
  const run = await runCliWith(handle, ['token', 'list', '--tenant', tenant, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
};

describe('token list and revoke', () => {
  it('revokes the token `create --json` printed: its next request gets 401, and the revocation is audited', async () => {
    const created = await runCliWith(handle, ['token', 'create', '--tenant', 'acme', '--role', 'hr', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    expect((await whoami(token)).statusCode).toBe(200);
    expect((await list()).find((t) => t.id === id)).toMatchObject({ status: 'active', revokedAt: null });
    // The listing never shows a secret.
    expect(JSON.stringify(await list())).not.toContain(token);

    const revoked = await runCliWith(handle, ['token', 'revoke', id, '--tenant', 'acme', '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id, alreadyRevoked: false, role: 'hr' });

    const refused = await whoami(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe('unauthorized');
    expect((await list()).find((t) => t.id === id)).toMatchObject({ status: 'revoked' });

    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_id'])
      .where('action', '=', 'token.revoke')
      .execute();
    expect(audit).toEqual([{ actor: 'cli', subject_id: id }]);

    const again = await runCliWith(handle, ['token', 'revoke', id, '--tenant', 'acme']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
  });

  it('refuses an unknown id, a malformed id and a token of another tenant with one line naming the id', async () => {
    const created = await runCliWith(handle, ['token', 'create', '--tenant', 'other', '--role', 'admin', '--json']);
    const { id } = JSON.parse(created.stdout) as { id: string };
    for (const ref of [id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const run = await runCliWith(handle, ['token', 'revoke', ref, '--tenant', 'acme']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`no token "${ref}" in tenant "acme"`);
    }
    expect((await list('other')).map((t) => t.status)).toEqual(['active']);
  });

  it('a token bound to an employee who has left stops working (401) and is listed as inactive', async () => {
    const token = await createToken(handle.db, tenantId, 'manager', leaverId);
    expect((await whoami(token)).statusCode).toBe(200);
    await handle.db
      .updateTable('employees')
      .set({ status: 'left', left_at: new Date() })
      .where('id', '=', leaverId)
      .execute();
    expect((await whoami(token)).statusCode).toBe(401);
    expect((await list()).find((t) => t.employeeExternalId === 'E9')).toMatchObject({ status: 'inactive' });
  });
});

describe('last_used_at', () => {
  it('is written on first use and then at most once a minute, not once per request', async () => {
    const token = await createToken(handle.db, tenantId, 'admin');
    const lastUsed = async () =>
      (
        await handle.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('last_used_at', 'is not', null)
          .where('role', '=', 'admin')
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst()
      )?.last_used_at?.toISOString();
    clock = new Date('2026-11-30T09:00:00Z');
    for (let i = 0; i < 5; i++) expect((await whoami(token)).statusCode).toBe(200);
    expect(await lastUsed()).toBe('2026-11-30T09:00:00.000Z');
    clock = new Date('2026-11-30T09:00:45Z');
    for (let i = 0; i < 5; i++) await whoami(token);
    expect(await lastUsed()).toBe('2026-11-30T09:00:00.000Z');
    clock = new Date('2026-11-30T09:01:01Z');
    await whoami(token);
    expect(await lastUsed()).toBe('2026-11-30T09:01:01.000Z');
  });
});

describe('failed authentication', () => {
  it('is rate-limited per client address: 429 with Retry-After, other addresses unaffected', async () => {
    const good = await createToken(handle.db, tenantId, 'admin');
    const attacker = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await whoami(`tp_guess${i}`, attacker)).statusCode).toBe(401);
    const limited = await whoami('tp_guess-again', attacker);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ error: 'too_many_requests' });
    // While limited, the address is refused before any token is looked at.
    expect((await whoami(good, attacker)).statusCode).toBe(429);
    // Another address is not affected; a request without a token is not a guess and is not counted.
    expect((await whoami(good, '198.51.100.1')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      const missing = await app.inject({ method: 'GET', url: '/api/v1/whoami', remoteAddress: '198.51.100.2' });
      expect(missing.statusCode).toBe(401);
    }
  });
});
