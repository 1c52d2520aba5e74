// A pulse survey end to end on Slack (issue H's gap), through the service's real survey use cases and the fake Slack
// API: a round for Sales East goes to its three Slack users as Block Kit DMs with 1–5 buttons; each answer is a
// signed block_actions interaction on /slack/events, recorded once (Slack's redelivery of the same click is not a
// second answer); closed, the round's results show the response rate and suppress the team's score below the
// tenant's anonymity threshold (5 by default), and show it once the threshold (3) is met.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access, operatorActor } from '../../src/app/access/index.js';
import {
  closeOpenRounds,
  listQuestions,
  retireQuestion,
  startRound,
  surveyResults,
  updateSurveySettings,
} from '../../src/app/surveys/index.js';
import { json } from '../helpers/fake-slack.js';
import { linkSlackUsers, postSlackClick, SLACK_USERS, startSlackEnv, type SlackEnv } from '../helpers/slack-env.js';

type Button = { type: string; action_id: string; value: string; text: { text: string } };

let env: SlackEnv;
let operator: Access;
let roundId: string;
const dms = new Map<string, { channel: string; buttons: Button[] }>();

beforeAll(async () => {
  env = await startSlackEnv({ slug: 'slack-pulse' });
  const { db, org } = env;
  await linkSlackUsers(env, [
    [org.people.salesMgr, SLACK_USERS.manager.id],
    [org.people.rep1, SLACK_USERS.rep.id],
    [org.people.rep2, SLACK_USERS.rep2.id],
  ]);
  operator = new Access(db, operatorActor(org.tenantId));
  // One 1–5 question per round, so one click finishes a person's round.
  const questions = (await listQuestions(operator, { locale: 'en' })).questions.filter((q) => !q.retired);
  const kept = questions.find((q) => q.key !== 'enps.1')!;
  for (const q of questions) if (q.key !== kept.key) await retireQuestion(operator, q.key);
});
afterAll(async () => env?.close());

async function click(userId: string, button: Button, channel: string, trigger: string) {
  const res = await postSlackClick(env, {
    userId,
    button,
    channel,
    trigger,
    blockId: 'q',
    messageTs: '1700000000.000001',
  });
  expect(res.statusCode).toBe(200);
}

const answers = () =>
  env.db.selectFrom('survey_answers').select(['value']).where('round_id', '=', roundId).orderBy('value').execute();

describe('a pulse over Slack', () => {
  it("sends the team's Slack users their question as Block Kit with 1–5 buttons", async () => {
    const round = await startRound(operator, { team: 'sales-east', now: env.clock.now(), quietHours: false });
    roundId = round.roundId;
    expect(round.invited).toBe(3);
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 3, dead: 0 });
    const opened = env.fake.callsOf('conversations.open').map((c) => c.args.users);
    expect(opened.sort()).toEqual([SLACK_USERS.manager.id, SLACK_USERS.rep.id, SLACK_USERS.rep2.id].sort());
    for (const call of env.fake.callsOf('chat.postMessage')) {
      const blocks = json<Array<{ type: string; elements?: Button[] }>>(call.args.blocks);
      const buttons = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
      const user = `U${call.args.channel!.slice(1)}`;
      dms.set(user, { channel: call.args.channel!, buttons });
      expect(call.args.text).toBeTruthy();
      expect(buttons.map((b) => b.text.text).slice(0, 5)).toEqual(['1', '2', '3', '4', '5']);
      expect(buttons.length).toBe(6); // and "skip"
    }
    expect([...dms.keys()].sort()).toEqual([SLACK_USERS.manager.id, SLACK_USERS.rep.id, SLACK_USERS.rep2.id].sort());
  });

  it('records each click once, even when Slack delivers it again', async () => {
    const pick = (user: string, label: string) => dms.get(user)!.buttons.find((b) => b.text.text === label)!;
    const rep = dms.get(SLACK_USERS.rep.id)!;
    await click(SLACK_USERS.rep.id, pick(SLACK_USERS.rep.id, '4'), rep.channel, '8888.1.rep');
    await click(SLACK_USERS.rep.id, pick(SLACK_USERS.rep.id, '4'), rep.channel, '8888.1.rep'); // redelivered
    // Answers are stored without the person (anonymity): one row for the click and its redelivery.
    expect(await answers()).toEqual([{ value: 4 }]);
    await click(
      SLACK_USERS.manager.id,
      pick(SLACK_USERS.manager.id, '2'),
      dms.get(SLACK_USERS.manager.id)!.channel,
      '8888.2.mgr',
    );
    await click(
      SLACK_USERS.rep2.id,
      pick(SLACK_USERS.rep2.id, '3'),
      dms.get(SLACK_USERS.rep2.id)!.channel,
      '8888.3.r2',
    );
    expect((await answers()).map((a) => a.value)).toEqual([2, 3, 4]);
    // Each person was thanked privately on the click's response_url.
    await expect.poll(() => env.fake.responses.filter((r) => r.id.startsWith('8888.')).length).toBe(3);
  });

  it('results: the response rate, the score suppressed below the anonymity threshold, shown once it is met', async () => {
    expect(await closeOpenRounds(operator, env.clock.now())).toBe(1);
    const sales = async () =>
      (await surveyResults(operator, { team: 'sales-east', locale: 'en' })).groups.find(
        (g) => g.externalId === 'sales-east',
      )!;
    const hidden = await sales();
    expect(hidden.responseRate).toMatchObject({ invited: 3, answered: 3 });
    const asked = hidden.drivers.filter((d) => d.respondents !== null || d.suppressed !== null);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ score: null, suppressed: { reason: 'min_respondents' } });
    expect(JSON.stringify(hidden)).not.toContain('"score":3');

    await updateSurveySettings(operator, { minRespondents: 3 });
    const shown = (await sales()).drivers.find((d) => d.driver === asked[0]!.driver)!;
    expect(shown).toMatchObject({ score: 3, respondents: 3, suppressed: null });
  });
});
