// The demo, end to end on the console platform (issue H "done when"): Demo Co comes with six closed pulse rounds and
// a live pulse for the HR contact's team; a person answers it in `teampulse console` by typing button numbers, adds a
// comment, and once the round is closed the answers are in the team's results — with suppression visible where a
// group is too small (Sales East in the history) — and Li Na's silence shows in her risk explanation.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { createDemoOrganisation, type DemoResult } from '../../src/app/demo/bootstrap.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { LocalConsoleBackend } from '../../src/cli/console/backend.js';
import { runConsoleSession } from '../../src/cli/console/session.js';
import { buildApp } from '../../src/http/app.js';

let database: TestDatabase;
let demo: DemoResult;
const now = new Date('2026-11-30T03:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  demo = await createDemoOrganisation({ db: database.db, quietHours: false, now: () => now });
}, 180_000);
afterAll(async () => {
  await database.destroy();
});

/** One console session as `as`, typing `lines`; returns everything printed. */
async function session(as: string, lines: (printed: string) => string[] = () => []): Promise<string> {
  const backend = new LocalConsoleBackend(
    database.db,
    buildInboundDispatcher({ db: database.db, now: () => now }),
    () => now,
  );
  // First look (no input) to find the buttons, then a second session that types.
  const look = async (input: string[]) => {
    const stream = new PassThrough();
    let out = '';
    const done = runConsoleSession({
      backend,
      input: stream,
      output: { write: (s: string) => (out += s) },
      tenant: 'demo',
      as,
      now: () => now,
    });
    for (const line of input) stream.write(`${line}\n`);
    stream.end();
    await done;
    return out;
  };
  const first = await look([]);
  const typed = lines(first);
  return typed.length ? look(typed) : first;
}

/** The number of the "4" button of the furthest question printed (messages sent at one instant may print in any order). */
function lastFour(printed: string): string | undefined {
  const found = [...printed.matchAll(/question (\d+) of \d+[^╰]*?\[(\d+)\] 4\s/g)].map((m) => ({
    n: Number(m[1]),
    button: m[2]!,
  }));
  return found.sort((a, b) => b.n - a.n)[0]?.button;
}

