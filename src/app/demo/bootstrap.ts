// The demo organisation: on the first `npm start` with an empty embedded database and no chat platform, create
// "Demo Co" (4 teams, ~40 people, 12 weeks of synthetic history with the seed's case and a holiday week), an HR
// contact and an HR API token, score it and plan alerts — the outbox then prints them on the console.
// Locale en (so the README's first screen matches); quiet hours off so a newcomer sees alerts at any hour.
import { sql, type Kysely } from 'kysely';
import { addDays, localDay } from '../../core/time.js';
import { loadCalendar, MONDAY_TO_FRIDAY } from '../../core/calendar/index.js';
import type { Database } from '../../storage/database.js';
import { rowExists } from '../../storage/repositories/rows.js';
import { createApiToken } from '../../storage/repositories/tokens.js';
import { generateDemoOrganisation, writeSyntheticOrganisation } from '../../synthetic/index.js';
import { runScoring } from '../scoring/run.js';
import { planAlerts, type PlanResult } from '../alerts/plan.js';
import type { AlertLogger } from '../alerts/deps.js';
import { withTeamDownturn } from './scenario.js';
import { seedDemoSurveyHistory } from '../surveys/demo.js';
import { openRound, type RoundSummary } from '../surveys/rounds.js';
import { assignDemoEntities } from './entities.js';
import { withLeavers } from './leavers.js';
import { recordDemoGoals } from './goals.js';
import { recordDemoHires } from './hires.js';
import { HISTORY_WEEKS, recordDepartures, scoreHistory } from './history.js';

export const DEMO_SLUG = 'demo';
export const DEMO_SEED = 20_260_301;

export interface DemoDeps {
  db: Kysely<Database>;
  /** config.quietHours (the demo tenant itself has quiet hours off). */
  quietHours: boolean;
  logger?: AlertLogger & { error(obj: object, msg?: string): void };
  now?: () => Date;
}

export interface DemoResult {
  tenantId: string;
  /** The HR API token, shown once. */
  hrToken: string;
  asOf: string;
  seedCaseEmployeeId: string | undefined;
  alerts: PlanResult;
  /** The live pulse round sent to the HR contact's team. */
  pulse: RoundSummary;
}

export interface DemoConditions {
  demo: 'auto' | 'off';
  /** config.databaseUrl: the demo only ever fills the embedded database. */
  databaseUrl: string | undefined;
  /** A chat platform is configured for this service: real users, no demo. */
  platformConfigured: boolean;
}

/** Creates the demo only when asked (auto), on the embedded database, without a platform, and when it is empty. */
export async function shouldCreateDemo(db: Kysely<Database>, conditions: DemoConditions): Promise<boolean> {
  if (conditions.demo !== 'auto' || conditions.databaseUrl !== undefined || conditions.platformConfigured) return false;
  return !(await rowExists(db.selectFrom('tenants')));
}

export async function createDemoOrganisation(deps: DemoDeps): Promise<DemoResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const endDay = addDays(localDay(now, 'Asia/Shanghai'), -1);
  // Demo Co is in China: its people keep the public holidays and work the make-up days (调休).
  const calendar = await loadCalendar(
    { region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY },
    addDays(endDay, -(HISTORY_WEEKS * 7 + 14)),
    endDay,
  );
  const generated = generateDemoOrganisation(DEMO_SEED, { endDay, weeks: HISTORY_WEEKS, locale: 'en', calendar });
  const org = withLeavers(withTeamDownturn({ ...generated, tenant: { ...generated.tenant, slug: DEMO_SLUG } }));
  // Everyone is written as still employed: the weekly history scores the people employed on each day, and the
  // departures are recorded afterwards (with their reason codes) exactly as an HR system would have sent them.
  const written = await writeSyntheticOrganisation(db, {
    ...org,
    employees: org.employees.map((e) => ({ ...e, status: 'active' as const, leftAt: null })),
  });
  const tenantId = written.tenantId;
  await scoreHistory(db, tenantId, org.endDay, deps.logger);
  await recordDepartures(db, tenantId, org, now);
  await recordDemoGoals(db, tenantId, org);
  await db.updateTable('tenants').set({ quiet_hours: false }).where('id', '=', tenantId).execute();

  const hrId = org.cases.hr ? written.employeeIds[org.cases.hr] : undefined;
  // Six closed weekly pulse rounds before the scoring, so participation and team results are there from the start.
  await seedDemoSurveyHistory(db, {
    tenantId,
    endDay: org.endDay,
    quietTeamId: org.cases.seedCaseTeam ? written.teamIds[org.cases.seedCaseTeam] : undefined,
    quietPersonId: org.cases.seedCase ? written.employeeIds[org.cases.seedCase] : undefined,
    seed: DEMO_SEED,
  });
  const { token } = await createApiToken(db, { tenantId, role: 'hr', name: 'demo HR token', employeeId: hrId ?? null });

  let plan: PlanResult = { tenantId, asOf: org.endDay, alerts: 0, warnings: 0, unroutable: 0, suppressed: 0 };
  await runScoring(
    {
      db,
      ...(deps.logger ? { logger: deps.logger } : {}),
      now: () => now,
      afterTenantScored: async (scoredTenantId, asOf) => {
        plan = await planAlerts(
          { db, quietHours: deps.quietHours, now: () => now, ...(deps.logger ? { logger: deps.logger } : {}) },
          scoredTenantId,
          asOf,
        );
      },
    },
    { tenantId, asOf: org.endDay },
  );
  // This week's pulse goes to the HR contact's team, live: `teampulse console --as <person>` answers it.
  const hrTeamId = hrId
    ? (await db.selectFrom('employees').select('team_id').where('id', '=', hrId).executeTakeFirst())?.team_id
    : undefined;
  const pulse = await openRound(db, {
    tenantId,
    kind: 'manual',
    ...(hrTeamId ? { teamId: hrTeamId } : {}),
    createdBy: 'demo',
    now,
    quietHours: deps.quietHours,
  });
  // Two legal entities with their own HR, added after the first scoring so the story above stays as generated.
  await assignDemoEntities(db, tenantId);
  // The new joiner's hire record starts their onboarding plan (nothing of it is due today: see hires.ts).
  await recordDemoHires(db, tenantId, org, localDay(now, 'Asia/Shanghai'), now);
  return {
    tenantId,
    hrToken: token,
    pulse,
    asOf: org.endDay,
    seedCaseEmployeeId: org.cases.seedCase ? written.employeeIds[org.cases.seedCase] : undefined,
    alerts: plan,
  };
}

/** `teampulse demo --reset`: drop Demo Co (every row cascades from the tenant) and build it again. */
export async function resetDemoOrganisation(deps: DemoDeps): Promise<DemoResult> {
  await deps.db.transaction().execute(async (trx) => {
    // The audit log is append-only for real tenants. Demo Co is synthetic: its audit rows go with it, and the
    // guard is lifted only inside this transaction (the ALTER is transactional and locks out concurrent writers).
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    // Audit rows outlive their tenant (0008): Demo Co's are deleted explicitly.
    const demo = await trx.selectFrom('tenants').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
    if (demo) await trx.deleteFrom('audit_log').where('tenant_id', '=', demo.id).execute();
    await trx.deleteFrom('tenants').where('slug', '=', DEMO_SLUG).execute();
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
  return createDemoOrganisation(deps);
}

/** Whether Demo Co is in the database (the CLI refuses to build it twice without --reset). */
export async function demoExists(db: Kysely<Database>): Promise<boolean> {
  return rowExists(db.selectFrom('tenants').where('slug', '=', DEMO_SLUG));
}
