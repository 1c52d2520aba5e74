// A pulse through a chat adapter: DingTalk (HTTP mode) against the fake DingTalk. The question reaches the person
// as an interactive card in zh-CN; a click on a signed button comes back as an action, is recorded once (a double
// click counts once), the next question follows as a card and the thanks is answered 1:1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { startRound } from '../../src/app/surveys/index.js';
import { cardClickBody, startDingTalkEnv, type DingTalkEnv } from '../helpers/dingtalk-env.js';
import type { FakeCall } from '../helpers/fake-dingtalk.js';

let env: DingTalkEnv;
beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'http', slug: 'dt-pulse' });
  // Sales East's people are linked to their DingTalk accounts (staff id = HR id).
  for (const [externalId, id] of [
    ['E2', env.org.people.salesMgr],
    ['E3', env.org.people.rep1],
    ['E4', env.org.people.rep2],
  ] as const)
    await env.db
      .insertInto('platform_identities')
      .values({
        tenant_id: env.org.tenantId,
        employee_id: id,
        platform: 'dingtalk',
        platform_user_id: externalId,
        dm_conversation_id: null,
      })
      .execute();
});
afterAll(async () => env.close());

const cardsTo = (userId: string): FakeCall[] =>
  env.fake
    .callsTo('/v1.0/im/v1.0/robot/interactiveCards/send')
    .filter((c) => JSON.parse((c.body as { singleChatReceiver: string }).singleChatReceiver).userId === userId);

/** The signed button ids of a card, by the last part of their value (answer value, or the round for "skip"). */
function buttonsOf(call: FakeCall): Record<string, string> {
  const card = JSON.parse((call.body as { cardData: string }).cardData) as {
    contents: Array<{ actions?: Array<{ id: string; actionType: string }> }>;
  };
  const out: Record<string, string> = {};
  for (const action of card.contents.flatMap((c) => c.actions ?? [])) {
    if (action.actionType !== 'request') continue;
    const [, value] = JSON.parse(Buffer.from(action.id.split('.')[1]!, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    out[value.split(':').length === 3 ? value.split(':').at(-1)! : 'mute'] = action.id;
  }
  return out;
}

const answers = async () =>
  env.db
    .selectFrom('survey_answers')
    .select(['value', 'question_id'])
    .where('tenant_id', '=', env.org.tenantId)
    .execute();

describe('a pulse on DingTalk', { timeout: 180_000 }, () => {
  it('sends each person of the team their first question as a zh-CN card with a button per scale point', async () => {
    const round = await startRound(new Access(env.db, operatorActor(env.org.tenantId)), {
      team: 'sales-east',
      now: env.clock.now(),
      quietHours: true,
    });
    expect(round.invited).toBe(3);
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 3, dead: 0 });
    const [card] = cardsTo('E3');
    expect(card).toBeDefined();
    const data = (card!.body as { cardData: string }).cardData;
    expect(data).toContain('脉搏调查 · 第 1/4 题');
    expect(data).toContain('匿名调查');
    expect(Object.keys(buttonsOf(card!)).sort()).toEqual(['1', '2', '3', '4', '5', 'mute']);
  });

  it('a click is an answer (once, however often it is clicked); the next question and the thanks follow', async () => {
    const [card] = cardsTo('E3');
    const three = buttonsOf(card!)['3']!;
    const bizId = (card!.body as { cardBizId: string }).cardBizId;
    const click = () =>
      env.app.inject({ method: 'POST', url: '/dingtalk/card', payload: cardClickBody(three, 'E3', bizId) });
    expect((await click()).statusCode).toBe(200);
    await env.inbox.drainOnce();
    expect((await answers()).map((a) => a.value)).toEqual([3]);
    const thanks = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)!.body as {
      userIds: string[];
      msgParam: string;
    };
    expect(thanks.userIds).toEqual(['E3']);
    expect(thanks.msgParam).toContain('谢谢，已记录');

    // The same click again (DingTalk retries, or a double click): still one answer, and no second thanks — the
    // adapter drops the repeated delivery, and a new press of the same value would be answered "counts once".
    const thanksBefore = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend').length;
    expect((await click()).statusCode).toBe(200);
    await env.inbox.drainOnce();
    expect((await answers()).map((a) => a.value)).toEqual([3]);
    const after = env.fake.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(
      after.length === thanksBefore || (after.at(-1)!.body as { msgParam: string }).msgParam.includes('只计一次'),
    ).toBe(true);

    await env.outbox.drainOnce();
    const next = cardsTo('E3');
    expect(next).toHaveLength(2);
    expect((next[1]!.body as { cardData: string }).cardData).toContain('第 2/4 题');
    const participation = await env.db
      .selectFrom('survey_participation')
      .select(['answered'])
      .where('employee_id', '=', env.org.people.rep1)
      .executeTakeFirstOrThrow();
    expect(participation.answered).toBe(true);
  });
});
