import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG, shouldCreateDemo } from '../../src/app/demo/bootstrap.js';
import { startDemoIfEmpty } from '../../src/app/demo/start.js';
import { buildApp } from '../../src/http/app.js';
import { runCliWith } from '../helpers/cli.js';
import { bearer } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const now = new Date('2026-11-29T03:00:00Z');
const auto = { demo: 'auto' as const, databaseUrl: undefined, platformConfigured: false };

async function demoState() {
  const tenants = await database.db.selectFrom('tenants').select(['id', 'slug', 'name', 'quiet_hours']).execute();
  const tenantId = tenants[0]?.id ?? '';
  const alerts = await database.db
    .selectFrom('alerts as a')
    .leftJoin('employees as e', 'e.id', 'a.subject_employee_id')
    .leftJoin('teams as t', 't.id', 'a.subject_team_id')
    .leftJoin('employees as r', 'r.id', 'a.recipient_employee_id')
    .select([
      'a.kind',
      'a.level',
      'a.routed_via',
      'e.external_id as subject',
      't.external_id as team',
      'r.external_id as recipient',
    ])
    .where('a.tenant_id', '=', tenantId)
    .orderBy('a.kind')
    .execute();
  const outbox = await database.db
    .selectFrom('outbox')
    .select(['kind', 'platform', 'message'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '!=', 'survey')
    .orderBy('kind')
    .execute();
  // The demo's live pulse (issue H) goes to the HR contact's team; alerts and warnings are counted apart from it.
  const pulses = await database.db
    .selectFrom('outbox')
    .innerJoin('employees', 'employees.id', 'outbox.recipient_employee_id')
    .innerJoin('teams', 'teams.id', 'employees.team_id')
    .select(['teams.external_id as team'])
    .where('outbox.tenant_id', '=', tenantId)
    .where('outbox.kind', '=', 'survey')
    .execute();
  const employees = await database.db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const teams = await database.db
    .selectFrom('teams')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return { tenants, alerts, outbox, pulses, employees: Number(employees.n), teams: Number(teams.n) };
}

/** A logger that keeps every line, at every level, with its message: a token must appear in none of them. */
function capturingLogger() {
  const logged: Array<{ level: string; obj: object; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void =>
      void logged.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  return { logged, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('demo organisation', () => {
  it('is only created on an empty embedded database without a platform, when demo is auto', async () => {
    expect(await shouldCreateDemo(database.db, auto)).toBe(true);
    expect(await shouldCreateDemo(database.db, { ...auto, demo: 'off' })).toBe(false);
    expect(await shouldCreateDemo(database.db, { ...auto, databaseUrl: 'postgres://x@y/z' })).toBe(false);
    expect(await shouldCreateDemo(database.db, { ...auto, platformConfigured: true })).toBe(false);
  });

  let hrToken = '';
  it('first start creates Demo Co with the seed case alert (to HR: her manager left) and the HR warning for her team', async () => {
    const { logged, logger } = capturingLogger();
    let terminal = '';
    const result = await startDemoIfEmpty(
      {
        db: database.db,
        quietHours: true,
        now: () => now,
        logger,
        terminal: { isTTY: true, write: (text: string) => (terminal += text) },
      },
      auto,
    );
    expect(result).toBeDefined();
    hrToken = result!.hrToken;
    // The HR token is shown once on the terminal, never written to the log.
    expect(terminal).toContain(hrToken);
    expect(JSON.stringify(logged)).not.toContain(hrToken);

    const state = await demoState();
    expect(state.tenants).toEqual([{ id: result!.tenantId, slug: DEMO_SLUG, name: 'Demo Co', quiet_hours: false }]);
    expect(state.teams).toBe(4);
    expect(state.employees).toBeGreaterThanOrEqual(38);
    // + hr-shanghai and hr-beijing, the HR of Demo Co's two legal entities (src/app/demo/entities.ts).
    expect(state.employees).toBeLessThanOrEqual(44);
    expect(state.alerts).toEqual([
      { kind: 'risk', level: 'high', routed_via: 'hr', subject: 'li.na', team: null, recipient: 'operations-hr' },
      {
        kind: 'team_warning',
        level: 'negative',
        routed_via: 'hr',
        subject: null,
        team: 'sales-east',
        recipient: 'operations-hr',
      },
    ]);
    expect(state.outbox.map((o) => [o.kind, o.platform])).toEqual([
      ['alert', 'console'],
      ['warning', 'console'],
    ]);
    expect(state.pulses.length).toBe(result!.pulse.invited);
    expect(new Set(state.pulses.map((p) => p.team))).toEqual(new Set(['operations']));
    const alertText = (state.outbox[0]!.message as { fallbackText: string }).fallbackText;
    expect(alertText).toContain('Li Na may need support');
    expect(alertText).toContain('helped colleagues 0.0×/week in the last 14 days, 5.0×/week before');
    const warningText = (state.outbox[1]!.message as { fallbackText: string }).fallbackText;
    expect(warningText).toContain('Team Sales East: atmosphere has turned negative');
    expect(warningText).toContain('Appoint an interim coordinator');
  });

  it('without a terminal (a container, a pipe) the HR token is neither printed nor logged', async () => {
    const elsewhere = await createTestDatabase();
    try {
      const { logged, logger } = capturingLogger();
      let written = '';
      const result = await startDemoIfEmpty(
        {
          db: elsewhere.db,
          quietHours: true,
          now: () => now,
          logger,
          terminal: { isTTY: false, write: (text: string) => (written += text) },
        },
        auto,
      );
      expect(result?.hrToken).toMatch(/^tp_/);
      expect(written).toBe('');
      expect(JSON.stringify(logged)).not.toContain(result!.hrToken);
      expect(logged.map((l) => l.msg).join('\n')).toMatch(
        /token create --tenant demo --role hr` \(on the embedded PGlite with the service stopped/,
      );
    } finally {
      await elsewhere.destroy();
    }
  });

  it('a second start does not duplicate anything', async () => {
    expect(await startDemoIfEmpty({ db: database.db, quietHours: true, now: () => now }, auto)).toBeUndefined();
    const state = await demoState();
    expect(state.tenants).toHaveLength(1);
    expect(state.alerts).toHaveLength(2);
    expect(state.outbox).toHaveLength(2);
    expect(state.pulses.length).toBeGreaterThan(0);
  });

  it('the printed HR token reads the alerts over the API', async () => {
    const app = await buildApp({ db: database.db, schema: database.schema, logger: false });
    const response = await app.inject({ method: 'GET', url: '/api/v1/alerts?kind=risk', headers: bearer(hrToken) });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(
      (response.json() as { alerts: Array<{ subject: { externalId: string } }> }).alerts.map(
        (a) => a.subject.externalId,
      ),
    ).toEqual(['li.na']);
  });

  it('`teampulse demo` refuses to duplicate; `teampulse demo --reset` rebuilds it', async () => {
    const before = (await demoState()).tenants[0]!.id;
    const again = await runCliWith(database, ['demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; use --reset');

    const reset = await runCliWith(database, ['demo', '--reset', '--json']);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    const printed = JSON.parse(reset.stdout) as { tenantId: string; alerts: number; warnings: number; hrToken: string };
    expect(printed).toMatchObject({ alerts: 1, warnings: 1 });
    expect(printed.tenantId).not.toBe(before);
    const state = await demoState();
    expect(state.tenants.map((t) => t.slug)).toEqual([DEMO_SLUG]);
    expect(state.alerts).toHaveLength(2);
    // The old tenant's rows are gone, including its (synthetic) audit rows.
    const leftovers = await database.db.selectFrom('audit_log').select('id').where('tenant_id', '=', before).execute();
    expect(leftovers).toEqual([]);
  });
});
