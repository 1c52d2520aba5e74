// The command layer's verbs through Slack (issue I's gap): signed `/teampulse …` slash commands posted to
// /slack/events, answered privately (ephemeral) on the command's response_url at the fake Slack, per the sender's
// role — an employee sees their own data and is refused the manager verbs, a manager lists their reports' risk and
// is refused HR's profile read, HR reads a profile — and the sensitive reads are audited with source "slack".
// Org: test/integration/alerts-fixtures.ts (E2 manager → E3 Li Na, E4; E5 HR tenant-wide).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertEmployeeScores } from '../../src/storage/repositories/scores.js';
import {
  linkSlackUsers,
  slackHeaders,
  slashCommandBody,
  SLACK_USERS,
  startSlackEnv,
  type SlackEnv,
} from '../helpers/slack-env.js';

const HR_SLACK = 'U0HRLIU';

let env: SlackEnv;
let sequence = 0;

beforeAll(async () => {
  // Every reply goes through response_url (the fake), not the ack body.
  env = await startSlackEnv({ slug: 'slack-verbs', runtime: { replyWithinMs: 0 } });
  const { db, org } = env;
  await linkSlackUsers(env, [
    [org.people.hr, HR_SLACK],
    [org.people.rep1, SLACK_USERS.rep.id],
    [org.people.salesMgr, SLACK_USERS.manager.id],
  ]);
  await upsertEmployeeScores(db, [
    {
      tenant_id: org.tenantId,
      employee_id: org.people.rep1,
      as_of: '2026-11-24',
      status: 'scored',
      risk_score: 82,
      risk_level: 'high',
      reasons: [{ code: 'team_msgs_change', params: { change: -60, teamChange: 0, adjusted: -60 }, contribution: 40 }],
      features: {},
      collaboration_score: 60,
      collaboration_components: {},
      rule_version: 0,
    },
  ]);
});
afterAll(async () => env?.close());

/** Runs `/teampulse <text>` as this Slack user; returns the ephemeral reply the fake received on response_url. */
async function slash(userId: string, text: string): Promise<string> {
  const at = env.clock.now();
  const id = `verb-${++sequence}`;
  const body = slashCommandBody({
    userId,
    text,
    triggerId: `7777.${sequence}.${userId}`,
    responseUrl: `${env.fake.url}/respond/${id}`,
  });
  const res = await env.app.inject({
    method: 'POST',
    url: '/slack/events',
    headers: slackHeaders(body, at, 'application/x-www-form-urlencoded'),
    payload: body,
  });
  expect(res.statusCode).toBe(200);
  expect(res.body).toBe('');
  await expect.poll(() => env.fake.responses.filter((r) => r.id === id).length).toBe(1);
  const reply = env.fake.responses.find((r) => r.id === id)!.body;
  expect(reply).toMatchObject({ response_type: 'ephemeral' });
  return JSON.stringify(reply);
}

const profileReads = () =>
  env.db
    .selectFrom('audit_log')
    .select(['actor', 'details'])
    .where('action', '=', 'profile.read')
    .where('subject_id', '=', env.org.people.rep1)
    .execute();

describe('verbs through Slack slash commands', () => {
  it('an employee sees their own data and is refused the manager verbs', async () => {
    expect(await slash(SLACK_USERS.rep.id, 'me')).toContain('Your data (2026-11-24)');
    expect(await slash(SLACK_USERS.rep.id, 'risk')).toContain('is not available to your role');
    const help = await slash(SLACK_USERS.rep.id, 'help');
    expect(help).toContain('me');
    expect(help).not.toContain('risk');
  });

  it("a manager lists their reports' risk and is refused HR's profile read", async () => {
    const risk = await slash(SLACK_USERS.manager.id, 'risk');
    expect(risk).toContain('People who may need support (2026-11-24)');
    expect(risk).toContain('Li Na (E3)');
    const listed = await env.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'risk.list')
      .execute();
    expect(listed).toEqual([
      expect.objectContaining({
        actor: `employee:${env.org.people.salesMgr}`,
        details: expect.objectContaining({ source: 'slack', employeeIds: [env.org.people.rep1] }),
      }),
    ]);
    expect(await slash(SLACK_USERS.manager.id, 'profile E3')).toContain('is not available to your role');
    expect(await profileReads()).toEqual([]);
  });

  it('HR reads a profile; the read is audited with the platform', async () => {
    expect(await slash(HR_SLACK, 'profile E3')).toContain('Li Na (E3)');
    expect(await slash(HR_SLACK, 'profile nobody')).toContain('nobody');
    expect(await profileReads()).toEqual([
      expect.objectContaining({
        actor: `employee:${env.org.people.hr}`,
        details: expect.objectContaining({ source: 'slack', via: 'command' }),
      }),
    ]);
  });

  it('someone Slack knows but the directory does not is told so', async () => {
    env.fake.users.push({ id: 'U0STRANGER', email: 'stranger@elsewhere.test' });
    expect(await slash('U0STRANGER', 'me')).toContain("I don't know your account yet");
  });
});
