// A deactivated Slack account is a possible departure, not a departure: a signed user_change with deleted: true (or
// the daily identity sync finding a linked account deleted in users.list) changes nothing about the person; HR gets
// a Block Kit DM through the fake Slack API with Confirm / Dismiss; Confirm (a signed block_actions click) records
// the departure through the signals use case (status left, left_at = when Slack said so), Dismiss keeps them. Each
// step is audited; Slack's retries and a second report open no second review; only HR can decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/fake-slack.js';
import {
  envelope,
  postSlackClick,
  slackHeaders,
  linkSlackUsers,
  SLACK_USERS,
  startSlackEnv,
  TEAM_ID,
  type SlackEnv,
} from '../helpers/slack-env.js';

const HR_SLACK = 'U0HRLIU';

let env: SlackEnv;
beforeAll(async () => {
  env = await startSlackEnv({ slug: 'slack-departures' });
  const { org } = env;
  env.fake.users.push({ id: HR_SLACK, email: 'liu.fang@acme.test' });
  await linkSlackUsers(env, [
    [org.people.hr, HR_SLACK],
    [org.people.rep1, SLACK_USERS.rep.id],
    [org.people.rep2, SLACK_USERS.rep2.id],
    [org.people.salesMgr, SLACK_USERS.manager.id],
  ]);
});
afterAll(async () => env.close());

const post = (body: string, headers: Record<string, string>) =>
  env.app.inject({ method: 'POST', url: '/slack/events', headers, payload: body });

function deactivated(userId: string, eventId: string, at: Date): string {
  return envelope(
    {
      type: 'user_change',
      user: { id: userId, team_id: TEAM_ID, name: 'someone', deleted: true, is_bot: false, profile: {} },
      cache_ts: Math.floor(at.getTime() / 1000),
      event_ts: `${Math.floor(at.getTime() / 1000)}.000100`,
    },
    eventId,
    at,
  );
}

const employee = (id: string) =>
  env.db.selectFrom('employees').select(['status', 'left_at']).where('id', '=', id).executeTakeFirstOrThrow();
const reviews = () =>
  env.db.selectFrom('possible_departures').selectAll().orderBy('created_at').orderBy('id').execute();
const audits = (action: string) =>
  env.db
    .selectFrom('audit_log')
    .select(['actor', 'subject_id', 'details'])
    .where('tenant_id', '=', env.org.tenantId)
    .where('action', '=', action)
    .execute();

/** The HR DM the outbox sent last, with its buttons. */
function lastHrDm() {
  const dm = env.fake.callsOf('chat.postMessage').at(-1)!;
  const blocks = json<Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: unknown }> }>>(
    dm.args.blocks,
  );
  const buttons = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
  return { dm, blocks, buttons };
}

async function click(
  userId: string,
  button: { action_id: string; value: string },
  channel: string,
  trigger: string,
): Promise<Record<string, unknown>> {
  const res = await postSlackClick(env, {
    userId,
    button,
    channel,
    trigger,
    blockId: 'b',
    messageTs: '1700000000.000009',
  });
  expect(res.statusCode).toBe(200);
  await expect.poll(() => env.fake.responses.filter((r) => r.id === trigger).length).toBe(1);
  return env.fake.responses.find((r) => r.id === trigger)!.body;
}

