// `teampulse report onboarding`: HR sees new joiners' day-7/30/60 pulses all together — sent, answered and the
// average per question — never per person, and nothing of a month below the tenant's anonymity threshold (here 3) or
// with pulses still open. March: three day-7 pulses answered 5, 4 and 3; April: one day-7 pulse answered 1 (left out);
// May: three day-30 pulses, two answered, still open (answers left out). The span is widened to whole months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { consoleCommands } from '../helpers/commands.js';
import { pulseAnswerer } from '../helpers/pulse-answers.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { closeOpenRounds } from '../../src/app/surveys/index.js';
import { onboardingPulses } from '../../src/app/performance/plans/onboarding-pulses.js';
import { ONBOARDING_QUESTIONS } from '../../src/core/performance/index.js';
import { DEFAULT_SURVEY_SETTINGS, saveSurveySettings } from '../../src/storage/repositories/survey-bank.js';

const JOINERS = ['j-1', 'j-2', 'j-3', 'j-4', 'j-5', 'j-6', 'j-7'];
const at = (day: string) => new Date(`${day}T02:00:00Z`);

describe('report onboarding', { timeout: 180_000 }, () => {
  let handle: TestDatabase;
  let tenantId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'joinco', { locale: 'en', quiet_hours: false })).id;
    await saveSurveySettings(handle.db, tenantId, { ...DEFAULT_SURVEY_SETTINGS, minRespondents: 3 });
    await upsertDirectory(
      handle.db,
      tenantId,
      {
        teams: [{ externalId: 'eng', name: 'Engineering' }],
        employees: [
          { externalId: 'hr', name: 'HR', team: 'eng', manager: null },
          ...JOINERS.map((id) => ({ externalId: id, name: `Joiner ${id}`, team: 'eng', manager: null })),
        ],
      },
      { actor: 'test' },
    );
    for (const e of await handle.db.selectFrom('employees').select(['id', 'external_id']).execute())
      people[e.external_id] = e.id;
    const pulse = onboardingPulses({ db: handle.db, quietHours: false });
    const { answerAll } = pulseAnswerer(handle.db, tenantId, people);
    const operator = new Access(handle.db, operatorActor(tenantId));
    async function send(who: string, step: string, day: string, value: number | null): Promise<void> {
      expect(await pulse({ tenantId, employeeId: people[who]!, step, dueDay: day, now: at(day) })).toBe(true);
      const round = await handle.db
        .selectFrom('survey_rounds as r')
        .innerJoin('survey_participation as p', 'p.round_id', 'r.id')
        .select('r.id')
        .where('r.created_by', '=', `onboarding:${step}`)
        .where('p.employee_id', '=', people[who]!)
        .executeTakeFirstOrThrow();
      if (value !== null) expect(await answerAll(who, round.id, value, at(day))).toBe(3);
    }
    await send('j-1', 'pulse_day_7', '2026-03-09', 5);
    await send('j-2', 'pulse_day_7', '2026-03-09', 4);
    await send('j-3', 'pulse_day_7', '2026-03-10', 3);
    await closeOpenRounds(operator, at('2026-03-16'));
    await send('j-4', 'pulse_day_7', '2026-04-06', 1);
    await closeOpenRounds(operator, at('2026-04-13'));
    await send('j-5', 'pulse_day_30', '2026-05-11', 2);
    await send('j-6', 'pulse_day_30', '2026-05-11', 2);
    await send('j-7', 'pulse_day_30', '2026-05-11', null);
  });
  afterAll(async () => handle.destroy());

  const report = async (argv: string[]) => {
    const run = await runCliWith(handle, ['report', 'onboarding', '--tenant', 'joinco', ...argv]);
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  };
  const questions = (pulse: keyof typeof ONBOARDING_QUESTIONS, respondents: number, average: number | null) =>
    ONBOARDING_QUESTIONS[pulse].map((q) => ({ key: q.key, text: q.text, respondents, average }));

  it('per pulse: sent, answered and the average per question of the months at the threshold, all closed', async () => {
    const json = JSON.parse(await report(['--from', '2026-03-10', '--to', '2026-05-20', '--json']));
    expect(json).toEqual({
      from: '2026-03-01',
      to: '2026-05-31',
      minRespondents: 3,
      pulses: [
        // April's single pulse (answered 1) is sent but counted nowhere else: the averages stay March's 4.
        {
          pulse: 'pulse_day_7',
          day: 7,
          sent: 4,
          answered: 3,
          answeredOf: 3,
          questions: questions('pulse_day_7', 3, 4),
          suppressedMonths: 1,
        },
        // May: 2 of 3 answered, but the pulses are open, so no average yet.
        {
          pulse: 'pulse_day_30',
          day: 30,
          sent: 3,
          answered: 2,
          answeredOf: 3,
          questions: questions('pulse_day_30', 0, null),
          suppressedMonths: 1,
        },
        {
          pulse: 'pulse_day_60',
          day: 60,
          sent: 0,
          answered: 0,
          answeredOf: 0,
          questions: questions('pulse_day_60', 0, null),
          suppressedMonths: 0,
        },
      ],
    });
    // Nobody is named; another span inside the same months gives the same report (no day-by-day differencing).
    const text = await report(['--from', '2026-03-10', '--to', '2026-05-20']);
    for (const who of JOINERS) expect(text).not.toContain(who);
    expect(await report(['--from', '2026-03-31', '--to', '2026-05-01', '--json'])).toBe(
      await report(['--from', '2026-03-01', '--to', '2026-05-31', '--json']),
    );
    // Only April: one pulse sent, nothing of its answer shown.
    const april = JSON.parse(await report(['--from', '2026-04-01', '--to', '2026-04-30', '--json']));
    expect(april.pulses[0]).toMatchObject({ sent: 1, answered: 0, answeredOf: 0, suppressedMonths: 1 });
    expect(april.pulses[0].questions.map((q: { average: number | null }) => q.average)).toEqual([null, null, null]);
  });

  it("prints in the tenant's language (en, zh-CN)", async () => {
    const en = await report(['--from', '2026-03-01', '--to', '2026-05-31']);
    expect(en).toContain('Onboarding pulses 2026-03-01 – 2026-05-31');
    expect(en).toContain('Day 7: 4 sent, 3 of 3 answered');
    expect(en).toContain('  I feel welcome on my team. — average 4 (3 answers)');
    expect(en).toContain('Day 60: 0 sent, answers not counted (fewer than 3 sent a month)');
    expect(en).toContain('1 month(s) left out');
    await handle.db.updateTable('tenants').set({ locale: 'zh-CN' }).where('id', '=', tenantId).execute();
    const zh = await report(['--from', '2026-03-01', '--to', '2026-05-31']);
    expect(zh).toContain('第 7 天：已发送 4 份，其中 3/3 份已作答');
    expect(zh).toContain('  我感到团队欢迎我的加入。 — 平均 4（3 个回答）');
    expect(zh).toContain('1 个月份未计入');
  });

  it('in chat, HR asks `onboarding <from> <to>` (入职); an employee cannot', async () => {
    await handle.db
      .insertInto('role_grants')
      .values({ tenant_id: tenantId, employee_id: people['hr']!, role: 'hr', scope_team_id: null })
      .execute();
    const chat = consoleCommands(handle.db, { now: () => at('2026-06-01') });
    const hr = await chat.run('joinco', 'hr', '入职 2026-03-01 2026-05-31');
    expect(hr.message?.blocks).toEqual([
      { type: 'text', text: await report(['--from', '2026-03-01', '--to', '2026-05-31']).then((t) => t.trimEnd()) },
    ]);
    const employee = await chat.run('joinco', 'j-1', 'onboarding');
    expect(employee.text).not.toContain('第 7 天');
  });

  it('a bad --from fails with the flag named', async () => {
    const run = await runCliWith(handle, ['report', 'onboarding', '--tenant', 'joinco', '--from', '2026-13-01']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--from');
  });
});
