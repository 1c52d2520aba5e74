// Commands and a pulse survey through WeCom, against the fake WeCom (test/helpers/wecom-env.ts): text commands in an
// encrypted callback are answered by the app in zh-CN with what the sender's role allows (employee, manager, HR);
// a pulse question arrives as a button_interaction card, a click is an answer (WeCom's retry counts once), the
// button is relabelled and the next question follows as a card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { closeOpenRounds, listQuestions, retireQuestion, startRound } from '../../src/app/surveys/index.js';
import { putEmployeeScore } from './alerts-fixtures.js';
import { cardClickXml, encryptedCallback, startWeComEnv, textMessageXml, type WeComEnv } from '../helpers/wecom-env.js';

let env: WeComEnv;
const SEND = '/cgi-bin/message/send';
let msgId = 7_000_000_000;

beforeAll(async () => {
  env = await startWeComEnv({ slug: 'wecom-verbs' });
  // Everyone is on WeCom under their HR id (E0 … E5).
  for (const [externalId, id] of Object.entries({
    E1: env.org.people.headSales,
    E2: env.org.people.salesMgr,
    E3: env.org.people.rep1,
    E4: env.org.people.rep2,
    E5: env.org.people.hr,
  }))
    await env.db
      .insertInto('platform_identities')
      .values({
        tenant_id: env.org.tenantId,
        employee_id: id,
        platform: 'wecom',
        platform_user_id: externalId,
        dm_conversation_id: null,
      })
      .execute();
  await putEmployeeScore(env.db, env.org.tenantId, env.org.people.rep1, '2026-11-24', 'high', 82);
});
afterAll(async () => env.close());

const post = (callback: { url: string; body: string }) =>
  env.app.inject({
    method: 'POST',
    url: callback.url,
    headers: { 'content-type': 'text/xml' },
    payload: callback.body,
  });

type Sent = { touser: string; msgtype: string; markdown?: { content: string }; template_card?: Card };
type Card = {
  card_type: string;
  task_id: string;
  main_title: { title: string };
  sub_title_text?: string;
  button_list?: Array<{ key: string; text: string }>;
  jump_list?: Array<{ title: string; url: string }>;
};

/** Sends `text` as `from` through the callback and returns what the app sent back to them. */
async function say(from: string, text: string): Promise<string> {
  const before = env.fake.callsTo(SEND).length;
  const at = env.clock.now();
  msgId += 1;
  const res = await post(encryptedCallback(textMessageXml({ from, content: text, msgId: String(msgId), at })));
  expect(res.statusCode).toBe(200);
  await env.runtime.inbound.idle();
  const replies = env.fake
    .callsTo(SEND)
    .slice(before)
    .map((c) => c.body as Sent)
    .filter((b) => b.touser === from);
  expect(replies.length, `no reply to "${text}" from ${from}`).toBeGreaterThan(0);
  return replies.map((r) => JSON.stringify(r)).join('\n');
}

const decodeKey = (key: string) =>
  JSON.parse(Buffer.from(key.slice(4), 'base64url').toString('utf8')) as [string, string];

describe('commands over WeCom', { timeout: 180_000 }, () => {
  it('help lists the verbs of the role, in zh-CN', async () => {
    const employee = await say('E3', '帮助');
    expect(employee).toContain('kudos');
    expect(employee).not.toContain('profile');
    const hr = await say('E5', 'help');
    expect(hr).toContain('profile');
  });

  it('an employee sees their own data; a manager-only verb is refused by role', async () => {
    expect(await say('E3', '我的')).toContain('关于你的数据');
    expect(await say('E3', 'risk')).toContain('抱歉，你的角色不能使用“risk”');
  });

  it("a manager's risk shows their own report; HR's profile of a person is audited", async () => {
    expect(await say('E2', 'risk')).toContain('Li Na');
    expect(await say('E5', 'profile E3')).toContain('Li Na');
    const reads = await env.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'details'])
      .where('tenant_id', '=', env.org.tenantId)
      .where('subject_id', '=', env.org.people.rep1)
      .execute();
    expect(reads.some((r) => (r.details as { source?: string }).source === 'wecom')).toBe(true);
  });

  it("export answers with a link to the person's own export", async () => {
    const reply = await say('E3', '导出');
    expect(reply).toContain('我们保存的关于你的数据');
    expect(reply).toMatch(new RegExp(`/links/export/${env.org.tenantId}/${env.org.people.rep1}/\\d+/`));
  });
});

