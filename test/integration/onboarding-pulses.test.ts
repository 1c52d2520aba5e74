// Onboarding pulses are survey rounds: a `hire` signal starts the onboarding plan, and on the new joiner's 7th
// working day (tenant calendar: a company day off moves it) the plan job opens a one-person onboarding round with
// the day-7 question set in the tenant's language; the answers are recorded like any round's. A round of one can never
// meet the anonymity threshold, so onboarding rounds stay out of group results, open-round response rates and team
// survey scores, while the team's own round keeps being shown (an onboarding round pools into team atmosphere only
// with the next regular round to close: onboarding-atmosphere.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { buildApp, type App } from '../../src/http/app.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { addCalendarOverride } from '../../src/app/calendar/index.js';
import { closeOpenRounds, startRound, surveyResults, surveyScoringInputs } from '../../src/app/surveys/index.js';
import { sendDueStepNudges } from '../../src/app/performance/plans/nudges.js';
import { ONBOARDING_QUESTIONS } from '../../src/core/performance/index.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';

const TEAM = ['s-1', 's-2', 's-3', 's-4', 's-5', 's-6'];
// Thursday 2026-03-05, 10:00 in Shanghai: the hire day.
const HIRE_DAY = '2026-03-05';
const at = (day: string) => new Date(`${day}T02:00:00Z`);

