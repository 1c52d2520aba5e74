// The command layer's verbs through DingTalk (the fake on 127.0.0.1, the service's real registrations): the same
// answers as on the console, in the tenant's language (zh-CN), per the sender's role; individual reads are audited
// with source "dingtalk". Org: test/integration/alerts-fixtures.ts (E1 head of sales → E2 manager → E3 Li Na, E4;
// E5 HR tenant-wide).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robotHeaders, robotMessageBody, startDingTalkEnv, type DingTalkEnv } from '../helpers/dingtalk-env.js';
import { upsertEmployeeScores } from '../../src/storage/repositories/scores.js';

let env: DingTalkEnv;
let sequence = 0;

beforeAll(async () => {
  env = await startDingTalkEnv({ mode: 'http', slug: 'dt-verbs' });
  await upsertEmployeeScores(env.db, [
    {
      tenant_id: env.org.tenantId,
      employee_id: env.org.people.rep1,
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
afterAll(async () => {
  await env?.close();
});

/** Sends `text` from this staff id in the 1:1 chat and returns the text of the answer. */
async function say(staffId: string, text: string): Promise<string> {
  const at = env.clock.now();
  const session = `s${++sequence}`;
  const body = robotMessageBody({
    msgId: `verb-${sequence}`,
    staffId,
    text,
    at,
    sessionWebhook: `${env.fake.url}/robot/sendBySession?session=${session}`,
  });
  const res = await env.app.inject({
    method: 'POST',
    url: '/dingtalk/robot',
    headers: robotHeaders(at),
    payload: body,
  });
  expect(res.statusCode).toBe(200);
  const answer = env.fake.callsTo('/robot/sendBySession').find((c) => c.query.session === session);
  return JSON.stringify(answer?.body ?? null);
}

describe('verbs through DingTalk', () => {
  it('an employee sees their own data and is refused the manager verbs, in Chinese', async () => {
    const me = await say('E3', '我的');
    expect(me).toContain('关于你的数据（2026-11-24）');
    expect(me).toContain('团队群消息');
    expect(await say('E3', '风险')).toContain('不能使用');
    const help = await say('E3', '帮助');
    expect(help).toContain('我的');
    expect(help).not.toContain('风险');
  });

  it("a manager lists their reports' risk; HR reads a profile, audited with the platform", async () => {
    const risk = await say('E2', '风险');
    expect(risk).toContain('需要关注的人');
    expect(risk).toContain('Li Na (E3)');
    expect(await say('E2', '档案 E3')).toContain('不能使用');
    expect(await say('E5', '档案 E3')).toContain('Li Na（E3）');
    expect(await say('E5', '档案 nobody')).toContain('没有找到“nobody”');
    const audit = await env.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'profile.read')
      .where('subject_id', '=', env.org.people.rep1)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: `employee:${env.org.people.hr}`,
        details: expect.objectContaining({ source: 'dingtalk' }),
      }),
    ]);
  });

  it('kudos between colleagues on DingTalk stores who thanked whom, not the words', async () => {
    expect(await say('E4', '点赞 @E3 因为帮我准备了客户资料')).toContain('已向 Li Na 送出感谢');
    const rows = await env.db.selectFrom('signal_events').selectAll().where('kind', '=', 'kudos').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('客户资料');
  });
});
