// Tenant deletion and TRUNCATE (issue 10): TRUNCATE of the audit log is refused like UPDATE and DELETE, and a
// tenant is deleted through `teampulse tenant delete <slug> --confirm` — its data erased, its audit log kept TEAMPULSE_AUDIT_RETENTION_YEARS (6 by default) — instead
// of failing on the audit trigger.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { buildApp } from '../../src/http/app.js';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.destroy();
});

const auditOf = (tenantId: string) =>
  handle.db.selectFrom('audit_log').select(['action', 'actor', 'details']).where('tenant_id', '=', tenantId).execute();

const countIn = (table: 'employees' | 'teams' | 'api_tokens', tenantId: string) =>
  countRows(handle.db, table, tenantId);

describe('audit log', () => {
  it('refuses TRUNCATE (statement trigger), as it refuses UPDATE and DELETE', async () => {
    const tenant = await createTenant(handle.db, 'trunc');
    await handle.db
      .insertInto('audit_log')
      .values({ tenant_id: tenant.id, actor: 'cli', action: 'test', subject_type: null, subject_id: null })
      .execute();
    await expect(sql`truncate audit_log`.execute(handle.db)).rejects.toThrow(/append-only: TRUNCATE is refused/);
    await expect(sql`update audit_log set action = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(handle.db)).rejects.toThrow(/6 years/);
    expect((await auditOf(tenant.id)).map((r) => r.action)).toEqual(['test']);
  });
});

describe('teampulse tenant delete', () => {
  it('without --confirm says in one line what it would erase and until when the audit log is kept; changes nothing', async () => {
    const tenant = await createTenant(handle.db, 'keep-me', { name: 'Keep Me' });
    await createToken(handle.db, tenant.id, 'hr');
    const run = await runCliWith(handle, ['tenant', 'delete', 'keep-me']);
    expect(run.code).toBe(1);
    const keptUntilYear = new Date().getUTCFullYear() + 6;
    expect(run.stderr).toMatch(
      new RegExp(
        `^teampulse: deleting tenant "keep-me" \\(Keep Me\\) erases 0 employees, 0 teams, 1 API tokens, .*; ` +
          `its audit log is kept until ${keptUntilYear}-\\d\\d-\\d\\d \\(6-year retention\\)\\. Re-run with --confirm to delete it\\n$`,
      ),
    );
    expect(await countIn('api_tokens', tenant.id)).toBe(1);
    const list = await runCliWith(handle, ['tenant', 'list', '--json']);
    expect((JSON.parse(list.stdout) as { slug: string }[]).map((t) => t.slug)).toContain('keep-me');
  });

  it('names the configured audit retention (TEAMPULSE_AUDIT_RETENTION_YEARS), not a fixed 6 years', async () => {
    await createTenant(handle.db, 'keep-ten', { name: 'Keep Ten' });
    const run = await runCliWith(handle, ['tenant', 'delete', 'keep-ten'], { TEAMPULSE_AUDIT_RETENTION_YEARS: '10' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`kept until ${new Date().getUTCFullYear() + 10}-`);
    expect(run.stderr).toContain('(10-year retention)');
  });

  it('with --confirm erases the tenant and its data, keeps (and extends) its audit log, and leaves others alone', async () => {
    const created = await runCliWith(handle, ['tenant', 'create', 'gone', '--name', 'Gone Co', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const goneId = (JSON.parse(created.stdout) as { id: string }).id;
    const other = await createTenant(handle.db, 'stays');
    for (const [tenantId, prefix] of [
      [goneId, 'g'],
      [other.id, 's'],
    ] as const) {
      const team = await handle.db
        .insertInto('teams')
        .values({ tenant_id: tenantId, external_id: `${prefix}-team`, name: 'Team', parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await handle.db
        .insertInto('employees')
        .values({ tenant_id: tenantId, external_id: `${prefix}1`, display_name: 'P', email: null, team_id: team.id })
        .execute();
    }
    const goneToken = await createToken(handle.db, goneId, 'admin');
    const otherToken = await createToken(handle.db, other.id, 'admin');
    const app = await buildApp({ db: handle.db, logger: false });
    try {
      // A read through the API leaves an audit row of the tenant, as any read of a person does.
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/employees/g1', headers: bearer(goneToken) })).statusCode,
      ).toBe(200);
      const before = (await auditOf(goneId)).length;
      expect(before).toBeGreaterThanOrEqual(2);

      const run = await runCliWith(handle, ['tenant', 'delete', 'gone', '--confirm', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        deleted: boolean;
        counts: Record<string, number>;
        auditKeptUntil: string;
      };
      expect(result).toMatchObject({
        deleted: true,
        counts: { employees: 1, teams: 1, apiTokens: 1, auditEntries: before + 1 },
      });
      expect(result.auditKeptUntil.slice(0, 4)).toBe(String(new Date().getUTCFullYear() + 6));

      // Its data is gone, its token no longer works, its slug is free again.
      expect(await countIn('employees', goneId)).toBe(0);
      expect(await countIn('teams', goneId)).toBe(0);
      expect(await countIn('api_tokens', goneId)).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/api/v1/whoami', headers: bearer(goneToken) })).statusCode).toBe(
        401,
      );
      const list = await runCliWith(handle, ['tenant', 'list', '--json']);
      expect((JSON.parse(list.stdout) as { slug: string }[]).map((t) => t.slug)).not.toContain('gone');

      // The audit log is kept, ending with the deletion itself, and is still append-only.
      const audit = await auditOf(goneId);
      expect(audit).toHaveLength(before + 1);
      expect(audit.at(-1)).toMatchObject({
        action: 'tenant.delete',
        actor: 'cli',
        details: { slug: 'gone', name: 'Gone Co', auditKeptUntil: result.auditKeptUntil },
      });
      await expect(sql`delete from audit_log where tenant_id = ${goneId}::uuid`.execute(handle.db)).rejects.toThrow(
        /6 years/,
      );

      // The other tenant is untouched.
      expect(await countIn('employees', other.id)).toBe(1);
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/employees/s1', headers: bearer(otherToken) })).statusCode,
      ).toBe(200);

      const again = await runCliWith(handle, ['tenant', 'create', 'gone', '--name', 'Gone Again']);
      expect(again.code, again.stderr).toBe(0);
      const missing = await runCliWith(handle, ['tenant', 'delete', 'nobody', '--confirm']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/unknown tenant "nobody"/);
    } finally {
      await app.close();
    }
  });
});
