// New joiners' onboarding answers feed team atmosphere (issue J) without exposing anyone: they are pooled with the
// team's regular round only when the team's regular respondents alone meet the tenant's anonymity threshold AND at
// least that many of its new joiners answered (HR sees the regular round's results and the pooled average, so their
// difference must be a group's answers, never one person's); they never raise the respondent count, and they enter
// with the next regular round that closes. The threshold is set to 3 (the lowest allowed). Teams: `big` (6 regular
// members, 3 new joiners who answer their day-7 pulse with 1s) — pooled; `few` (6 regular, 2 joiners answering 1s)
// — too few joiners, not pooled; `big2` (6 regular, 3 joiners with no pulse) — the control; `small` (2 regular, 3
// joiners answering) and `small2` (2 regular, 3 joiners with no pulse) — below the threshold, no survey driver.
// Group results and the results API still show the regular round alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { pulseAnswerer } from '../helpers/pulse-answers.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { buildApp, type App } from '../../src/http/app.js';
import { upsertDirectory } from '../../src/app/directory/index.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import {
  closeOpenRounds,
  startRound,
  surveyResults,
  surveyScoringInputs,
  updateSurveySettings,
} from '../../src/app/surveys/index.js';
import { onboardingPulses } from '../../src/app/performance/plans/onboarding-pulses.js';
import { runScoring } from '../../src/app/scoring/run.js';
import type { Reason } from '../../src/core/scoring/types.js';

const TEAMS = { big: 6, few: 6, big2: 6, small: 2, small2: 2 } as const;
const JOINERS = { big: 3, few: 2, big2: 3, small: 3, small2: 3 } as const;
/** Teams whose new joiners get (and answer) their day-7 pulse. */
const ANSWERING = ['big', 'few', 'small'] as const;
type TeamKey = keyof typeof TEAMS;
const members = (team: TeamKey) => Array.from({ length: TEAMS[team] }, (_, i) => `${team}-${i + 1}`);
const joiners = (team: TeamKey) => Array.from({ length: JOINERS[team] }, (_, i) => `${team}-new-${i + 1}`);
const at = (day: string) => new Date(`${day}T02:00:00Z`);

