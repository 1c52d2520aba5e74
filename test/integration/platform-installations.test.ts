// Platform installations: `teampulse platform add|list|remove|rotate-key` keep secrets sealed (the database never
// holds them in clear, the listing never prints them), and the InstallationDirectory gives each request its
// tenant: environment credentials go to TEAMPULSE_DEFAULT_TENANT or the only tenant, stored ones to theirs.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { runCliWith } from '../helpers/cli.js';
import { createTenant } from '../helpers/fixtures.js';
import { InstallationDirectory, SecretBox } from '../../src/app/platforms/index.js';

const keyOld = randomBytes(32).toString('base64');
const keyNew = randomBytes(32).toString('hex');
const WECOM_SECRET = 'wecom-app-secret-value-0001';

describe('platform installations', () => {
  let handle: TestDatabase;
  let acme: string;
  let other: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = (await createTenant(handle.db, 'acme')).id;
    other = (await createTenant(handle.db, 'other')).id;
  });
  afterAll(async () => handle.destroy());

  const addWeCom = (env: Record<string, string>) =>
    runCliWith(
      handle,
      [
        'platform',
        'add',
        'wecom',
        '--tenant',
        'acme',
        '--json',
        '--set',
        'corpId=ww1234',
        '--set',
        'agentId=1000002',
        '--set',
        `secret=${WECOM_SECRET}`,
        '--set',
        'token=QDG6eK',
        '--set',
        'aesKey=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      ],
      env,
    );

  it('refuses to store secrets without an encryption key, and says which variable to set', async () => {
    const run = await addWeCom({});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TEAMPULSE_ENCRYPTION_KEY/);
    expect(await handle.db.selectFrom('platform_installations').selectAll().execute()).toEqual([]);
  });

  it('stores them sealed, lists field names only, and refuses bad or missing fields with every problem', async () => {
    const run = await addWeCom({ TEAMPULSE_ENCRYPTION_KEY: keyOld });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ platform: 'wecom', installationKey: 'ww1234:1000002', created: true });
    const dump = await sql<{ t: string }>`select row_to_json(p)::text as t from platform_installations p`.execute(
      handle.db,
    );
    expect(dump.rows[0]!.t).not.toContain(WECOM_SECRET);
    expect(dump.rows[0]!.t).not.toContain('QDG6eK');

    const list = await runCliWith(handle, ['platform', 'list', '--tenant', 'acme'], {
      TEAMPULSE_ENCRYPTION_KEY: keyOld,
    });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/wecom\s+ww1234:1000002/);
    expect(list.stdout).toMatch(/fields: aesKey, secret, token/);
    expect(list.stdout).not.toContain(WECOM_SECRET);

    const bad = await runCliWith(
      handle,
      ['platform', 'add', 'dingtalk', '--tenant', 'acme', '--set', 'clientSecret=x', '--set', 'colour=blue'],
      { TEAMPULSE_ENCRYPTION_KEY: keyOld },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown field "colour"/);
    expect(bad.stderr).toMatch(/clientId is required/);

    const stolen = await runCliWith(
      handle,
      [
        'platform',
        'add',
        'wecom',
        '--tenant',
        'other',
        '--set',
        'corpId=ww1234',
        '--set',
        'agentId=1000002',
        '--set',
        'secret=s',
        '--set',
        'token=t',
        '--set',
        'aesKey=k',
      ],
      { TEAMPULSE_ENCRYPTION_KEY: keyOld },
    );
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toMatch(/belongs to another tenant/);
  });

  it('resolves a request to its installation and tenant, opening the secrets', async () => {
    const directory = new InstallationDirectory({
      db: handle.db,
      secretBox: new SecretBox([Buffer.from(keyOld, 'base64')]),
    });
    const found = await directory.find('wecom', 'ww1234:1000002');
    expect(found).toMatchObject({ tenantId: acme, origin: 'db', secrets: { secret: WECOM_SECRET } });
    expect(await directory.find('wecom', 'ww9999:1')).toBeUndefined();
    expect((await directory.forTenant(acme, 'wecom'))?.installationKey).toBe('ww1234:1000002');
    expect(await directory.forTenant(other, 'wecom')).toBeUndefined();
  });

  it('binds environment credentials to TEAMPULSE_DEFAULT_TENANT, and to nobody when it is ambiguous', async () => {
    const env = [{ platform: 'slack' as const, installationKey: '*', secrets: { botToken: 'xoxb-env' }, settings: {} }];
    const warnings: string[] = [];
    const logger = { warn: (_: object, msg?: string) => warnings.push(msg ?? '') };
    const ambiguous = new InstallationDirectory({ db: handle.db, env, logger });
    expect(await ambiguous.find('slack', 'T123')).toBeUndefined();
    expect(warnings.join()).toMatch(/TEAMPULSE_DEFAULT_TENANT/);
    const named = new InstallationDirectory({ db: handle.db, env, defaultTenantSlug: 'other' });
    expect(await named.find('slack', 'T123')).toMatchObject({
      tenantId: other,
      installationKey: 'T123',
      origin: 'env',
    });
    expect((await named.forTenant(other, 'slack'))?.secrets.botToken).toBe('xoxb-env');
    expect(await named.forTenant(acme, 'slack')).toBeUndefined();
  });

  it('rotates the key: the old key opens, rotate-key re-seals, then the old key can go', async () => {
    const both = `${keyNew},${keyOld}`;
    const rotate = await runCliWith(handle, ['platform', 'rotate-key', '--json'], { TEAMPULSE_ENCRYPTION_KEY: both });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(JSON.parse(rotate.stdout)).toMatchObject({ resealed: 1, unchanged: 0 });
    const again = await runCliWith(handle, ['platform', 'rotate-key', '--json'], { TEAMPULSE_ENCRYPTION_KEY: both });
    expect(JSON.parse(again.stdout)).toMatchObject({ resealed: 0, unchanged: 1 });
    const onlyNew = new InstallationDirectory({
      db: handle.db,
      secretBox: new SecretBox([Buffer.from(keyNew, 'hex')]),
    });
    expect((await onlyNew.find('wecom', 'ww1234:1000002'))?.secrets.secret).toBe(WECOM_SECRET);
  });

  it('removes an installation (audited), and says so when there is nothing to remove', async () => {
    const env = { TEAMPULSE_ENCRYPTION_KEY: keyNew };
    const removed = await runCliWith(
      handle,
      ['platform', 'remove', 'wecom', 'ww1234:1000002', '--tenant', 'acme'],
      env,
    );
    expect(removed.code, removed.stderr).toBe(0);
    const missing = await runCliWith(
      handle,
      ['platform', 'remove', 'wecom', 'ww1234:1000002', '--tenant', 'acme'],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no wecom installation/);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', acme)
      .where('action', 'like', 'platform.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['platform.install', 'platform.remove']);
  });
});