describe('Demo Co pulse on the console platform', { timeout: 180_000 }, () => {
  it('the HR contact’s team received this week’s pulse; everyone else got nothing new', async () => {
    expect(demo.pulse.invited).toBeGreaterThanOrEqual(5);
    const printed = await session('operations-hr');
    expect(printed).toContain('Pulse survey · question 1 of 4');
    expect(printed).toContain('Anonymous: your answers are stored without your name');
  });

  it('answering by typing button numbers walks through the questions, then the comment prompt', async () => {
    for (let q = 1; q <= 4; q += 1) {
      const printed = await session('operations-hr', (shown) => [lastFour(shown)!]);
      expect(printed).toContain('Thanks — recorded.');
    }
    const done = await session('operations-hr', () => ['comment The new rota works well']);
    expect(done).toContain('Thank you — that was the last question');
    expect(done).toContain('Thanks — your comment is saved');
  });

  it('history shows suppression: Sales East had 4 respondents, and the next-smallest team is hidden with it', async () => {
    const results = await runCliWith(database, ['survey', 'results', '--tenant', 'demo', '--json']);
    expect(results.stderr).toBe('');
    const body = JSON.parse(results.stdout) as {
      groups: Array<{
        externalId: string | null;
        drivers: Array<{ score: number | null; suppressed: { reason: string; message: string } | null }>;
      }>;
    };
    const east = body.groups.find((g) => g.externalId === 'sales-east')!;
    expect(east.drivers[0]!.suppressed).toEqual({ reason: 'min_respondents', message: 'fewer than 5 responses' });
    const reasons = body.groups.flatMap((g) => g.drivers.map((d) => d.suppressed?.reason));
    expect(reasons).toContain('sibling_protection');
    expect(body.groups.find((g) => g.externalId === null)!.drivers[0]!.score).not.toBeNull();
    // The live round went to Operations only: it shows (response rate so far) for that team, not tenant-wide.
    expect((JSON.parse(results.stdout) as { openRound: unknown }).openRound).toBeNull();
    const ops = await runCliWith(database, ['survey', 'results', '--tenant', 'demo', '--team', 'operations', '--json']);
    expect((JSON.parse(ops.stdout) as { openRound: { id: string } | null }).openRound?.id).toBe(demo.pulse.roundId);
    const text = await runCliWith(database, ['survey', 'results', '--tenant', 'demo']);
    expect(text.stdout).toMatch(/Sales East \(sales-east\): response rate \d+%/);
    expect(text.stdout).toContain('suppressed: fewer than 5 responses');
  });

  it('once the live round closes, its answers are in the team’s results', async () => {
    // The rest of Operations answers through the console too, so the team reaches the threshold.
    const members = await database.db
      .selectFrom('employees')
      .innerJoin('teams', 'teams.id', 'employees.team_id')
      .select('employees.external_id')
      .where('teams.external_id', '=', 'operations')
      .where('employees.status', '=', 'active')
      .where('employees.external_id', '!=', 'operations-hr')
      .execute();
    for (const { external_id } of members.slice(0, 5))
      for (let q = 1; q <= 4; q += 1) await session(external_id, (shown) => [lastFour(shown)!]);
    const close = await runCliWith(database, ['survey', 'close', '--tenant', 'demo']);
    expect(close.stdout).toBe('1 round(s) closed\n');
    const results = await runCliWith(database, [
      'survey',
      'results',
      '--tenant',
      'demo',
      '--team',
      'operations',
      '--json',
    ]);
    const body = JSON.parse(results.stdout) as {
      round: { id: string };
      groups: Array<{
        externalId: string | null;
        responseRate: { answered: number };
        drivers: Array<{ score: number | null; respondents: number | null }>;
      }>;
    };
    expect(body.round.id).toBe(demo.pulse.roundId);
    const ops = body.groups.find((g) => g.externalId === 'operations')!;
    expect(ops.responseRate.answered).toBe(6);
    // The drivers this round asked have scores from all 6; drivers of earlier rounds only show in the trend.
    const asked = ops.drivers.filter((d) => d.score !== null);
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked.every((d) => d.respondents === 6)).toBe(true);
  });

  it('Li Na stopped answering: "survey participation" is in her risk explanation (never in alert texts)', async () => {
    const app = await buildApp({ db: database.db, schema: database.schema, logger: false });
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/employees/li.na/risk',
      headers: bearer(demo.hrToken),
    });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).toMatch(/survey_participation|answered 17% of pulse surveys/);
    const alert = await database.db
      .selectFrom('outbox')
      .select('message')
      .where('kind', '=', 'alert')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(alert.message)).not.toMatch(/pulse|survey_participation/i);
  });

  it('the CLI lists the bank in either language and sends a round to one team now', async () => {
    const zh = await runCliWith(database, ['survey', 'questions', '--tenant', 'demo', '--locale', 'zh-CN']);
    expect(zh.stdout.trim().split('\n')).toHaveLength(30);
    expect(zh.stdout).toMatch(/^team_support\.1 +team_support +1–5 +遇到困难时，我能从团队得到支持。$/m);
    const en = await runCliWith(database, ['survey', 'questions', '--tenant', 'demo', '--json']);
    expect((JSON.parse(en.stdout) as { locale: string; questions: unknown[] }).locale).toBe('en');
    const added = await runCliWith(database, [
      'survey',
      'question',
      'add',
      '--tenant',
      'demo',
      '--driver',
      'workload',
      '--zh',
      '我能按时下班。',
      '--en',
      'I can leave on time.',
    ]);
    expect(added.stdout).toMatch(/^added custom\.1 +workload/);
    const retired = await runCliWith(database, ['survey', 'question', 'retire', 'custom.1', '--tenant', 'demo']);
    expect(retired.stdout).toMatch(/^retired custom\.1 .*\(retired\)/);
    const send = await runCliWith(database, ['survey', 'send', '--tenant', 'demo', '--team', 'engineering']);
    expect(send.stderr).toBe('');
    expect(send.stdout).toMatch(/^round [0-9a-f-]{36} \(anonymous\): 4 questions sent to \d+ people; reminder on /);
    const unknown = await runCliWith(database, ['survey', 'send', '--tenant', 'demo', '--team', 'nope']);
    expect(unknown.code).toBe(1);
  });
});
