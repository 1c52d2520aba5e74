// Employees who never spoke where the bot listens are found by e-mail (users.lookupByEmail), so a manager's alert
// goes to Slack rather than nowhere: paced, a 429 waits its Retry-After, unknown addresses are not asked again the
// same day, linked people are not asked at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConversation } from '../../src/delivery/recipient.js';
import { SLACK_USERS, startSlackEnv, type SlackEnv } from '../helpers/slack-env.js';

const slept: number[] = [];
let env: SlackEnv;
beforeAll(async () => {
  env = await startSlackEnv({
    slug: 'slack-ids',
    runtime: {
      identitySleep: async (ms) => {
        slept.push(ms);
      },
    },
  });
  await env.db
    .updateTable('employees')
    .set({ email: 'Nobody.On.Slack@Acme.test' })
    .where('tenant_id', '=', env.org.tenantId)
    .where('external_id', '=', 'E0')
    .execute();
}, 60_000);
afterAll(async () => env.close());

describe('Slack identities by e-mail', () => {
  it('links every employee Slack knows by e-mail, honouring a 429', async () => {
    const { org, fake } = env;
    expect((await resolveConversation(env.db, org.tenantId, org.people.salesMgr)).platform).toBe('console');
    fake.script('users.lookupByEmail', { status: 429, headers: { 'retry-after': '7' }, body: { ok: false } });
    const result = await env.runtime.identities.linkTenant(org.tenantId);
    expect(result).toEqual({ looked: 4, linked: 3 });
    expect(slept).toContain(7_000);
    const asked = fake.callsOf('users.lookupByEmail').map((c) => c.args.email);
    expect(asked).toEqual(expect.arrayContaining([SLACK_USERS.manager.email, 'nobody.on.slack@acme.test']));
    expect(await resolveConversation(env.db, org.tenantId, org.people.salesMgr)).toMatchObject({
      platform: 'slack',
      userId: SLACK_USERS.manager.id,
    });

    // Next run: the linked are not asked again, nor (today) the address Slack did not know.
    const before = fake.callsOf('users.lookupByEmail').length;
    expect(await env.runtime.identities.linkTenant(org.tenantId)).toEqual({ looked: 0, linked: 0 });
    expect(fake.callsOf('users.lookupByEmail')).toHaveLength(before);
  });
});
