import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAlerts } from '../../src/app/alerts/plan.js';
import { recordFeedback } from '../../src/storage/repositories/alerts.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createAlertOrg, putEmployeeScore, putTeamScore } from './alerts-fixtures.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const wednesdayNoon = new Date('2026-11-25T04:00:00Z'); // Wed 12:00 Asia/Shanghai
const outboxFor = (tenantId: string) =>
  database.db.selectFrom('outbox').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
const alertsFor = (tenantId: string) =>
  database.db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();

describe('planAlerts', () => {
  it('from score rows to alert rows and outbox rows: manager present', async () => {
    const org = await createAlertOrg(database.db, 'plan-manager');
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-18', 'medium', 55);
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-25', 'high', 82);
    await putEmployeeScore(database.db, org.tenantId, org.people.rep2, '2026-11-25', 'low', 10);
    const deps = { db: database.db, quietHours: true, now: () => wednesdayNoon };
    const result = await planAlerts(deps, org.tenantId, '2026-11-25');
    expect(result).toMatchObject({ alerts: 1, warnings: 0, unroutable: 0 });

    const [alert] = await alertsFor(org.tenantId);
    expect(alert).toMatchObject({
      kind: 'risk',
      subject_employee_id: org.people.rep1,
      level: 'high',
      score: 82,
      as_of: '2026-11-25',
      trigger: 'escalated',
      recipient_employee_id: org.people.salesMgr,
      routed_via: 'manager',
    });
    const outbox = await outboxFor(org.tenantId);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      id: alert!.outbox_id,
      kind: 'alert',
      recipient_employee_id: org.people.salesMgr,
      platform: 'console',
    });
    const message = outbox[0]!.message as {
      blocks: Array<{ type: string; text?: string; buttons?: Array<{ value: string }> }>;
      fallbackText: string;
    };
    expect(message.blocks[0]!.text).toBe('Li Na may need support');
    expect(message.fallbackText).toContain('Li Na’s manager');
    expect(message.blocks.find((b) => b.type === 'buttons')!.buttons!.map((b) => b.value)).toEqual(
      ['done', 'one_on_one', 'snooze', 'not_accurate'].map((v) => `${alert!.id}:${v}`),
    );
    // Audited: the manager is about to see an individual's risk.
    const audit = await database.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', org.tenantId).execute();
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([['alert.raised', org.people.rep1]]);

    // Re-running the same day changes nothing.
    expect(await planAlerts(deps, org.tenantId, '2026-11-25')).toMatchObject({ alerts: 0, suppressed: 1 });
    expect(await outboxFor(org.tenantId)).toHaveLength(1);
  });

  it('people who have already left are not alerted about', async () => {
    const org = await createAlertOrg(database.db, 'plan-left');
    await database.db.updateTable('employees').set({ status: 'left' }).where('id', '=', org.people.rep2).execute();
    await putEmployeeScore(database.db, org.tenantId, org.people.rep2, '2026-11-25', 'high', 88);
    expect(
      await planAlerts({ db: database.db, quietHours: false, now: () => wednesdayNoon }, org.tenantId, '2026-11-25'),
    ).toMatchObject({ alerts: 0 });
  });

  it('manager left ⇒ skip-level; team turns negative ⇒ HR warning; quiet hours delay to Monday 09:00', async () => {
    const org = await createAlertOrg(database.db, 'plan-seed', { quietHours: true });
    await database.db
      .updateTable('employees')
      .set({ status: 'left', left_at: new Date('2026-11-04T00:00:00Z') })
      .where('id', '=', org.people.salesMgr)
      .execute();
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-27', 'high', 84);
    await putTeamScore(database.db, org.tenantId, org.teams.salesEast, '2026-11-20', 'neutral', 52);
    await putTeamScore(database.db, org.tenantId, org.teams.salesEast, '2026-11-27', 'negative', 36);
    const saturday = new Date('2026-11-28T04:00:00Z');
    const result = await planAlerts(
      { db: database.db, quietHours: true, now: () => saturday },
      org.tenantId,
      '2026-11-27',
    );
    expect(result).toMatchObject({ alerts: 1, warnings: 1 });

    const alerts = await alertsFor(org.tenantId);
    const risk = alerts.find((a) => a.kind === 'risk')!;
    expect(risk).toMatchObject({ recipient_employee_id: org.people.headSales, routed_via: 'skip_level' });
    const warning = alerts.find((a) => a.kind === 'team_warning')!;
    expect(warning).toMatchObject({
      subject_team_id: org.teams.salesEast,
      recipient_employee_id: org.people.hr,
      routed_via: 'hr',
      level: 'negative',
      score: 36,
    });

    const outbox = await outboxFor(org.tenantId);
    expect(outbox.map((o) => o.kind).sort()).toEqual(['alert', 'warning']);
    for (const row of outbox) expect(new Date(row.next_attempt_at).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    const warningText = (outbox.find((o) => o.kind === 'warning')!.message as { fallbackText: string }).fallbackText;
    expect(warningText).toContain('Team Sales East: atmosphere has turned negative');
    expect(warningText).toContain('Appoint an interim coordinator');
    const alertText = (outbox.find((o) => o.kind === 'alert')!.message as { fallbackText: string }).fallbackText;
    expect(alertText).toContain('Wang Qiang has left or is away');
  });

  it('service-wide quiet hours off sends at once even on a Saturday', async () => {
    const org = await createAlertOrg(database.db, 'plan-quiet-off', { quietHours: true });
    await putEmployeeScore(database.db, org.tenantId, org.people.rep2, '2026-11-27', 'high', 80);
    const saturday = new Date('2026-11-28T04:00:00Z');
    await planAlerts({ db: database.db, quietHours: false, now: () => saturday }, org.tenantId, '2026-11-27');
    const [row] = await outboxFor(org.tenantId);
    expect(new Date(row!.next_attempt_at).toISOString()).toBe(saturday.toISOString());
  });

  it('tenant setting quiet_hours=false sends at once; custom working hours from tenant settings are honoured', async () => {
    const off = await createAlertOrg(database.db, 'plan-tenant-off', { quietHours: false });
    await putEmployeeScore(database.db, off.tenantId, off.people.rep2, '2026-11-27', 'high', 80);
    const saturday = new Date('2026-11-28T04:00:00Z');
    await planAlerts({ db: database.db, quietHours: true, now: () => saturday }, off.tenantId, '2026-11-27');
    expect(new Date((await outboxFor(off.tenantId))[0]!.next_attempt_at).toISOString()).toBe(saturday.toISOString());

    // Saturday is a working day from 10:00 for this tenant: 09:00 Saturday waits one hour.
    const custom = await createAlertOrg(database.db, 'plan-tenant-hours', {
      quietHours: true,
      settings: { workingHours: { days: [1, 2, 3, 4, 5, 6], start: '10:00', end: '16:00' } },
    });
    await putEmployeeScore(database.db, custom.tenantId, custom.people.rep2, '2026-11-27', 'high', 80);
    await planAlerts(
      { db: database.db, quietHours: true, now: () => new Date('2026-11-28T01:00:00Z') },
      custom.tenantId,
      '2026-11-27',
    );
    expect(new Date((await outboxFor(custom.tenantId))[0]!.next_attempt_at).toISOString()).toBe(
      '2026-11-28T02:00:00.000Z',
    );
  });

  it('tenant alert settings: alert from medium with a shorter cooldown', async () => {
    const org = await createAlertOrg(database.db, 'plan-settings', {
      settings: { alerts: { minLevel: 'medium', cooldownDays: 3 } },
    });
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-20', 'medium', 50);
    const deps = { db: database.db, quietHours: false, now: () => new Date('2026-11-20T04:00:00Z') };
    expect(await planAlerts(deps, org.tenantId, '2026-11-20')).toMatchObject({ alerts: 1 });
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-21', 'low', 20);
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-24', 'medium', 52);
    expect(
      await planAlerts({ ...deps, now: () => new Date('2026-11-24T04:00:00Z') }, org.tenantId, '2026-11-24'),
    ).toMatchObject({ alerts: 1 });
  });

  it('no manager chain ⇒ HR; cooldown and snooze hold back later days; zh-CN tenant gets Chinese text', async () => {
    const org = await createAlertOrg(database.db, 'plan-hr', { locale: 'zh-CN' });
    await database.db
      .updateTable('employees')
      .set({ status: 'left' })
      .where('id', 'in', [org.people.salesMgr, org.people.headSales])
      .execute();
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-20', 'high', 81);
    const deps = { db: database.db, quietHours: false, now: () => new Date('2026-11-20T04:00:00Z') };
    expect(await planAlerts(deps, org.tenantId, '2026-11-20')).toMatchObject({ alerts: 1 });
    const [first] = await alertsFor(org.tenantId);
    expect(first).toMatchObject({ recipient_employee_id: org.people.hr, routed_via: 'hr' });
    const [message] = await outboxFor(org.tenantId);
    expect((message!.message as { blocks: Array<{ text?: string }> }).blocks[0]!.text).toBe('Li Na 可能需要一些支持');

    // Dropped to medium, back to high 7 days later: inside the cooldown, not worse ⇒ quiet.
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-23', 'medium', 60);
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-27', 'high', 84);
    expect(
      await planAlerts({ ...deps, now: () => new Date('2026-11-27T04:00:00Z') }, org.tenantId, '2026-11-27'),
    ).toMatchObject({ alerts: 0, suppressed: 1 });

    // Snoozed: even worse stays quiet until the snooze ends.
    await recordFeedback(database.db, {
      tenantId: org.tenantId,
      alertId: first!.id,
      employeeId: org.people.hr,
      value: 'snooze',
      source: 'api',
      snoozedUntil: new Date('2026-12-12T04:00:00Z'),
    });
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-30', 'high', 97);
    expect(
      await planAlerts({ ...deps, now: () => new Date('2026-11-30T04:00:00Z') }, org.tenantId, '2026-11-30'),
    ).toMatchObject({ alerts: 0, suppressed: 1 });
    // After the snooze: reminded once.
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-12-14', 'high', 90);
    expect(
      await planAlerts({ ...deps, now: () => new Date('2026-12-14T04:00:00Z') }, org.tenantId, '2026-12-14'),
    ).toMatchObject({ alerts: 1 });
    const last = (await alertsFor(org.tenantId)).at(-1)!;
    expect(last.trigger).toBe('reminder');
  });

  it('worse inside the cooldown alerts again', async () => {
    const org = await createAlertOrg(database.db, 'plan-worse');
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-20', 'high', 72);
    const deps = { db: database.db, quietHours: false, now: () => new Date('2026-11-20T04:00:00Z') };
    await planAlerts(deps, org.tenantId, '2026-11-20');
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-24', 'high', 90);
    expect(
      await planAlerts({ ...deps, now: () => new Date('2026-11-24T04:00:00Z') }, org.tenantId, '2026-11-24'),
    ).toMatchObject({ alerts: 1 });
    expect((await alertsFor(org.tenantId)).map((a) => a.trigger)).toEqual(['escalated', 'worse']);
  });
});

