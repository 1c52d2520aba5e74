// Retention of closed alerts: alerts whose last activity (raised, snoozed until, feedback) is older than
// TEAMPULSE_ALERT_RETENTION_DAYS go with their feedback, in batches, per tenant, each tenant's counts in its own
// audit log; open, recently answered or still-snoozed alerts stay. The clock is injected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEmployee, createTenant } from '../helpers/fixtures.js';
import { purgeClosedAlerts, purgeClosedAlertsJob } from '../../src/app/alerts/retention.js';
import { loadConfig } from '../../src/config.js';

let handle: TestDatabase;
const tenants: Record<string, string> = {};
// 2026-11-30 04:00 UTC; with 365 days the cutoff is 2025-11-30T04:00Z.
const NOW = new Date('2026-11-30T04:00:00Z');
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

const person = (tenantId: string, externalId: string) => createEmployee(handle.db, tenantId, externalId);

async function alert(
  tenantId: string,
  label: string,
  subject: string,
  createdAt: Date,
  extra: {
    snoozedUntil?: Date;
    feedback?: { value: 'done' | 'snooze' | 'not_accurate'; at: Date }[];
    /** The alert's message in the outbox, with this status. */
    message?: 'sent' | 'pending';
  } = {},
) {
  const outbox = extra.message
    ? await handle.db
        .insertInto('outbox')
        .values({
          tenant_id: tenantId,
          idempotency_key: `alert:${label}`,
          kind: 'alert',
          recipient_employee_id: subject,
          platform: 'console',
          conversation_ref: JSON.stringify({}),
          message: JSON.stringify({ blocks: [], fallbackText: label }),
          status: extra.message,
          next_attempt_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    : undefined;
  const row = await handle.db
    .insertInto('alerts')
    .values({
      tenant_id: tenantId,
      kind: 'risk',
      subject_employee_id: subject,
      subject_team_id: null,
      level: 'high',
      score: 80,
      reasons: JSON.stringify([{ code: label }]),
      as_of: createdAt.toISOString().slice(0, 10),
      trigger: 'escalated',
      recipient_employee_id: null,
      routed_via: 'hr',
      outbox_id: outbox?.id ?? null,
      created_at: createdAt,
      snoozed_until: extra.snoozedUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const f of extra.feedback ?? [])
    await handle.db
      .insertInto('alert_feedback')
      .values({ tenant_id: tenantId, alert_id: row.id, employee_id: null, value: f.value, source: 'api', at: f.at })
      .execute();
  return row.id;
}

const remaining = async (tenantId: string) =>
  (
    await handle.db
      .selectFrom('alerts')
      .select('reasons')
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute()
  ).map((r) => (r.reasons as { code: string }[])[0]!.code);

const feedbackCount = async (tenantId: string) =>
  Number(
    (
      await handle.db
        .selectFrom('alert_feedback')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  for (const slug of ['keep-a', 'keep-b']) tenants[slug] = (await createTenant(handle.db, slug)).id;
  const a = tenants['keep-a']!;
  const b = tenants['keep-b']!;
  const pa = await person(a, 'a-1');
  const pb = await person(b, 'b-1');
  // Tenant A: three past retention (one done, one never answered, one snoozed long ago), and four that stay.
  await alert(a, 'old-done', pa, day('2025-01-10'), {
    message: 'sent',
    feedback: [
      { value: 'snooze', at: day('2025-01-11') },
      { value: 'done', at: day('2025-02-01') },
    ],
  });
  await alert(a, 'old-unanswered', pa, day('2025-03-01'), { message: 'pending' });
  await alert(a, 'old-snoozed', pa, day('2025-04-01'), {
    snoozedUntil: day('2025-04-15'),
    feedback: [{ value: 'snooze', at: day('2025-04-01') }],
  });
  await alert(a, 'old-answered-recently', pa, day('2025-05-01'), {
    feedback: [{ value: 'not_accurate', at: day('2026-01-05') }],
  });
  await alert(a, 'old-snoozed-into-retention', pa, day('2025-06-01'), { snoozedUntil: day('2025-12-24') });
  await alert(a, 'recent-done', pa, day('2026-10-01'), {
    message: 'sent',
    feedback: [{ value: 'done', at: day('2026-10-02') }],
  });
  await alert(a, 'open', pa, day('2026-11-25'));
  // Tenant B: one past retention.
  await alert(b, 'b-old', pb, day('2024-06-01'), { feedback: [{ value: 'done', at: day('2024-06-02') }] });
  await alert(b, 'b-recent', pb, day('2026-11-01'));
});
afterAll(async () => {
  await handle.destroy();
});

describe('closed-alert retention', { timeout: 120_000 }, () => {
  it('defaults to 365 days and refuses less than 90', () => {
    expect(loadConfig({}).alertRetentionDays).toBe(365);
    expect(loadConfig({ TEAMPULSE_ALERT_RETENTION_DAYS: '730' }).alertRetentionDays).toBe(730);
    expect(() => loadConfig({ TEAMPULSE_ALERT_RETENTION_DAYS: '30' })).toThrow(/TEAMPULSE_ALERT_RETENTION_DAYS/);
  });

  it('a longer retention keeps more', async () => {
    const result = await purgeClosedAlerts(handle.db, { retentionDays: 800, now: NOW });
    expect(result).toMatchObject({ alerts: 1, feedback: 1 });
    expect(await remaining(tenants['keep-b']!)).toEqual(['b-recent']);
    expect((await remaining(tenants['keep-a']!)).length).toBe(7);
  });

  it('the daily job deletes closed alerts past retention and their feedback, in batches, and audits the counts per tenant', async () => {
    const a = tenants['keep-a']!;
    expect(await feedbackCount(a)).toBe(5);
    const result = await purgeClosedAlerts(handle.db, { retentionDays: 365, now: NOW, batchSize: 2 });
    expect(result).toMatchObject({ cutoff: '2025-11-30T04:00:00.000Z', alerts: 3, feedback: 3, messages: 1 });
    expect(result.tenants).toEqual([{ tenantId: a, alerts: 3, feedback: 3, messages: 1 }]);
    // The sent message of the purged alert went with it; one not sent yet stays for the worker; younger ones stay.
    const messages = await handle.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .orderBy('idempotency_key')
      .execute();
    expect(messages.map((m) => m.idempotency_key)).toEqual(['alert:old-unanswered', 'alert:recent-done']);
    expect(await remaining(a)).toEqual(['old-answered-recently', 'old-snoozed-into-retention', 'recent-done', 'open']);
    expect(await feedbackCount(a)).toBe(2);

    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['tenant_id', 'actor', 'action', 'subject_type', 'subject_id', 'details'])
      .where('action', '=', 'alerts.purge')
      .orderBy('id')
      .execute();
    // B's purge (800 days), then A's in two batches of at most 2.
    expect(audit.map((r) => [r.tenant_id, r.actor, r.subject_type])).toEqual([
      [tenants['keep-b'], 'system:retention', 'tenant'],
      [a, 'system:retention', 'tenant'],
      [a, 'system:retention', 'tenant'],
    ]);
    const details = audit.slice(1).map((r) => r.details as { alerts: number; feedback: number; retentionDays: number });
    expect(details.reduce((n, d) => n + d.alerts, 0)).toBe(3);
    expect(details.reduce((n, d) => n + d.feedback, 0)).toBe(3);
    expect(details.every((d) => d.retentionDays === 365)).toBe(true);

    // The scheduled job, a day later, with the clock it is given: nothing else is past retention yet.
    const logged: object[] = [];
    await purgeClosedAlertsJob({ db: handle.db, retentionDays: 365 }).run({
      now: new Date('2026-12-01T04:00:00Z'),
      logger: { info: (obj) => logged.push(obj) },
    });
    expect(logged).toEqual([expect.objectContaining({ alerts: 0, feedback: 0, messages: 0, retentionDays: 365 })]);
    expect(await remaining(a)).toHaveLength(4);

    // A year on, the snooze and the late answer have aged too; the open alert of 2026-11-25 is still young.
    await purgeClosedAlertsJob({ db: handle.db, retentionDays: 365 }).run({ now: new Date('2027-10-01T04:00:00Z') });
    expect(await remaining(a)).toEqual(['recent-done', 'open']);
  });
});