describe('onboarding answers in team atmosphere', { timeout: 240_000 }, () => {
  let handle: TestDatabase;
  let app: App;
  let tenantId: string;
  const people: Record<string, string> = {};
  const teamIds: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    tenantId = (await createTenant(handle.db, 'poolco', { locale: 'en', quiet_hours: false })).id;
    const keys = Object.keys(TEAMS) as TeamKey[];
    await upsertDirectory(
      handle.db,
      tenantId,
      {
        teams: keys.map((team) => ({ externalId: team, name: team })),
        employees: keys.flatMap((team) =>
          [...members(team), ...joiners(team)].map((id) => ({ externalId: id, name: id, team, manager: null })),
        ),
      },
      { actor: 'test' },
    );
    for (const e of await handle.db.selectFrom('employees').select(['id', 'external_id']).execute())
      people[e.external_id] = e.id;
    for (const t of await handle.db.selectFrom('teams').select(['id', 'external_id']).execute())
      teamIds[t.external_id] = t.id;
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => at('2026-03-13') });
    await updateSurveySettings(operator(), { minRespondents: 3 });
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  const operator = () => new Access(handle.db, operatorActor(tenantId));
  const answerAll = (who: string, roundId: string, value: number, now: Date) =>
    pulseAnswerer(handle.db, tenantId, people).answerAll(who, roundId, value, now);
  async function regularRound(day: string): Promise<string> {
    const round = await startRound(operator(), { now: at(day), quietHours: false });
    // Everyone but the new joiners answers 4 on every question.
    for (const team of Object.keys(TEAMS) as TeamKey[])
      for (const who of members(team)) expect(await answerAll(who, round.roundId, 4, at(day))).toBeGreaterThan(0);
    return round.roundId;
  }
  /** The 1–5 items of the latest regular round (one of a round's questions may be the 0–10 eNPS item). */
  async function agreeItems(): Promise<number> {
    const round = await handle.db
      .selectFrom('survey_rounds')
      .select('question_ids')
      .where('kind', '!=', 'onboarding')
      .orderBy('opened_on', 'desc')
      .executeTakeFirstOrThrow();
    const rows = await handle.db
      .selectFrom('survey_questions')
      .select('id')
      .where('id', 'in', round.question_ids)
      .where('scale', '=', 'agree5')
      .execute();
    return rows.length;
  }
  const teamDrivers = async (team: TeamKey, asOf: string) =>
    handle.db
      .selectFrom('team_scores')
      .select(['score', 'drivers'])
      .where('team_id', '=', teamIds[team]!)
      .where('as_of', '=', asOf)
      .executeTakeFirstOrThrow() as Promise<{ score: number | null; drivers: Reason[] }>;

  it('a first regular round: teams of 6 get a survey average of 4, teams of 2 none', async () => {
    await regularRound('2026-03-02');
    expect(await closeOpenRounds(operator(), at('2026-03-06'))).toBe(1);
    const inputs = await surveyScoringInputs(handle.db, tenantId, '2026-03-06');
    expect(inputs.teamSurvey.get(teamIds.big!)).toEqual({ respondents: 6, average: 4 });
    expect(inputs.teamSurvey.has(teamIds.small!)).toBe(false);
  });

  it('onboarding 1s pool into the next regular round only where the team and its answering joiners meet the threshold', async () => {
    const pulse = onboardingPulses({ db: handle.db, quietHours: false });
    for (const team of ANSWERING)
      for (const who of joiners(team)) {
        const sent = await pulse({
          tenantId,
          employeeId: people[who]!,
          step: 'pulse_day_7',
          dueDay: '2026-03-09',
          now: at('2026-03-09'),
        });
        expect(sent).toBe(true);
        const round = await handle.db
          .selectFrom('survey_rounds as r')
          .innerJoin('survey_participation as p', 'p.round_id', 'r.id')
          .select('r.id')
          .where('r.kind', '=', 'onboarding')
          .where('p.employee_id', '=', people[who]!)
          .executeTakeFirstOrThrow();
        expect(await answerAll(who, round.id, 1, at('2026-03-09'))).toBe(3);
      }
    // While the onboarding rounds are open, or closed before a new regular round closes, the average stays 4.
    expect((await surveyScoringInputs(handle.db, tenantId, '2026-03-09')).teamSurvey.get(teamIds.big!)).toEqual({
      respondents: 6,
      average: 4,
    });

    await regularRound('2026-03-09');
    expect(await closeOpenRounds(operator(), at('2026-03-13'))).toBe(1 + 3 + 2 + 3);
    const inputs = await surveyScoringInputs(handle.db, tenantId, '2026-03-13');
    // big: 6 people answer 4 on each 1–5 item of the round, its 3 joiners' 9 onboarding 1s join them; respondents stay 6.
    const n = 6 * (await agreeItems());
    expect(inputs.teamSurvey.get(teamIds.big!)).toEqual({ respondents: 6, average: (4 * n + 9) / (n + 9) });
    expect(inputs.teamSurvey.get(teamIds.big!)!.average).toBeLessThan(4);
    // few: 2 joiners answered — below the threshold of 3, so their answers stay out (the difference would be theirs).
    expect(inputs.teamSurvey.get(teamIds.few!)).toEqual({ respondents: 6, average: 4 });
    expect(inputs.teamSurvey.get(teamIds.big2!)).toEqual({ respondents: 6, average: 4 });
    expect(inputs.teamSurvey.has(teamIds.small!)).toBe(false);
    expect(inputs.teamSurvey.has(teamIds.small2!)).toBe(false);
  });

  it("the team score: big's survey_average component moves; few's and small's scores do not", async () => {
    await runScoring({ db: handle.db }, { tenantId, asOf: '2026-03-13' });
    const survey = (drivers: Reason[]) => drivers.find((d) => d.code === 'survey_average');
    const big = await teamDrivers('big', '2026-03-13');
    const big2 = await teamDrivers('big2', '2026-03-13');
    const few = await teamDrivers('few', '2026-03-13');
    const n = 6 * (await agreeItems());
    expect(survey(big.drivers)?.params).toEqual({
      average: Math.round(((4 * n + 9) / (n + 9)) * 10) / 10,
      respondents: 6,
    });
    expect(survey(big2.drivers)?.params).toEqual({ average: 4, respondents: 6 });
    expect(survey(few.drivers)?.params).toEqual({ average: 4, respondents: 6 });
    expect(survey(big.drivers)!.contribution).toBeLessThan(survey(big2.drivers)!.contribution);
    const small = await teamDrivers('small', '2026-03-13');
    const small2 = await teamDrivers('small2', '2026-03-13');
    expect(survey(small.drivers)).toBeUndefined();
    expect(small).toEqual(small2);
  });
  it('group results and the results API still show the regular round alone', async () => {
    const results = await surveyResults(operator(), { team: 'big' });
    const big = results.groups.find((g) => g.teamId === teamIds.big)!;
    // Only the regular round's 1–5 items show, each 4 from 6 people; the onboarding-only drivers stay empty.
    const shown = big.drivers.filter((d) => d.scale === 'agree5' && d.score !== null);
    expect(shown).toHaveLength(await agreeItems());
    for (const d of shown) expect([d.score, d.respondents]).toEqual([4, 6]);
    const token = await createToken(handle.db, tenantId, 'hr');
    const response = await app.inject({ method: 'GET', url: '/api/v1/surveys/results', headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      round: { id: string };
      groups: { drivers: { scale: string; score: number | null }[] }[];
    }>();
    const onboardingIds = (
      await handle.db.selectFrom('survey_rounds').select('id').where('kind', '=', 'onboarding').execute()
    ).map((r) => r.id);
    expect(onboardingIds).toHaveLength(3 + 2 + 3);
    expect(onboardingIds).not.toContain(body.round.id);
    for (const group of body.groups)
      for (const d of group.drivers) if (d.scale === 'agree5' && d.score !== null) expect(d.score).toBe(4);
  });
});
