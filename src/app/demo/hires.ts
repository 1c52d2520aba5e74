// Demo Co's recent hire: the synthetic new joiner (Engineering, hired 20 days before the demo's last day) gets the
// `hire` record an HR system would send, so their onboarding plan starts the way it does for real tenants. Steps due
// before today are marked done (the buddy was introduced; the day-7 pulse was asked before the demo's history
// begins), so nothing of the plan is sent when the demo starts: the first-month check-in nudge to the manager and the
// day-30 pulse (a one-person onboarding round) come due in the days after — `teampulse plan <person> --tenant demo`.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import type { SyntheticOrganisation } from '../../synthetic/index.js';
import { ingestSignals } from '../signals/ingest.js';

export async function recordDemoHires(
  db: Kysely<Database>,
  tenantId: string,
  org: SyntheticOrganisation,
  today: string,
  now: Date,
): Promise<string[]> {
  const joiners = org.employees.filter((e) => e.externalId === org.cases.newJoiner && e.status === 'active');
  if (joiners.length === 0) return [];
  await ingestSignals(db, {
    tenantId,
    source: 'hr-api',
    events: joiners.map((e) => ({
      type: 'hire' as const,
      id: `demo-hire-${e.externalId}`,
      source: 'hr-api',
      actor: { kind: 'external' as const, id: e.externalId },
      occurredAt: new Date(`${e.hireDate}T01:00:00.000Z`),
    })),
    now,
  });
  await db
    .updateTable('plan_steps')
    .set({ done_at: now, done_by: 'demo', nudged_at: now })
    .where('tenant_id', '=', tenantId)
    .where('due_day', '<', today)
    .where('done_at', 'is', null)
    .where('plan_id', 'in', (eb) =>
      eb
        .selectFrom('development_plans')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('template', '=', 'onboarding'),
    )
    .execute();
  return joiners.map((e) => e.externalId);
}
