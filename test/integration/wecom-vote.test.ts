// eNPS on WeCom: a 0–10 question has 12 buttons (11 scale points and "skip this round"), more than a
// button_interaction card holds (6), so it goes out as a vote_interaction card through the outbox and the fake WeCom;
// submitting option "9" reaches the dispatcher as the same survey.answer action a button click would be, once
// (WeCom's retry is de-duplicated), and the submit button is relabelled for the member who voted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionEvent } from '../../src/core/events.js';
import { ANSWER_ACTION, questionMessage } from '../../src/core/surveys/messages.js';
import { textReply } from '../../src/app/inbound/dispatch.js';
import { enqueueMessage } from '../../src/delivery/enqueue.js';
import type { TemplateCard } from '../../adapters/wecom/render.js';
import { encryptedCallback, startWeComEnv, voteSubmitXml, type WeComEnv } from '../helpers/wecom-env.js';

const ROUND = '0b7e6a1c-3f5d-4c2a-9e8b-1a2b3c4d5e6f';
const QUESTION = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a49382716';
const seen: ActionEvent[] = [];
let env: WeComEnv;

beforeAll(async () => {
  env = await startWeComEnv({
    slug: 'wecom-vote',
    registrations: [
      (dispatcher) =>
        dispatcher.onAction(ANSWER_ACTION, (event) => {
          seen.push(event);
          return { reply: textReply('已记录 9') };
        }),
    ],
  });
  await env.db
    .insertInto('platform_identities')
    .values({
      tenant_id: env.org.tenantId,
      employee_id: env.org.people.rep1,
      platform: 'wecom',
      platform_user_id: 'E3',
      dm_conversation_id: null,
    })
    .execute();
});
afterAll(async () => env.close());

describe('WeCom eNPS vote card', () => {
  it('sends eNPS as a vote card and records a submission as the answer, once', async () => {
    const message = questionMessage({
      locale: 'zh-CN',
      roundId: ROUND,
      questionId: QUESTION,
      text: '你有多大可能向朋友推荐我们公司？',
      scale: 'nps11',
      mode: 'anonymous',
      n: 6,
      total: 6,
      closesOn: '2026-12-04',
      minRespondents: 5,
    });
    await enqueueMessage(
      env.db,
      {
        tenantId: env.org.tenantId,
        recipientEmployeeId: env.org.people.rep1,
        kind: 'survey',
        idempotencyKey: `survey:${ROUND}:${QUESTION}:E3`,
        message,
      },
      { now: env.clock.now },
    );
    expect(await env.outbox.drainOnce()).toMatchObject({ sent: 1, dead: 0 });
    const sent = env.fake.callsTo('/cgi-bin/message/send').at(-1)!.body as {
      touser: string;
      msgtype: string;
      template_card: TemplateCard & { task_id: string };
    };
    expect([sent.touser, sent.msgtype, sent.template_card.card_type]).toEqual([
      'E3',
      'template_card',
      'vote_interaction',
    ]);
    const checkbox = sent.template_card.checkbox!;
    expect(checkbox.option_list).toHaveLength(12);
    const nine = checkbox.option_list.find((o) => o.text === '9')!;

    const submit = encryptedCallback(
      voteSubmitXml({
        from: 'E3',
        eventKey: sent.template_card.submit_button!.key,
        taskId: sent.template_card.task_id,
        responseCode: 'rc-vote-1',
        questionKey: checkbox.question_key,
        optionId: nine.id,
        at: env.clock.now(),
      }),
    );
    const post = () =>
      env.app.inject({
        method: 'POST',
        url: submit.url,
        headers: { 'content-type': 'text/xml' },
        payload: submit.body,
      });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    await env.runtime.inbound.idle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: 'action',
      actionId: ANSWER_ACTION,
      value: `${ROUND}:${QUESTION}:9`,
      actor: { kind: 'platform', id: 'E3' },
    });
    const update = env.fake.callsTo('/cgi-bin/message/update_template_card').at(-1)!.body as {
      response_code: string;
      button: { replace_name: string };
    };
    expect(update).toMatchObject({ response_code: 'rc-vote-1', button: { replace_name: '已记录 9' } });
  });
});
