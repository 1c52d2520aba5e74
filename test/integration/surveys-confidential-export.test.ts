// Confidential mode (issue H, with the brief's privacy rules): a person's own answers, kept under their pseudonym,
// are theirs to see in their export — and reach nobody else, not even their own risk score: per person, scoring
// reads only participation (answered or not), identical for two people who answered very differently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { Access, accessFor, operatorActor, personActor } from '../../src/app/access/index.js';
import { closeOpenRounds, startRound, surveyScoringInputs, updateSurveySettings } from '../../src/app/surveys/index.js';
import { exportMyData } from '../../src/app/privacy/export.js';

let db: TestDatabase;
let tenantId: string;
const people: Record<string, string> = {};
// Monday 2026-03-02 10:00 Shanghai, and the Monday after.
const monday = new Date('2026-03-02T02:00:00Z');
const nextMonday = new Date('2026-03-09T02:00:00Z');
const later = new Date('2026-03-20T02:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  tenantId = (await createTenant(db.db, 'confidential', { quiet_hours: false })).id;
  await upsertDirectory(
    db.db,
    tenantId,
    {
      teams: [{ externalId: 'ops', name: 'Ops' }],
      employees: ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6'].map((id) => ({
        externalId: id,
        name: id,
        team: 'ops',
        manager: null,
      })),
    },
    { actor: 'test' },
  );
  for (const e of await db.db.selectFrom('employees').select(['id', 'external_id']).execute())
    people[e.external_id] = e.id;
});
afterAll(async () => {
  await db.destroy();
});

const operator = () => new Access(db.db, operatorActor(tenantId));

async function answerAll(who: string, roundId: string, value: number, now: Date): Promise<void> {
  const round = await db.db
    .selectFrom('survey_rounds')
    .select('question_ids')
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  const dispatcher = buildInboundDispatcher({ db: db.db, now: () => now, quietHours: false });
  for (const questionId of round.question_ids)
    await dispatcher.dispatch(
      {
        type: 'action',
        id: `${who}-${questionId}-${now.getTime()}`,
        source: 'console',
        actor: { kind: 'external', id: who },
        occurredAt: now,
        actionId: 'survey.answer',
        value: `${roundId}:${questionId}:${value}`,
      },
      { tenantId, employeeId: people[who]!, locale: 'en', platform: 'console', now },
    );
}

async function comment(who: string, text: string, now: Date): Promise<void> {
  const dispatcher = buildInboundDispatcher({ db: db.db, now: () => now, quietHours: false });
  await dispatcher.dispatch(
    {
      type: 'command',
      id: `${who}-comment-${now.getTime()}`,
      source: 'console',
      actor: { kind: 'external', id: who },
      occurredAt: now,
      command: 'comment',
      args: text.split(' '),
    },
    { tenantId, employeeId: people[who]!, locale: 'en', platform: 'console', now },
  );
}

const exportOf = async (who: string) =>
  exportMyData(
    accessFor(db.db, await personActor(db.db, { tenantId, employeeId: people[who]!, source: 'api' })),
    later,
  );

describe('confidential survey answers', { timeout: 180_000 }, () => {
  it("are in the person's own export only; anonymous-round answers are linked to nobody", async () => {
    await updateSurveySettings(operator(), { mode: 'confidential' });
    const first = await startRound(operator(), { now: monday, quietHours: false });
    await answerAll('p-1', first.roundId, 2, monday);
    await answerAll('p-2', first.roundId, 5, monday);
    await comment('p-1', 'too many handovers', monday);
    await closeOpenRounds(operator(), new Date('2026-03-06T12:00:00Z'));

    await updateSurveySettings(operator(), { mode: 'anonymous' });
    const second = await startRound(operator(), { now: nextMonday, quietHours: false });
    await answerAll('p-1', second.roundId, 1, nextMonday);
    await answerAll('p-2', second.roundId, 5, nextMonday);
    await closeOpenRounds(operator(), new Date('2026-03-13T12:00:00Z'));

    const mine = await exportOf('p-1');
    expect(mine.surveyAnswers).toHaveLength(first.questions);
    expect(mine.surveyAnswers.every((a) => a.value === 2 && a.roundOpenedOn === '2026-03-02')).toBe(true);
    expect(mine.surveyComments).toEqual([{ roundOpenedOn: '2026-03-02', text: 'too many handovers' }]);
    const theirs = await exportOf('p-2');
    expect(theirs.surveyAnswers.map((a) => a.value)).toEqual(Array(first.questions).fill(5));
    expect(theirs.surveyComments).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain('handovers');
    // Someone who never answered a confidential round has nothing there.
    expect((await exportOf('p-3')).surveyAnswers).toEqual([]);
  });

  it("never reach the person's own risk inputs: per person, scoring reads participation only", async () => {
    const inputs = await surveyScoringInputs(db.db, tenantId, '2026-03-16');
    expect(Object.keys(inputs).sort()).toEqual(['participationPct', 'teamSurvey']);
    // p-1 answered 2 and 1, p-2 answered 5 and 5: the same participation, and nothing else about either of them.
    expect(inputs.participationPct.get(people['p-1']!)).toBe(100);
    expect(inputs.participationPct.get(people['p-2']!)).toBe(100);
    expect(inputs.participationPct.get(people['p-3']!)).toBe(0);
    // The team's average only when enough of it answered (2 of 6 here: below the threshold of 5).
    expect(inputs.teamSurvey.size).toBe(0);
  });
});
