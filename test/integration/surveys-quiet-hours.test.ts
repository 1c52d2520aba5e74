// The service-wide quiet-hours switch (config.quietHours, TEAMPULSE_QUIET_HOURS=off) reaches every path that sends
// survey messages: a round sent now, the next question after an answer (the inbound dispatcher), the daily survey
// job and `teampulse survey send`. The tenant's own quiet hours are on throughout: with the switch off a question
// goes at once, even at 22:00 on a Saturday; with it on, it waits for the tenant's next working hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTenant } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { silentLogger } from '../helpers/scheduler.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { startRound, updateSurveySettings } from '../../src/app/surveys/index.js';
import { createSurveyJob } from '../../src/scheduler/jobs.js';
import { nextAllowedTime } from '../../src/core/alerts/quiet-hours.js';
import { localClock, localDay } from '../../src/core/time.js';

let db: TestDatabase;
// Saturday 2026-03-07, 22:00 in Shanghai; the next working hours start Monday 2026-03-09 09:00 (01:00Z).
const saturdayNight = new Date('2026-03-07T14:00:00Z');
const mondayMorning = '2026-03-09T01:00:00.000Z';
// Monday 2026-03-02, 22:00 in Shanghai (a working day, after hours); Tuesday 09:00 is 01:00Z.
const mondayNight = new Date('2026-03-02T14:00:00Z');
const tuesdayMorning = '2026-03-03T01:00:00.000Z';

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** A tenant with its own quiet hours on and one team of two. */
async function quietTenant(slug: string): Promise<{ tenantId: string; people: string[] }> {
  const tenantId = (await createTenant(db.db, slug, { quiet_hours: true, timezone: 'Asia/Shanghai' })).id;
  await upsertDirectory(
    db.db,
    tenantId,
    {
      teams: [{ externalId: 'ops', name: 'Ops' }],
      employees: [
        { externalId: 'p-1', name: 'P 1', team: 'ops', manager: null },
        { externalId: 'p-2', name: 'P 2', team: 'ops', manager: null },
      ],
    },
    { actor: 'test' },
  );
  const people = await db.db
    .selectFrom('employees')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('external_id')
    .execute();
  return { tenantId, people: people.map((p) => p.id) };
}

async function surveyRows(employeeId: string) {
  return db.db
    .selectFrom('outbox')
    .select(['idempotency_key', 'next_attempt_at', 'created_at', 'message'])
    .where('recipient_employee_id', '=', employeeId)
    .where('kind', '=', 'survey')
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();
}

/** p-1 presses 4 on a question at Saturday 22:00, through a dispatcher built with the service-wide switch. */
async function answerAsFirstPerson(input: {
  tenantId: string;
  employeeId: string;
  roundId: string;
  questionId: string;
  quietHours: boolean;
}): Promise<void> {
  const dispatcher = buildInboundDispatcher({ db: db.db, now: () => saturdayNight, quietHours: input.quietHours });
  await dispatcher.dispatch(
    {
      type: 'action',
      id: `answer-${input.quietHours ? 'on' : 'off'}-1`,
      source: 'console',
      actor: { kind: 'external', id: 'p-1' },
      occurredAt: saturdayNight,
      actionId: 'survey.answer',
      value: `${input.roundId}:${input.questionId}:4`,
    },
    { tenantId: input.tenantId, employeeId: input.employeeId, locale: 'en', platform: 'console', now: saturdayNight },
  );
}

describe('survey messages and the service-wide quiet-hours switch', { timeout: 120_000 }, () => {
  it('off: a round sent at 22:00 on a Saturday goes at once, and so does the next question after an answer', async () => {
    const { tenantId, people } = await quietTenant('quiet-off');
    const round = await startRound(new Access(db.db, operatorActor(tenantId)), {
      now: saturdayNight,
      quietHours: false,
    });
    expect(round.invited).toBe(2);
    const [first] = await surveyRows(people[0]!);
    expect(first!.next_attempt_at.toISOString()).toBe(saturdayNight.toISOString());

    // The answer arrives through the dispatcher the composition root builds with config.quietHours.
    const questionId = first!.idempotency_key.split(':q:')[1]!;
    await answerAsFirstPerson({
      tenantId,
      employeeId: people[0]!,
      roundId: round.roundId,
      questionId,
      quietHours: false,
    });
    const rows = await surveyRows(people[0]!);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.next_attempt_at.toISOString()).toBe(saturdayNight.toISOString());
  });

  it('on: the same round and the next question wait for Monday 09:00', async () => {
    const { tenantId, people } = await quietTenant('quiet-on');
    const round = await startRound(new Access(db.db, operatorActor(tenantId)), {
      now: saturdayNight,
      quietHours: true,
    });
    const [first] = await surveyRows(people[0]!);
    expect(first!.next_attempt_at.toISOString()).toBe(mondayMorning);

    const questionId = first!.idempotency_key.split(':q:')[1]!;
    await answerAsFirstPerson({
      tenantId,
      employeeId: people[0]!,
      roundId: round.roundId,
      questionId,
      quietHours: true,
    });
    const rows = await surveyRows(people[0]!);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.next_attempt_at.toISOString()).toBe(mondayMorning);
  });

  it('the daily survey job passes the switch on to the scheduled round it opens', async () => {
    for (const [slug, quietHours, expected] of [
      ['job-off', false, mondayNight.toISOString()],
      ['job-on', true, tuesdayMorning],
    ] as const) {
      const { tenantId, people } = await quietTenant(slug);
      await updateSurveySettings(new Access(db.db, operatorActor(tenantId)), { enabled: true, cadence: 'weekly' });
      const job = createSurveyJob({ quietHours });
      await job.run({
        db: db.db,
        logger: silentLogger,
        tenantId,
        timezone: 'Asia/Shanghai',
        slot: `test:${slug}`,
        scheduledAt: mondayNight,
        now: mondayNight,
        localDay: localDay(mondayNight, 'Asia/Shanghai'),
      });
      const rows = await surveyRows(people[1]!);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.next_attempt_at.toISOString()).toBe(expected);
    }
  });

  it('`survey send` reads TEAMPULSE_QUIET_HOURS through the configuration', async () => {
    // The CLI runs on the wall clock, so the tenant works only on the weekday after today's (in its zone): whenever
    // this runs, its quiet hours are in force now.
    const today = localClock(new Date(), 'Asia/Shanghai').weekday;
    const workingHours = { days: [(today % 7) + 1], start: '09:00', end: '18:00' };
    for (const [slug, env] of [
      ['cli-off', 'off'],
      ['cli-on', 'on'],
    ] as const) {
      const { tenantId, people } = await quietTenant(slug);
      await db.db
        .updateTable('tenants')
        .set({ settings: JSON.stringify({ workingHours }) })
        .where('id', '=', tenantId)
        .execute();
      const run = await runCliWith(db, ['survey', 'send', '--tenant', slug, '--json'], {
        TEAMPULSE_QUIET_HOURS: env,
      });
      expect(run.code, run.stderr).toBe(0);
      const [row] = await surveyRows(people[0]!);
      // off ⇒ due when written; on ⇒ due at the start of the tenant's next working hours, later.
      if (env === 'off') expect(row!.next_attempt_at.toISOString()).toBe(row!.created_at.toISOString());
      else {
        expect(row!.next_attempt_at.getTime()).toBeGreaterThan(row!.created_at.getTime());
        expect(row!.next_attempt_at.toISOString()).toBe(
          nextAllowedTime(row!.created_at, { enabled: true, timeZone: 'Asia/Shanghai', workingHours }).toISOString(),
        );
      }
    }
  });
});
