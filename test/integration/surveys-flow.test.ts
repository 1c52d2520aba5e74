// Pulse surveys end to end below the platforms: a round sent now, answers through the dispatcher (idempotent,
// changeable until close), the next question and the comment prompt, mutes and the one reminder, closing (keys
// erased), no person id anywhere in the answers, and group results with suppression over the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createEmployee, createTenant, createToken } from '../helpers/fixtures.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import {
  closeOpenRounds,
  listQuestions,
  runSurveyDay,
  startRound,
  surveyScoringInputs,
  updateSurveySettings,
} from '../../src/app/surveys/index.js';
import { parseAnswerValue } from '../../src/core/surveys/index.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { buildApp } from '../../src/http/app.js';
import { addDays, localDay } from '../../src/core/time.js';

let db: TestDatabase;
let tenantId: string;
const people: Record<string, string> = {};
const teams: Record<string, string> = {};
// A Monday in Shanghai, 10:00 local (the weekday is the subject: rounds and reminders follow working days).
const monday = new Date('2026-03-02T02:00:00Z');
const at = (days: number) => new Date(monday.getTime() + days * 86_400_000);

// sales (dept) = east 8 + west 6 + north 4 (+ its head); support 5.
const SIZES: Record<string, number> = { east: 8, west: 6, north: 4, support: 5 };

beforeAll(async () => {
  db = await createTestDatabase();
  tenantId = (await createTenant(db.db, 'pulse', { quiet_hours: false })).id;
  const employees = [{ externalId: 'head', name: 'Head', team: 'sales', manager: null as string | null }];
  for (const [team, size] of Object.entries(SIZES))
    for (let i = 1; i <= size; i += 1)
      employees.push({
        externalId: `${team}-${i}`,
        name: `${team} ${i}`,
        team,
        manager: team === 'support' ? null : 'head',
      });
  await upsertDirectory(
    db.db,
    tenantId,
    {
      teams: [
        { externalId: 'sales', name: 'Sales' },
        { externalId: 'east', name: 'East', parent: 'sales' },
        { externalId: 'west', name: 'West', parent: 'sales' },
        { externalId: 'north', name: 'North', parent: 'sales' },
        { externalId: 'support', name: 'Support' },
      ],
      employees,
    },
    { actor: 'test' },
  );
  for (const e of await db.db
    .selectFrom('employees')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .execute())
    people[e.external_id] = e.id;
  for (const t of await db.db
    .selectFrom('teams')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .execute())
    teams[t.external_id] = t.id;
});
afterAll(async () => {
  await db.destroy();
});

const operator = () => new Access(db.db, operatorActor(tenantId));
const dispatcher = (now: Date) => buildInboundDispatcher({ db: db.db, now: () => now });
const press = (who: string, actionId: string, value: string, now: Date) =>
  dispatcher(now).dispatch(
    {
      type: 'action',
      id: `${who}-${value}-${now.getTime()}`,
      source: 'console',
      actor: { kind: 'external', id: who },
      occurredAt: now,
      actionId,
      value,
    },
    { tenantId, employeeId: people[who], locale: 'en', platform: 'console', now },
  );
const command = (who: string, name: string, args: string[], now: Date) =>
  dispatcher(now).dispatch(
    {
      type: 'command',
      id: `${who}-${name}-${now.getTime()}`,
      source: 'console',
      actor: { kind: 'external', id: who },
      occurredAt: now,
      command: name,
      args,
    },
    { tenantId, employeeId: people[who], locale: 'en', platform: 'console', now },
  );

async function surveyMessages(who: string): Promise<OutboundMessage[]> {
  const rows = await db.db
    .selectFrom('outbox')
    .select(['message', 'created_at', 'idempotency_key'])
    .where('tenant_id', '=', tenantId)
    .where('recipient_employee_id', '=', people[who]!)
    .where('kind', '=', 'survey')
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();
  return rows.map((r) => r.message);
}