describe('weekly HR digest', () => {
  it('one digest per HR contact per week with alerts, feedback and team atmosphere', async () => {
    const { sendWeeklyDigest, weeklyDigestJob } = await import('../../src/app/alerts/digest.js');
    const org = await createAlertOrg(database.db, 'digest');
    await database.db.updateTable('employees').set({ status: 'left' }).where('id', '=', org.people.salesMgr).execute();
    await putEmployeeScore(database.db, org.tenantId, org.people.rep1, '2026-11-27', 'high', 84);
    await putTeamScore(database.db, org.tenantId, org.teams.salesEast, '2026-11-20', 'neutral', 52);
    await putTeamScore(database.db, org.tenantId, org.teams.salesEast, '2026-11-27', 'negative', 36);
    await putTeamScore(database.db, org.tenantId, org.teams.company, '2026-11-20', 'positive', 80);
    await putTeamScore(database.db, org.tenantId, org.teams.company, '2026-11-27', 'positive', 78);
    const friday = new Date('2026-11-27T04:00:00Z');
    await planAlerts({ db: database.db, quietHours: false, now: () => friday }, org.tenantId, '2026-11-27');
    const alert = await database.db
      .selectFrom('alerts')
      .select('id')
      .where('tenant_id', '=', org.tenantId)
      .where('kind', '=', 'risk')
      .executeTakeFirstOrThrow();
    await recordFeedback(database.db, {
      tenantId: org.tenantId,
      alertId: alert.id,
      employeeId: org.people.headSales,
      value: 'one_on_one',
      source: 'chat',
    });

    const monday = new Date('2026-11-30T01:00:00Z'); // Mon 09:00 Asia/Shanghai
    const deps = { db: database.db, quietHours: true, now: () => monday };
    expect(await sendWeeklyDigest(deps, org.tenantId)).toEqual({
      tenantId: org.tenantId,
      weekOf: '2026-11-30',
      sent: 1,
    });
    // The scheduler's job object runs the same thing; the same week twice sends nothing new.
    const job = weeklyDigestJob(deps, '0 9 * * 1');
    expect(job).toMatchObject({ name: 'weekly-digest', cron: '0 9 * * 1', perTenant: true });
    await job.run({ tenantId: org.tenantId, scheduledAt: monday } as Parameters<typeof job.run>[0]);
    const digests = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('tenant_id', '=', org.tenantId)
      .where('kind', '=', 'digest')
      .execute();
    expect(digests).toHaveLength(1);
    expect(digests[0]!.recipient_employee_id).toBe(org.people.hr);
    const text = (digests[0]!.message as { fallbackText: string }).fallbackText;
    expect(text).toContain('teampulse weekly digest — week of 2026-11-30');
    expect(text).toContain('1 alerts this week, 0 without feedback yet; 1 teams with a negative atmosphere.');
    expect(text).toContain('Li Na (Sales East): high risk, 1:1 scheduled');
    expect(text).toContain('Sales East: negative 36 (-16)');
    expect(text).not.toContain('Company:');
  });
});

describe('nudges on the same pipeline', () => {
  it('enqueues a development nudge in the tenant locale, once per key, after quiet hours', async () => {
    const { sendNudge } = await import('../../src/app/alerts/nudge.js');
    const org = await createAlertOrg(database.db, 'nudge', { locale: 'zh-CN', quietHours: true });
    const sundayNight = new Date('2026-11-29T14:00:00Z');
    const deps = { db: database.db, quietHours: true, now: () => sundayNight };
    const request = {
      tenantId: org.tenantId,
      employeeId: org.people.rep1,
      key: 'plan:growth:1',
      title: '成长计划',
      body: 'alerts.action.clarify_growth_path',
    };
    const first = await sendNudge(deps, request);
    expect(first.created).toBe(true);
    expect((await sendNudge(deps, request)).created).toBe(false);
    const rows = await outboxFor(org.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'nudge', recipient_employee_id: org.people.rep1 });
    expect(new Date(rows[0]!.next_attempt_at).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect((rows[0]!.message as { fallbackText: string }).fallbackText).toContain('聊聊发展方向');
  });
});