describe('onboarding pulses as one-person survey rounds', { timeout: 180_000 }, () => {
  let handle: TestDatabase;
  let app: App;
  let tenantId: string;
  const people: Record<string, string> = {};
  let teamRoundId = '';
  let onboardingRoundId = '';

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'newco', { locale: 'zh-CN', quiet_hours: false })).id;
    await upsertDirectory(
      handle.db,
      tenantId,
      {
        teams: [{ externalId: 'sales', name: 'Sales' }],
        employees: [
          { externalId: 'boss', name: 'Boss', team: 'sales', manager: null },
          ...TEAM.map((id) => ({ externalId: id, name: id, team: 'sales', manager: 'boss' })),
          { externalId: 'nh-1', name: 'New Hire', team: 'sales', manager: 'boss' },
        ],
      },
      { actor: 'test' },
    );
    for (const e of await handle.db.selectFrom('employees').select(['id', 'external_id']).execute())
      people[e.external_id] = e.id;
    // A company day off in the new joiner's second week: the 7th working day moves from Friday 03-13 to Monday 03-16.
    await addCalendarOverride(new Access(handle.db, operatorActor(tenantId)), { day: '2026-03-10', kind: 'day_off' });
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => at(HIRE_DAY) });
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  const operator = () => new Access(handle.db, operatorActor(tenantId));
  const nudges = (day: string) =>
    sendDueStepNudges({ db: handle.db, quietHours: false, now: () => at(day) }, tenantId, day);
  const press = (who: string, value: string, now: Date) =>
    buildInboundDispatcher({ db: handle.db, now: () => now, quietHours: false }).dispatch(
      {
        type: 'action',
        id: `${who}-${value}`,
        source: 'console',
        actor: { kind: 'external', id: who },
        occurredAt: now,
        actionId: 'survey.answer',
        value,
      },
      { tenantId, employeeId: people[who], locale: 'zh-CN', platform: 'console', now },
    );
  const surveyMessages = async (who: string, roundId: string): Promise<OutboundMessage[]> =>
    (
      await handle.db
        .selectFrom('outbox')
        .select(['message', 'idempotency_key'])
        .where('recipient_employee_id', '=', people[who]!)
        .where('kind', '=', 'survey')
        .where('idempotency_key', 'like', `survey:${roundId}:%`)
        .orderBy('created_at')
        .execute()
    ).map((r) => r.message);
  /** Presses `value` on every question of the round the person was sent, following the next question as it comes. */
  async function answerAll(who: string, roundId: string, value: number, now: Date): Promise<number> {
    const pressed = new Set<string>();
    for (let guard = 0; guard < 10; guard += 1) {
      const fresh = (await surveyMessages(who, roundId))
        .flatMap((m) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])))
        .filter((b) => b.actionId === 'survey.answer' && b.value.endsWith(`:${value}`) && !pressed.has(b.value));
      if (fresh.length === 0) break;
      for (const button of fresh) {
        pressed.add(button.value);
        const reply = await press(who, button.value, now);
        expect(reply.reply?.fallbackText).toBeTruthy();
      }
    }
    return pressed.size;
  }

  it('a hire signal starts onboarding; the day-7 pulse is due on the 7th working day of the tenant calendar', async () => {
    const token = await createToken(handle.db, tenantId, 'hr');
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: bearer(token),
      payload: { signals: [{ id: 'hire-nh-1', kind: 'hire', employee: 'nh-1', occurredAt: HIRE_DAY }] },
    });
    expect(post.statusCode, post.body).toBe(200);
    const steps = await handle.db
      .selectFrom('plan_steps as s')
      .innerJoin('development_plans as p', 'p.id', 's.plan_id')
      .select(['s.step', 's.due_day'])
      .where('p.employee_id', '=', people['nh-1']!)
      .where('p.template', '=', 'onboarding')
      .orderBy('s.position')
      .execute();
    // Working days from Thursday 03-05: 05, 06, 09, (10 off), 11, 12, 13, 16.
    expect(steps.find((s) => s.step === 'pulse_day_7')?.due_day).toBe('2026-03-16');
  });

  it("the team's own round first: the team, the new joiner included, answers 4", async () => {
    const round = await startRound(operator(), { now: at('2026-03-09'), quietHours: false });
    teamRoundId = round.roundId;
    expect(round.invited).toBe(8);
    for (const who of [...TEAM, 'nh-1']) expect(await answerAll(who, teamRoundId, 4, at('2026-03-09'))).toBe(4);
    expect(await closeOpenRounds(operator(), at('2026-03-13'))).toBe(1);
  });

  it('on the due day (not before) the plan job opens a one-person onboarding round with the day-7 questions', async () => {
    await nudges('2026-03-13');
    expect(await handle.db.selectFrom('survey_rounds').select('id').where('kind', '=', 'onboarding').execute()).toEqual(
      [],
    );
    await nudges('2026-03-16');
    const rounds = await handle.db.selectFrom('survey_rounds').selectAll().where('kind', '=', 'onboarding').execute();
    expect(rounds).toHaveLength(1);
    const round = rounds[0]!;
    onboardingRoundId = round.id;
    expect(round).toMatchObject({
      mode: 'anonymous',
      team_id: null,
      opened_on: '2026-03-16',
      created_by: 'onboarding:pulse_day_7',
    });
    const participants = await handle.db
      .selectFrom('survey_participation')
      .select('employee_id')
      .where('round_id', '=', round.id)
      .execute();
    expect(participants).toEqual([{ employee_id: people['nh-1'] }]);
    const questions = await handle.db
      .selectFrom('survey_questions')
      .select(['id', 'key'])
      .where('id', 'in', round.question_ids)
      .execute();
    expect(round.question_ids.map((id) => questions.find((q) => q.id === id)?.key)).toEqual(
      ONBOARDING_QUESTIONS.pulse_day_7.map((q) => q.key),
    );
    // The first question, in the tenant's language, with the onboarding statement instead of the group threshold.
    const [first] = await surveyMessages('nh-1', round.id);
    const texts = first!.blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' ? [b.text] : []));
    expect(texts).toContain('我感到团队欢迎我的加入。');
    expect(texts.join('\n')).toMatch(/入职反馈：只有你会收到这些问题/);
    // The step is done (asking is the step) and not nudged again; a second run opens no second round.
    const step = await handle.db
      .selectFrom('plan_steps')
      .select(['done_at', 'done_by'])
      .where('step', '=', 'pulse_day_7')
      .executeTakeFirstOrThrow();
    expect(step.done_by).toBe('survey');
    await nudges('2026-03-17');
    expect(
      await handle.db.selectFrom('survey_rounds').select('id').where('kind', '=', 'onboarding').execute(),
    ).toHaveLength(1);
    // Onboarding questions never join the rotation of the tenant's regular rounds.
    const regular = await handle.db
      .selectFrom('survey_rounds')
      .select('question_ids')
      .where('id', '=', teamRoundId)
      .executeTakeFirstOrThrow();
    expect(questions.some((q) => regular.question_ids.includes(q.id))).toBe(false);
  });

  it('the answers are recorded (no person id), and no team result, response rate or team score shows them', async () => {
    expect(await answerAll('nh-1', onboardingRoundId, 1, at('2026-03-16'))).toBe(3);
    const answers = await handle.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('round_id', '=', onboardingRoundId)
      .execute();
    expect(answers.map((a) => a.value)).toEqual([1, 1, 1]);
    expect(JSON.stringify(answers)).not.toContain(people['nh-1']!);
    // While the onboarding round is open, results show no open round (a rate of one would tell who answered).
    expect((await surveyResults(operator())).openRound).toBeNull();

    expect(await closeOpenRounds(operator(), at('2026-03-23'))).toBe(1);
    const results = await surveyResults(operator(), { team: 'sales' });
    expect(results.round?.id).toBe(teamRoundId);
    const sales = results.groups.find((g) => g.teamId !== null)!;
    // The team's round: 7 respondents (the manager did not answer), all 4 — the new joiner's 1s are nowhere.
    for (const d of sales.drivers) {
      expect(d.score).toBe(4);
      expect(d.respondents).toBe(7);
      expect(d.trend.map((t) => t.roundId)).toEqual([teamRoundId]);
    }
    const inputs = await surveyScoringInputs(handle.db, tenantId, '2026-03-23');
    expect(inputs.teamSurvey.get(sales.teamId!)).toEqual({ respondents: 7, average: 4 });
  });
});
