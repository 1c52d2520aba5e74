// A Slack workspace stored with `teampulse platform add slack --tenant …` while no SLACK_* credentials are in the
// environment, wired by the composition root (src/compose/platforms.ts) from the service's own config loader: its
// Web API calls go to SLACK_API_URL (here the fake), not to slack.com. OAuth-installed workspaces take the same path
// (a stored installation, looked up per tenant).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundSink } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { envInstallations, InstallationDirectory, secretBoxFromConfig } from '../../src/app/platforms/index.js';
import { createPlatformRuntimes } from '../../src/compose/platforms.js';
import { loadConfig } from '../../src/config.js';
import type { SlackRuntime } from '../../adapters/slack/runtime.js';
import { runCliWith } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { SLACK_USERS, TEAM_ID } from '../helpers/slack-env.js';
import { createAlertOrg, type AlertOrg } from './alerts-fixtures.js';

const KEY = randomBytes(32).toString('base64');
const SLUG = 'slack-stored';
const STORED_TOKEN = 'xoxb-stored-workspace-0001';
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let database: TestDatabase;
let org: AlertOrg;
let fake: FakeSlack;

beforeAll(async () => {
  database = await createTestDatabase();
  org = await createAlertOrg(database.db, SLUG, { locale: 'en', settings: { platform: 'slack' } });
  const manager = SLACK_USERS.manager;
  await database.db
    .updateTable('employees')
    .set({ email: manager.email })
    .where('tenant_id', '=', org.tenantId)
    .where('external_id', '=', manager.employee)
    .execute();
  fake = await startFakeSlack();
  fake.users.push({ id: manager.id, email: manager.email });
}, 60_000);
afterAll(async () => {
  await fake.close();
  await database.destroy();
});

describe('a stored Slack workspace without SLACK_* credentials', () => {
  it('calls the Web API at SLACK_API_URL (e-mail lookups of the daily identity sync)', async () => {
    const stored = await runCliWith(
      database,
      [
        'platform',
        'add',
        'slack',
        '--tenant',
        SLUG,
        '--json',
        ...['--set', `teamId=${TEAM_ID}`, '--set', `botToken=${STORED_TOKEN}`, '--set', 'signingSecret=stored-secret'],
      ],
      // The environment has only the key that seals the workspace's secrets.
      { TEAMPULSE_ENCRYPTION_KEY: KEY },
    );
    expect([stored.code, stored.stderr]).toEqual([0, '']);

    const config = loadConfig({ TEAMPULSE_ENCRYPTION_KEY: KEY, SLACK_API_URL: fake.apiUrl });
    expect(config.slack).toBeUndefined();
    const db = database.db;
    const installations = new InstallationDirectory({
      db,
      env: envInstallations(config),
      secretBox: secretBoxFromConfig(config),
    });
    const now = () => new Date();
    const sink = createInboundSink({ db, dispatcher: buildInboundDispatcher({ db, now }), now });
    const runtimes = await createPlatformRuntimes(config, { installations, sink, logger: silent, now });
    const slack = runtimes.find((r) => r.adapter.name === 'slack') as SlackRuntime;

    const result = await slack.identities.linkTenant(org.tenantId);
    expect(result.linked).toBe(1);
    const lookups = fake.callsOf('users.lookupByEmail');
    expect(lookups.map((c) => c.args.email)).toContain(SLACK_USERS.manager.email);
    expect(lookups.every((c) => c.token === STORED_TOKEN)).toBe(true);
  });
});