describe('Slack deactivation → HR confirms the departure', () => {
  it('opens one review per person (retries and repeats included) and DMs HR with Confirm / Dismiss', async () => {
    const at = new Date('2026-11-24T09:30:00Z');
    const body = deactivated(SLACK_USERS.rep.id, 'Ev0DEACT0001', at);
    expect((await post(body, slackHeaders(body, env.clock.now()))).statusCode).toBe(200);
    // Slack's retry of the same event, and a second user_change for the same account.
    const retry = await post(body, { ...slackHeaders(body, env.clock.now()), 'x-slack-retry-num': '1' });
    expect(retry.statusCode).toBe(200);
    const again = deactivated(SLACK_USERS.rep.id, 'Ev0DEACT0002', at);
    expect((await post(again, slackHeaders(again, env.clock.now()))).statusCode).toBe(200);

    expect(await reviews()).toMatchObject([
      { employee_id: env.org.people.rep1, status: 'pending', platform: 'slack', platform_user_id: SLACK_USERS.rep.id },
    ]);
    expect(new Date((await reviews())[0]!.detected_at).toISOString()).toBe(at.toISOString());
    // Nothing about the person changed.
    expect(await employee(env.org.people.rep1)).toEqual({ status: 'active', left_at: null });
    expect(await audits('departure.possible')).toMatchObject([{ actor: 'slack', subject_id: env.org.people.rep1 }]);

    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1, dead: 0 });
    expect(env.fake.callsOf('conversations.open').at(-1)!.args.users).toBe(HR_SLACK);
    const { dm, blocks, buttons } = lastHrDm();
    expect(dm.args.channel).toBe(`D${HR_SLACK.slice(1)}`);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Li Na (E3) may have left' } });
    expect(dm.args.text).toContain("Li Na's Slack account was deactivated on 2026-11-24");
    expect(buttons.map((b) => b.value)).toEqual([
      `${(await reviews())[0]!.id}:confirm`,
      `${(await reviews())[0]!.id}:dismiss`,
    ]);
  });

  it('a non-HR click decides nothing; HR Confirm records the departure as an HR system would', async () => {
    const { buttons, dm } = lastHrDm();
    const confirm = buttons[0]!;
    // The manager got hold of the button: not theirs to decide.
    const refused = await click(SLACK_USERS.manager.id, confirm, dm.args.channel!, '5555.0001.mgr');
    expect(JSON.stringify(refused)).toContain('not yours to decide');
    expect(await employee(env.org.people.rep1)).toEqual({ status: 'active', left_at: null });

    const answer = await click(HR_SLACK, confirm, dm.args.channel!, '5555.0002.hr');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer)).toContain("Li Na's departure was recorded.");
    const person = await employee(env.org.people.rep1);
    expect(person.status).toBe('left');
    expect(new Date(person.left_at!).toISOString()).toBe('2026-11-24T09:30:00.000Z');
    expect((await reviews())[0]).toMatchObject({ status: 'confirmed', decided_by: `employee:${env.org.people.hr}` });
    const departure = await env.db
      .selectFrom('signal_events')
      .select(['source', 'kind'])
      .where('employee_id', '=', env.org.people.rep1)
      .where('kind', '=', 'departure')
      .execute();
    expect(departure).toEqual([{ source: 'hr-api', kind: 'departure' }]);
    expect(await audits('departure.confirmed')).toMatchObject([
      { actor: `employee:${env.org.people.hr}`, subject_id: env.org.people.rep1 },
    ]);

    // A second click (the other button, later) changes nothing.
    const late = await click(HR_SLACK, buttons[1]!, dm.args.channel!, '5555.0003.hr');
    expect(JSON.stringify(late)).toContain('already decided');
    expect((await reviews())[0]!.status).toBe('confirmed');
    expect(await audits('departure.dismissed')).toHaveLength(0);
    // Someone who has left is not reported again.
    const after = deactivated(SLACK_USERS.rep.id, 'Ev0DEACT0003', env.clock.now());
    expect((await post(after, slackHeaders(after, env.clock.now()))).statusCode).toBe(200);
    expect(await reviews()).toHaveLength(1);
  });

  it('the daily identity sync finds a deactivated account in users.list; HR Dismiss keeps the person', async () => {
    env.clock.advance(60_000);
    const fakeUser = env.fake.users.find((u) => u.id === SLACK_USERS.rep2.id)!;
    fakeUser.deleted = true;
    const result = await env.runtime.identities.checkDeactivated(env.org.tenantId);
    expect(result).toEqual({ deactivated: 1, opened: 1 });
    expect(env.fake.callsOf('users.list').length).toBeGreaterThanOrEqual(1);
    // Run again: the pending review is not duplicated.
    expect(await env.runtime.identities.checkDeactivated(env.org.tenantId)).toEqual({ deactivated: 1, opened: 0 });
    const pending = (await reviews()).filter((r) => r.status === 'pending');
    expect(pending).toMatchObject([{ employee_id: env.org.people.rep2 }]);

    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1 });
    const { buttons, dm } = lastHrDm();
    expect(dm.args.text).toContain('Sun Hao');
    const answer = await click(HR_SLACK, buttons[1]!, dm.args.channel!, '5555.0004.hr');
    expect(JSON.stringify(answer)).toContain('Sun Hao stays active');
    expect(await employee(env.org.people.rep2)).toEqual({ status: 'active', left_at: null });
    expect((await reviews()).find((r) => r.employee_id === env.org.people.rep2)!.status).toBe('dismissed');
    expect(await audits('departure.dismissed')).toMatchObject([
      { actor: `employee:${env.org.people.hr}`, subject_id: env.org.people.rep2 },
    ]);
  });
});