function answerButtons(message: OutboundMessage) {
  const block = message.blocks.find((b) => b.type === 'buttons');
  if (!block || block.type !== 'buttons') throw new Error('no buttons');
  return block.buttons;
}

/** Answers every question the person was sent with `value`, following the next questions as they come. */
async function answerAll(who: string, value: number, now: Date): Promise<void> {
  const pressed = new Set<string>();
  for (let guard = 0; guard < 12; guard += 1) {
    const messages = await surveyMessages(who);
    const fresh = messages
      .filter((m) => m.blocks.some((b) => b.type === 'buttons'))
      .map((m) => answerButtons(m).find((b) => b.actionId === 'survey.answer' && b.value.endsWith(`:${value}`))!)
      .filter((b) => !pressed.has(b.value.replace(/:\d+$/, '')));
    if (fresh.length === 0) return;
    for (const button of fresh) {
      pressed.add(button.value.replace(/:\d+$/, ''));
      await press(who, 'survey.answer', button.value, now);
    }
  }
}

describe('pulse survey rounds', { timeout: 180_000 }, () => {
  let roundId = '';

  it('lists the seeded bank in both languages', async () => {
    const en = await listQuestions(operator(), { locale: 'en' });
    const zh = await listQuestions(operator(), { locale: 'zh-CN' });
    expect(en.questions).toHaveLength(30);
    expect(zh.questions.find((q) => q.key === 'team_support.1')?.text).toBe('遇到困难时，我能从团队得到支持。');
  });

  it('survey send opens a round now and sends each person their first question', async () => {
    const round = await startRound(operator(), { now: monday, quietHours: true });
    roundId = round.roundId;
    expect(round).toMatchObject({ kind: 'manual', mode: 'anonymous', questions: 4, invited: 24 });
    // Monday open: reminder on the 3rd working day (Wednesday), closes after the 5th (Friday).
    expect(round.openedOn).toBe('2026-03-02');
    expect(round.reminderOn).toBe('2026-03-04');
    expect(round.closesOn).toBe('2026-03-06');
    const first = await surveyMessages('east-1');
    expect(first).toHaveLength(1);
    expect(first[0]!.fallbackText).toMatch(/^Pulse survey · question 1 of 4: /);
  });

  it('answers are idempotent, changeable, and lead to the next question and then the comment prompt', async () => {
    const [message] = await surveyMessages('east-1');
    const buttons = answerButtons(message!);
    const three = buttons.find((b) => b.value.endsWith(':3'))!.value;
    const five = buttons.find((b) => b.value.endsWith(':5'))!.value;
    expect((await press('east-1', 'survey.answer', three, monday)).reply?.fallbackText).toBe('Thanks — recorded.');
    expect((await press('east-1', 'survey.answer', three, monday)).reply?.fallbackText).toBe(
      'Already recorded — it counts once.',
    );
    expect((await press('east-1', 'survey.answer', five, monday)).reply?.fallbackText).toBe(
      'Changed — your new answer counts.',
    );
    const { questionId } = parseAnswerValue(three)!;
    const rows = await db.db
      .selectFrom('survey_answers')
      .select(['value'])
      .where('question_id', '=', questionId)
      .execute();
    expect(rows).toEqual([{ value: 5 }]);
    // Question 2 followed once (the change did not send it again).
    const messages = await surveyMessages('east-1');
    expect(messages.map((m) => m.fallbackText.slice(0, 37)).sort()).toEqual([
      'Pulse survey · question 1 of 4: When ',
      expect.stringMatching(/^Pulse survey · question 2 of 4/),
    ]);
    await answerAll('east-1', 4, monday);
    const prompts = (await surveyMessages('east-1')).filter((m) => m.fallbackText.startsWith('Thank you'));
    expect(prompts.map((m) => m.fallbackText)).toEqual([
      expect.stringMatching(/^Thank you — that was the last question\nAnything else/),
    ]);
    expect((await command('east-1', 'comment', ['More', 'pairing', 'please'], monday)).reply?.fallbackText).toMatch(
      /^Thanks — your comment is saved/,
    );
    expect((await command('east-1', 'comment', [], monday)).reply?.fallbackText).toBe('Usage: comment <your words>');
  });

  it('a button of someone else’s round or a forged value is refused', async () => {
    const [message] = await surveyMessages('east-2');
    const value = answerButtons(message!)[0]!.value;
    expect((await press('east-2', 'survey.answer', value.replace(/:1$/, ':9'), monday)).reply?.fallbackText).toBe(
      'Sorry, I cannot find this survey; it may not have been sent to you.',
    );
    expect((await press('east-2', 'survey.answer', 'garbage', monday)).reply?.fallbackText).toMatch(/^Sorry/);
  });

  it('in anonymous mode no answer or comment row holds any person id', async () => {
    const ids = new Set(Object.values(people));
    for (const table of ['survey_answers', 'survey_comments'] as const) {
      const rows = await db.db.selectFrom(table).selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        for (const value of Object.values(row))
          expect(ids.has(String(value)), `${table} holds a person id`).toBe(false);
      expect(rows.every((r) => r.pseudonym === null)).toBe(true);
    }
  });

  it('mutes a round, reminds once on day 3 whoever neither answered nor muted, never twice', async () => {
    expect((await press('support-1', 'survey.mute', roundId, monday)).reply?.fallbackText).toBe(
      'OK — no more questions or reminders for this round.',
    );
    expect((await runSurveyDay(db.db, tenantId, at(1), { quietHours: true })).reminded).toBe(0);
    const day3 = await runSurveyDay(db.db, tenantId, at(2), { quietHours: true });
    // 24 invited − east-1 (answered) − support-1 (muted).
    expect(day3.reminded).toBe(22);
    expect((await surveyMessages('east-2')).find((m) => m.blocks[0]?.type === 'context')?.blocks[0]).toEqual({
      type: 'context',
      text: 'Reminder: this pulse survey is open until 2026-03-06',
    });
    expect((await surveyMessages('support-1')).length).toBe(1);
    expect((await surveyMessages('east-1')).some((m) => m.blocks[0]?.type === 'context')).toBe(false);
    expect((await runSurveyDay(db.db, tenantId, at(3), { quietHours: true })).reminded).toBe(0);
  });

  it('closes after its last working day: keys and salt erased, answers no longer change', async () => {
    // Everyone answers but north-4 (north: 3) and the head of sales; muting does not stop support-1 from answering.
    for (const [team, size] of Object.entries(SIZES))
      for (let i = 1; i <= (team === 'north' ? 3 : size); i += 1)
        if (`${team}-${i}` !== 'east-1') await answerAll(`${team}-${i}`, team === 'east' ? 2 : 4, at(3));
    // Comments: all 8 of east (east-1 already did) and 2 of support: 10 in the tenant, fewer in every team.
    for (let i = 2; i <= 8; i += 1) await command(`east-${i}`, 'comment', [`note ${i}`], at(3));
    for (const who of ['support-2', 'support-3']) await command(who, 'comment', [`from ${who}`], at(3));
    const friday = await runSurveyDay(db.db, tenantId, at(4), { quietHours: true });
    expect(friday.closed).toBe(0);
    // Saturday: past the close day; a weekend never opens a scheduled round.
    const saturday = await runSurveyDay(db.db, tenantId, at(5), { quietHours: true });
    expect(saturday).toMatchObject({ closed: 1, opened: null });
    const round = await db.db
      .selectFrom('survey_rounds')
      .selectAll()
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(round.salt).toBeNull();
    expect(round.closed_at).not.toBeNull();
    const keys = await db.db
      .selectFrom('survey_answers')
      .select('respondent_key')
      .where('respondent_key', 'is not', null)
      .execute();
    expect(keys).toEqual([]);
    const [message] = await surveyMessages('west-1');
    const value = answerButtons(message!)[0]!.value;
    expect((await press('west-1', 'survey.answer', value, at(5))).reply?.fallbackText).toBe(
      'This survey round has closed; answers can no longer be given or changed.',
    );
  });

  it('results: 3 respondents suppressed, 5+ shown, next-smallest sibling hidden against differencing', async () => {
    const app = await buildApp({ db: db.db, schema: db.schema, logger: false });
    const hr = await createToken(db.db, tenantId, 'hr');
    const response = await app.inject({ method: 'GET', url: '/api/v1/surveys/results', headers: bearer(hr) });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      round: { id: string } | null;
      groups: Array<{
        externalId: string | null;
        responseRate: { pct: number | null };
        drivers: Array<{
          driver: string;
          score: number | null;
          suppressed: { reason: string; message: string } | null;
        }>;
        comments: { shown: boolean; items: string[]; suppressed: { message: string } | null };
      }>;
    };
    expect(body.round?.id).toBe(roundId);
    const group = (ext: string | null) => body.groups.find((g) => g.externalId === ext)!;
    const first = (ext: string | null) => group(ext).drivers[0]!;
    // east 8 answered, west 6, north 3 (< 5), support 5; sales = 8 + 6 + 3 (its head did not answer).
    expect(first('north').suppressed).toEqual({ reason: 'min_respondents', message: 'fewer than 5 responses' });
    expect(first('north').score).toBeNull();
    expect(first('support').suppressed).toBeNull();
    expect(first('support').score).toBe(4);
    expect(first('west').suppressed).toEqual({
      reason: 'sibling_protection',
      message: 'hidden so a smaller group cannot be worked out by subtraction',
    });
    expect(first('east').score).not.toBeNull();
    // Without west's suppression, north = sales − east − west. With it, sales − east = west + north (9 people).
    expect(first('sales').score).not.toBeNull();
    expect(first(null).score).not.toBeNull();
    expect(group('east').responseRate.pct).toBe(100);
    // Comments: 10 in the tenant ⇒ shown there; east has 8 (< 10) ⇒ hidden with the reason.
    expect(group(null).comments.shown).toBe(true);
    expect(group(null).comments.items).toHaveLength(10);
    expect(group('east').comments).toEqual({
      shown: false,
      items: [],
      suppressed: { reason: 'comments_min_respondents', message: 'comments hidden: fewer than 10 people commented' },
    });
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', '=', 'survey.results')
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    const employeeToken = await createToken(db.db, tenantId, 'employee', people['east-2']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/surveys/results', headers: bearer(employeeToken) })).statusCode,
    ).toBe(403);
    const manager = await createToken(db.db, tenantId, 'manager', people.head);
    const scoped = await app.inject({ method: 'GET', url: '/api/v1/surveys/results', headers: bearer(manager) });
    expect(scoped.statusCode).toBe(200);
    expect((scoped.json() as { groups: Array<{ externalId: string | null }> }).groups.map((g) => g.externalId)).toEqual(
      ['east', 'north', 'sales', 'west'],
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/surveys/results?team=support', headers: bearer(manager) }))
        .statusCode,
    ).toBe(404);
    await app.close();
  });

  it('the survey verb answers managers in their language with group results and the suppression reasons', async () => {
    const en = await command('head', 'survey', ['sales'], at(5));
    const text = JSON.stringify(en.reply);
    expect(text).toContain('Pulse results · Sales');
    expect(text).toContain('fewer than 5 responses');
    expect(text).toContain('hidden so a smaller group cannot be worked out by subtraction');
    expect(text).toContain('Group results only');
    const zh = await dispatcher(at(5)).dispatch(
      {
        type: 'command',
        id: 'zh-survey',
        source: 'console',
        actor: { kind: 'external', id: 'head' },
        occurredAt: at(5),
        command: '调查',
        args: ['north'],
      },
      { tenantId, employeeId: people.head, locale: 'zh-CN', platform: 'console', now: at(5) },
    );
    const zhText = JSON.stringify(zh.reply);
    expect(zhText).toContain('脉搏调查结果 · North');
    expect(zhText).toContain('回答少于 5 份');
    // An employee is refused politely; results never name a person.
    const refused = await command('east-3', 'survey', [], at(5));
    expect(refused.reply?.fallbackText).not.toMatch(/Pulse results/);
  });

  it('thresholds are configurable but never below 3', async () => {
    await expect(updateSurveySettings(operator(), { minRespondents: 2 })).rejects.toThrow(/invalid survey settings/);
    expect((await updateSurveySettings(operator(), { minRespondents: 3 })).minRespondents).toBe(3);
    await updateSurveySettings(operator(), { minRespondents: 5 });
  });

  it('participation feeds scoring per person from 2 rounds on', async () => {
    const second = await startRound(operator(), { now: at(7), quietHours: true });
    await answerAll('east-2', 3, at(7));
    expect(await closeOpenRounds(operator(), at(8))).toBe(1);
    const asOf = addDays(localDay(at(8), 'Asia/Shanghai'), 0);
    const inputs = await surveyScoringInputs(db.db, tenantId, asOf);
    expect(second.questions).toBe(4);
    expect(inputs.participationPct.get(people['east-2']!)).toBe(100);
    expect(inputs.participationPct.get(people['north-4']!)).toBe(0);
    // support-1 muted the first round: only the second counts, and one round is too few.
    expect(inputs.participationPct.has(people['support-1']!)).toBe(false);
    // Team averages only where enough people answered (east: 8 in the latest closed round? no — only east-2 now).
    expect(inputs.teamSurvey.has(teams.east!)).toBe(false);
  });

  it('confidential mode (opt-in) says so in the invitation and keeps only a pseudonym with the answers', async () => {
    await updateSurveySettings(operator(), { mode: 'confidential' });
    const round = await startRound(operator(), { team: 'support', now: at(14), quietHours: true });
    expect(round.mode).toBe('confidential');
    const [invitation] = (await surveyMessages('support-2')).filter((m) => JSON.stringify(m).includes('Confidential:'));
    expect(invitation).toBeDefined();
    await answerAll('support-2', 4, at(14));
    const rows = await db.db.selectFrom('survey_answers').selectAll().where('round_id', '=', round.roundId).execute();
    expect(rows.length).toBe(4);
    const ids = new Set(Object.values(people));
    for (const row of rows) for (const value of Object.values(row)) expect(ids.has(String(value))).toBe(false);
    const link = await db.db
      .selectFrom('survey_pseudonyms')
      .select(['employee_id', 'pseudonym'])
      .where('pseudonym', '=', rows[0]!.pseudonym!)
      .executeTakeFirstOrThrow();
    expect(link.employee_id).toBe(people['support-2']);
    await updateSurveySettings(operator(), { mode: 'anonymous' });
  });
});

describe('quiet hours', { timeout: 120_000 }, () => {
  it('a round sent at 23:00 local waits in the outbox for 09:00 the next working day', async () => {
    const quiet = (await createTenant(db.db, 'quiet-pulse', { quiet_hours: true })).id;
    const person = { id: await createEmployee(db.db, quiet, 'q-1', { displayName: 'Q' }) };
    // Monday 23:00 in Shanghai.
    await startRound(new Access(db.db, operatorActor(quiet)), {
      now: new Date('2026-03-02T15:00:00Z'),
      quietHours: true,
    });
    const row = await db.db
      .selectFrom('outbox')
      .select(['next_attempt_at'])
      .where('recipient_employee_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row.next_attempt_at.toISOString()).toBe('2026-03-03T01:00:00.000Z');
  });
});