describe('a pulse over WeCom', { timeout: 180_000 }, () => {
  let card: Card;

  it("sends each person of the team their first question as a button card (1–5 and 'skip')", async () => {
    const operator = new Access(env.db, operatorActor(env.org.tenantId));
    // eNPS (0–10) needs 12 buttons, more than a WeCom card carries: this round asks 1–5 items only.
    await retireQuestion(operator, 'enps.1');
    const round = await startRound(operator, { team: 'sales-east', now: env.clock.now(), quietHours: false });
    expect(round.invited).toBe(3);
    const before = env.fake.callsTo(SEND).length;
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 3, dead: 0 });
    const cards = env.fake
      .callsTo(SEND)
      .slice(before)
      .map((c) => c.body as Sent);
    expect(cards.map((c) => c.touser).sort()).toEqual(['E2', 'E3', 'E4']);
    const mine = cards.find((c) => c.touser === 'E3')!;
    expect([mine.msgtype, mine.template_card?.card_type]).toEqual(['template_card', 'button_interaction']);
    card = mine.template_card!;
    expect(JSON.stringify(card)).toContain('第 1/');
    expect(card.button_list).toHaveLength(6);
  });

  it('a click is an answer, once; the button is relabelled and the next question follows', async () => {
    const four = card.button_list!.find((b) => decodeKey(b.key)[1]!.endsWith(':4'))!;
    const click = encryptedCallback(
      cardClickXml({
        from: 'E3',
        eventKey: four.key,
        taskId: card.task_id,
        responseCode: 'rc-pulse-1',
        at: env.clock.now(),
      }),
    );
    expect((await post(click)).statusCode).toBe(200);
    expect((await post(click)).statusCode).toBe(200); // WeCom's retry
    await env.runtime.inbound.idle();
    const answers = await env.db
      .selectFrom('survey_answers')
      .select('value')
      .where('tenant_id', '=', env.org.tenantId)
      .execute();
    expect(answers.map((a) => a.value)).toEqual([4]);
    const update = env.fake.callsTo('/cgi-bin/message/update_template_card').at(-1)!.body as {
      userids: string[];
      response_code: string;
    };
    expect([update.userids, update.response_code]).toEqual([['E3'], 'rc-pulse-1']);

    const before = env.fake.callsTo(SEND).length;
    await env.outbox.drainOnce();
    const next = env.fake
      .callsTo(SEND)
      .slice(before)
      .map((c) => c.body as Sent)
      .filter((b) => b.touser === 'E3' && b.template_card?.card_type === 'button_interaction');
    expect(next).toHaveLength(1);
    expect(JSON.stringify(next[0])).toContain('第 2/');
  });

  it('an eNPS question (0–10) comes as a vote card, and may also be answered by text', async () => {
    const operator = new Access(env.db, operatorActor(env.org.tenantId));
    await closeOpenRounds(operator, env.clock.now());
    await retireQuestion(operator, 'enps.1', true);
    for (const q of (await listQuestions(operator, { locale: 'zh-CN' })).questions)
      if (q.key !== 'enps.1' && !q.retired) await retireQuestion(operator, q.key);
    const round = await startRound(operator, { team: 'sales-east', now: env.clock.now(), quietHours: false });
    expect(round.questions).toBe(1);
    const before = env.fake.callsTo(SEND).length;
    await env.outbox.drainOnce();
    const question = env.fake
      .callsTo(SEND)
      .slice(before)
      .map((c) => c.body as Sent)
      .find((b) => b.touser === 'E4')!;
    // More than 6 buttons: a single-choice vote card (adapters/wecom/render.ts); `回答 <n>` works on every platform.
    expect([question.msgtype, question.template_card?.card_type]).toEqual(['template_card', 'vote_interaction']);

    expect(await say('E4', '回答 11')).toContain('找不到这份调查');
    expect(await say('E4', '回答 9')).toContain('谢谢，已记录');
    const answers = await env.db
      .selectFrom('survey_answers')
      .select('value')
      .where('round_id', '=', round.roundId)
      .execute();
    expect(answers.map((a) => a.value)).toEqual([9]);
    expect(await say('E4', 'answer 7')).toContain('没有待回答的调查问题');
    expect(await say('E4', '回答 好')).toContain('回答 <数字>');
  });
});
