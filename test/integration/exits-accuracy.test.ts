// Exit reasons and the two reports: departures carry a reason code from the tenant's list (older free-text reasons
// stay valid; the "manager change" and "pay" count as the built-in manager and compensation), `report exits` groups them by team and period and says how early each leaver was flagged, and
// `report accuracy` computes its figures from stored scores and can accept its threshold as a new rule version.
// On Demo Co the figures come from the synthetic leavers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.js';
import { resetDemoOrganisation } from '../../src/app/demo/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { bearer, createTenant, createToken } from '../helpers/fixtures.js';
import { runCliWith } from '../helpers/cli.js';
import { EXIT_REASONS } from '../../src/core/exit-reasons.js';
import { Access, operatorActor } from '../../src/app/access/index.js';
import { exitReport } from '../../src/app/performance/exits.js';
import { accuracyReport } from '../../src/app/performance/accuracy.js';
import { sendDueStepNudges } from '../../src/app/performance/plans/nudges.js';

const NOW = new Date('2026-07-01T04:00:00Z');

describe('exit reasons and reports', { timeout: 180_000 }, () => {
  let handle: TestDatabase;
  let app: App;
  let tenantId: string;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    app = await buildApp({ db: handle.db, schema: handle.schema, logger: false, now: () => NOW });
    tenantId = (await createTenant(handle.db, 'acme', { timezone: 'UTC' })).id;
    const team = await handle.db
      .insertInto('teams')
      .values({ tenant_id: tenantId, external_id: 'sales', name: 'Sales', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const ext of ['a', 'b', 'c', 'd']) {
      const row = await handle.db
        .insertInto('employees')
        .values({
          tenant_id: tenantId,
          external_id: ext,
          display_name: ext.toUpperCase(),
          email: null,
          team_id: team.id,
          manager_id: null,
          hire_date: '2025-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[ext] = row.id;
    }
    token = await createToken(handle.db, tenantId, 'hr');
    // Stored history: a is high on 03-01 and leaves 03-31; d is high on 02-01 and stays; b and c are low.
    const score = (ext: string, asOf: string, level: 'low' | 'high', features: Record<string, number>) => ({
      tenant_id: tenantId,
      employee_id: ids[ext]!,
      as_of: asOf,
      status: 'scored' as const,
      risk_score: level === 'high' ? 80 : 10,
      risk_level: level,
      features: JSON.stringify(features),
      rule_version: 0,
    });
    const seedRule = { team_msgs_change_pct: -60, leave_change_pct: 40 };
    await handle.db
      .insertInto('employee_scores')
      .values([
        score('a', '2026-03-01', 'high', seedRule),
        score('b', '2026-03-01', 'low', {}),
        score('c', '2026-03-01', 'low', {}),
        score('d', '2026-02-01', 'high', seedRule),
        score('d', '2026-06-30', 'low', {}),
      ])
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
  });

  const post = (signals: unknown[]) =>
    app.inject({ method: 'POST', url: '/api/v1/signals', headers: bearer(token), payload: { signals } });

  it('departures take a reason code from the list; a free-text reason stays valid; neither is refused', async () => {
    const bad = await post([
      { id: 'x1', kind: 'departure', employee: 'a', occurredAt: '2026-03-31', reasonCode: 'boredom' },
      { id: 'x2', kind: 'departure', employee: 'a', occurredAt: '2026-03-31' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/body/signals/0/reasonCode', message: expect.stringMatching(/one of/) }),
        expect.objectContaining({ path: '/body/signals/1/reasonCode', message: expect.stringMatching(/required/) }),
      ]),
    );
    const ok = await post([
      {
        id: 'd1',
        kind: 'departure',
        employee: 'a',
        occurredAt: '2026-03-31',
        reasonCode: 'manager_change',
        note: 'after the reorg',
      },
      { id: 'd2', kind: 'departure', employee: 'b', occurredAt: '2026-04-20', reason: 'resigned' },
      { id: 'd3', kind: 'departure', employee: 'c', occurredAt: '2026-05-10', reason: 'Pay' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ accepted: 3 });
  });

  it('the list is tenant-editable; codes off the list are refused from then on', async () => {
    const set = await runCliWith(handle, [
      'report',
      'reasons',
      '--tenant',
      'acme',
      '--set',
      'pay,growth,visa',
      '--json',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ codes: ['pay', 'growth', 'visa', 'other'] });
    const refused = await post([
      { id: 'd9', kind: 'departure', employee: 'd', occurredAt: '2026-06-01', reasonCode: 'manager_change' },
    ]);
    expect(refused.statusCode).toBe(400);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'exit_reasons.update')
      .execute();
    expect(audit).toHaveLength(1);
    // Back to the built-in list for the rest of the file.
    await runCliWith(handle, ['report', 'reasons', '--tenant', 'acme', '--set', EXIT_REASONS.join(',')]);
  });

  it('report exits: reasons by team and period, and how early each leaver was flagged', async () => {
    const run = await runCliWith(handle, ['report', 'exits', '--tenant', 'acme', '--by', 'month', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.leavers).toEqual([
      expect.objectContaining({
        employee: 'a',
        reason: 'manager',
        note: 'after the reorg',
        leftOn: '2026-03-31',
        flagged: true,
        flaggedOn: '2026-03-01',
        leadDays: 30,
      }),
      expect.objectContaining({ employee: 'b', reason: 'other', flagged: false, flaggedOn: null }),
      expect.objectContaining({ employee: 'c', reason: 'compensation', flagged: false }),
    ]);
    expect(report.groups).toEqual([
      { team: 'Sales', period: '2026-03', total: 1, reasons: { manager: 1 } },
      { team: 'Sales', period: '2026-04', total: 1, reasons: { other: 1 } },
      { team: 'Sales', period: '2026-05', total: 1, reasons: { compensation: 1 } },
    ]);
    expect(report.flagged).toBe(1);
    const text = await runCliWith(handle, ['report', 'exits', '--tenant', 'acme', '--from', '2026-04-01']);
    expect(text.stdout).toMatch(/2 leavers, 0 flagged/);
    expect(text.stdout).toMatch(/2026-Q2 {2}Sales: 2 — other 1, compensation 1/);
  });

  it("both reports print in the tenant's locale (en and zh-CN); --json is the same in either", async () => {
    const run = (argv: string[]) => runCliWith(handle, ['report', ...argv, '--tenant', 'acme']);
    const setLocale = (locale: 'en' | 'zh-CN') =>
      handle.db.updateTable('tenants').set({ locale }).where('id', '=', tenantId).execute();
    const en = {
      exits: await run(['exits', '--by', 'month']),
      accuracy: await run(['accuracy']),
      json: [(await run(['exits', '--json'])).stdout, (await run(['accuracy', '--json'])).stdout],
    };
    expect(en.exits.stdout).toMatch(/^Exits 2025-07-01 – 2026-06-30: 3 leavers, 1 flagged beforehand by teampulse$/m);
    expect(en.exits.stdout).toMatch(/Reasons: compensation 1, manager 1, other 1/);
    expect(en.exits.stdout).toMatch(/By team and month:/);
    expect(en.exits.stdout).toMatch(
      /2026-03-31 {2}A \(a, Sales\) — manager; flagged 30 days before \(2026-03-01\); note: after the reorg/,
    );
    expect(en.accuracy.stdout).toMatch(/^Accuracy of high-risk flags as of 2026-06-30/m);
    expect(en.accuracy.stdout).toMatch(/30 days: precision 50% \(1 of 2 alerts followed by a departure/);
    expect(en.accuracy.stdout).toMatch(/Threshold: keep high at 70/);
    await setLocale('zh-CN');
    try {
      const exits = await run(['exits', '--by', 'month']);
      const accuracy = await run(['accuracy']);
      expect(exits.code, exits.stderr).toBe(0);
      expect(exits.stdout).toMatch(/^离职情况（2025-07-01 至 2026-06-30）：3 人离职，其中 1 人事先被 teampulse 标记$/m);
      expect(exits.stdout).toMatch(/离职原因：薪酬 1 人，经理 1 人，其他 1 人/);
      expect(exits.stdout).toMatch(/按团队和月份：/);
      expect(exits.stdout).toMatch(/2026-03 {2}Sales：1 人 — 经理 1 人/);
      expect(exits.stdout).toMatch(
        /2026-03-31 {2}A（a，Sales）— 经理；离职前 30 天已被标记（2026-03-01）；备注：after the reorg/,
      );
      expect(accuracy.code, accuracy.stderr).toBe(0);
      expect(accuracy.stdout).toMatch(
        /^高风险标记的准确度（截至 2026-06-30；评分日 2025-07-01 至 2026-06-30；规则 v0；已评分 4 人，其中 3 人已离职）$/m,
      );
      expect(accuracy.stdout).toMatch(/30 天：精确率 50%（2 次标记中 1 次之后确有离职/);
      expect(accuracy.stdout).toMatch(/阈值：保持高风险阈值 70/);
      // No English sentence is left in the Chinese text (codes, names and rule ids are data, not sentences).
      for (const text of [exits.stdout, accuracy.stdout])
        expect(text).not.toMatch(/leavers|flagged|precision|recall|Reasons|Threshold|Lead time/);
      expect([(await run(['exits', '--json'])).stdout, (await run(['accuracy', '--json'])).stdout]).toEqual(en.json);
    } finally {
      await setLocale('en');
    }
  });

  it('both reports read a window of days (default: the 12 months up to the latest data); older data is left out', async () => {
    const json = async (argv: string[]) => {
      const run = await runCliWith(handle, ['report', ...argv, '--tenant', 'acme', '--json']);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    // Defaults: to = the latest scored day or departure (d scored 06-30), from = 12 months before.
    expect(await json(['exits'])).toMatchObject({ from: '2025-07-01', to: '2026-06-30' });
    // Exits by departure day; a leaver's flag is looked up in the 90 days before, even before --from.
    const april = await json(['exits', '--from', '2026-04-01', '--to', '2026-04-30']);
    expect(april.leavers.map((l: { employee: string }) => l.employee)).toEqual(['b']);
    const march = await json(['exits', '--from', '2026-03-31', '--to', '2026-03-31']);
    expect(march.leavers).toEqual([expect.objectContaining({ employee: 'a', flagged: true, flaggedOn: '2026-03-01' })]);
    // Accuracy as of --to: c (left 05-10) is still present on 04-30, and d's 02-01 alert (28 days old) is pending.
    const spring = await json(['accuracy', '--to', '2026-04-30']);
    expect(spring).toMatchObject({ from: '2025-05-01', to: '2026-04-30', asOf: '2026-03-01' });
    expect(spring.people).toEqual({ scored: 4, leavers: 2 });
    expect(spring.horizons[0]).toMatchObject({ truePositives: 1, falsePositives: 0, pending: 1, precision: 1 });
    // From 03-02 the high days of 02-01 and 03-01 are outside: no alert, and b and c have no scored day in it.
    const late = await json(['accuracy', '--from', '2026-03-02']);
    expect(late.people).toEqual({ scored: 1, leavers: 0 });
    expect(late.horizons[0]).toMatchObject({ alerts: 0, precision: null, leavers: 0 });

    // A high day and an alert older than the default window do not count unless the window reaches back to them.
    const old = { tenant_id: tenantId, employee_id: ids.b!, as_of: '2025-06-01' };
    await handle.db
      .insertInto('employee_scores')
      .values({
        ...old,
        status: 'scored',
        risk_score: 80,
        risk_level: 'high',
        features: JSON.stringify({ team_msgs_change_pct: -60, leave_change_pct: 40 }),
        rule_version: 0,
      })
      .execute();
    try {
      expect((await json(['accuracy'])).horizons[0]).toMatchObject({ alerts: 2, precision: 0.5 });
      expect((await json(['exits'])).leavers.find((l: { employee: string }) => l.employee === 'b')).toMatchObject({
        flagged: false,
      });
      const wide = await json(['accuracy', '--from', '2025-01-01']);
      expect(wide.horizons[0]).toMatchObject({ alerts: 3, truePositives: 1, falsePositives: 2 });
      expect(wide.horizons[0].precision).toBeCloseTo(1 / 3);
    } finally {
      await handle.db
        .deleteFrom('employee_scores')
        .where('employee_id', '=', old.employee_id)
        .where('as_of', '=', old.as_of)
        .execute();
    }
  });

  it('a bad day or an inverted window: the CLI exits 1 with a one-line reason; the use case names the field', async () => {
    for (const [argv, reason] of [
      [['exits', '--from', '2026-02-30'], '--from must be a day YYYY-MM-DD (got "2026-02-30")'],
      [['accuracy', '--to', 'last-year'], '--to must be a day YYYY-MM-DD (got "last-year")'],
      [['accuracy', '--from', '2026-05-01', '--to', '2026-04-01'], '--from (2026-05-01) must be on or before --to'],
    ] as const) {
      const run = await runCliWith(handle, ['report', ...argv, '--tenant', 'acme']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(reason);
    }
    const access = new Access(handle.db, operatorActor(tenantId));
    await expect(exitReport(access, { from: '2026-13-01' })).rejects.toMatchObject({
      status: 400,
      details: [{ path: '/from', message: expect.stringMatching(/YYYY-MM-DD/) }],
    });
    await expect(accuracyReport(access, { from: '2026-05-01', to: '2026-04-01' })).rejects.toMatchObject({
      status: 400,
      details: [{ path: '/from' }],
    });
  });

  it('report accuracy: hand-computed figures, and --accept stores the suggested threshold as a new rule version', async () => {
    const run = await runCliWith(handle, ['report', 'accuracy', '--tenant', 'acme', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    // As of 06-30. Alerts: a 03-01 (left 30 days later: TP at every horizon), d 02-01 (stayed 149 days: FP).
    // Leavers scored in the horizon before leaving: a only at 30 (b, c were scored 50 and 70 days before).
    expect(r.horizons[0]).toMatchObject({ truePositives: 1, falsePositives: 1, precision: 0.5, leavers: 1, caught: 1 });
    expect(r.horizons[1]).toMatchObject({ precision: 0.5, leavers: 2, caught: 1, recall: 0.5 });
    expect(r.horizons[2]).toMatchObject({ precision: 0.5, leavers: 3, caught: 1 });
    expect(r.leadTimeDays).toMatchObject({ caught: 1, median: 30 });
    expect(r.rules[0]).toMatchObject({ rule: 'activity_and_leave', leaverShare: 0.333, stayerShare: 0.5 });
    // No threshold separates a from d (same features): keep 70, --accept changes nothing.
    expect(r.suggestion).toMatchObject({ current: 70, suggested: 70, changed: false });
    const accepted = await runCliWith(handle, ['report', 'accuracy', '--tenant', 'acme', '--accept', '--json']);
    expect(JSON.parse(accepted.stdout).accepted).toBeNull();
  });

  it('--accept publishes the suggestion when one is better (audited)', async () => {
    // d's high day re-scored under the current rules: absences 40, activity 30, leave 20, collaborators 15 combine to
    // 100 × (1 − 0.6 × 0.7 × 0.8 × 0.85) = 71.4; a's stays 80. At 75 only a is flagged: precision 1, same recall.
    await handle.db
      .updateTable('employee_scores')
      .set({
        features: JSON.stringify({
          unexcused_absences_recent: 2,
          activity_change_pct: -45,
          leave_change_pct: 60,
          leave_days_recent: 2,
          collaborators_change_pct: -50,
        }),
      })
      .where('employee_id', '=', ids.d!)
      .where('as_of', '=', '2026-02-01')
      .execute();
    const run = await runCliWith(handle, ['report', 'accuracy', '--tenant', 'acme', '--accept', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.suggestion.candidates.find((c: { high: number }) => c.high === 75)).toMatchObject({ precision: 1 });
    expect(r.suggestion).toMatchObject({ current: 70, suggested: 75, changed: true });
    expect(r.accepted).toBe(1);
    const rules = await app.inject({ method: 'GET', url: '/api/v1/rules', headers: bearer(token) });
    expect(rules.json()).toMatchObject({ version: 1, thresholds: { high: 75 } });
    const audit = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenantId)
      .where('action', 'in', ['rules.update', 'report.accuracy'])
      .execute();
    expect(audit.map((a) => a.action)).toContain('rules.update');
  });
});

describe('Demo Co: exits and accuracy from the synthetic leavers', { timeout: 300_000 }, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await resetDemoOrganisation({ db: handle.db, quietHours: false, now: () => new Date('2026-11-30T01:00:00Z') });
  });
  afterAll(async () => handle.destroy());

  it('records every leaver with a reason code and computes real precision, recall and lead time', async () => {
    const exits = JSON.parse((await runCliWith(handle, ['report', 'exits', '--tenant', 'demo', '--json'])).stdout);
    expect(exits.leavers.length).toBeGreaterThanOrEqual(5);
    for (const l of exits.leavers) expect(exits.codes).toContain(l.reason);
    // The two who pulled back for weeks were flagged before they left; the one who left without warning was not.
    const byId = new Map(exits.leavers.map((l: { employee: string }) => [l.employee, l]));
    expect(byId.get('engineering-03')).toMatchObject({ flagged: true, reason: 'growth' });
    expect(byId.get('customer-success-04')).toMatchObject({ flagged: true, reason: 'workload' });
    expect(byId.get('operations-02')).toMatchObject({ flagged: false, reason: 'relocation' });

    const run = await runCliWith(handle, ['report', 'accuracy', '--tenant', 'demo', '--json']);
    const r = JSON.parse(run.stdout);
    const h30 = r.horizons[0];
    expect(h30.leavers).toBeGreaterThanOrEqual(4);
    expect(h30.caught).toBeGreaterThanOrEqual(2);
    expect(h30.recall).toBeCloseTo(h30.caught / h30.leavers);
    expect(h30.precision).not.toBeNull();
    expect(r.leadTimeDays.caught).toBeGreaterThanOrEqual(2);
    expect(r.rules.length).toBeGreaterThan(0);
    const text = await runCliWith(handle, ['report', 'accuracy', '--tenant', 'demo']);
    expect(text.stdout).toMatch(/30 days: precision \d+%/);
  });

  it("HR can show Li Na's scorecard with the collaboration component (her team missed this month's goal)", async () => {
    const run = await runCliWith(handle, ['scorecard', 'li.na', '--tenant', 'demo', '--period', '2026-11', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const card = JSON.parse(run.stdout);
    expect(card.individualResult).toMatchObject({ attainmentPct: 120 });
    expect(card.teamGoal).toMatchObject({ met: false });
    expect(card.components[0]).toMatchObject({ key: 'individual', weight: 0.665 });
    expect(card.collaborationWeight).toBe(0.3);
    expect(card.collaboration.teamProjects).toBeGreaterThan(0);
    const text = await runCliWith(handle, ['scorecard', 'li.na', '--tenant', 'demo', '--period', '2026-11']);
    expect(text.stdout).toMatch(/Helping colleagues: [\d.]+ × weight 10%/);
  });

  it("the new joiner's hire record starts onboarding: nothing due at start, then the check-in and a day-30 round", async () => {
    const tenant = await handle.db
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    const plan = await runCliWith(handle, ['plan', 'list', 'engineering-new', '--tenant', 'demo', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const [onboarding] = JSON.parse(plan.stdout);
    // Hired Monday 11-09 (20 days before the demo's last day): the buddy intro and the day-7 pulse (7th working day)
    // are behind, done; the rest is ahead.
    expect(onboarding).toMatchObject({ template: 'onboarding', startDay: '2026-11-09', status: 'active' });
    expect(
      onboarding.steps.map((s: { step: string; dueDay: string; doneAt: string | null }) => [
        s.step,
        s.dueDay,
        s.doneAt !== null,
      ]),
    ).toEqual([
      ['buddy_intro', '2026-11-10', true],
      ['pulse_day_7', '2026-11-17', true],
      ['first_month_check_in', '2026-12-07', false],
      ['pulse_day_30', '2026-12-09', false],
      ['pulse_day_60', '2027-01-08', false],
    ]);
    const deps = (day: string) => ({ db: handle.db, quietHours: false, now: () => new Date(`${day}T01:00:00Z`) });
    // Starting the demo sends nothing of the plan (the README's first screen stays as it is).
    expect(await sendDueStepNudges(deps('2026-11-30'), tenant.id, '2026-11-30')).toBe(0);
    // On 12-09 the manager's check-in nudge (due 12-07) and the day-30 pulse as a one-person onboarding round.
    expect(await sendDueStepNudges(deps('2026-12-09'), tenant.id, '2026-12-09')).toBe(2);
    const rounds = await handle.db
      .selectFrom('survey_rounds as r')
      .innerJoin('survey_participation as p', 'p.round_id', 'r.id')
      .innerJoin('employees as e', 'e.id', 'p.employee_id')
      .select(['r.created_by', 'e.external_id'])
      .where('r.tenant_id', '=', tenant.id)
      .where('r.kind', '=', 'onboarding')
      .execute();
    expect(rounds).toEqual([{ created_by: 'onboarding:pulse_day_30', external_id: 'engineering-new' }]);
  });

  it("Li Na's alert suggests the leadership track (strong collaborator, 120% results, rising risk)", async () => {
    const alerts = await handle.db.selectFrom('outbox').select('message').where('kind', '=', 'alert').execute();
    const texts = alerts.map((a) => (a.message as { fallbackText: string }).fallbackText);
    expect(texts.some((t) => /Li Na/.test(t) && /leadership track/.test(t))).toBe(true);
  });
});
