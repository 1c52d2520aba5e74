// Every HR / manager verb on the console platform, against the access organisation (see test/helpers/access-org.ts):
//   company ── sales ── sales-east      ceo ── m-sales ── m-east ── se-1, se-2
//          │        └── sales-west          │          └── sw-1
//          └── support                      └── m-support ── sup-1
// hr-all is HR for the whole tenant; hr-sales is HR for the sales sub-tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { grantRole } from '../../src/app/directory/roles.js';
import { upsertDirectory } from '../../src/app/directory/index.js';

let handle: TestDatabase;
let org: AccessOrg;
let cmd: ReturnType<typeof consoleCommands>;
const NOW = new Date('2026-11-30T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createAccessOrg(handle.db, 'acme');
  await upsertDirectory(
    handle.db,
    org.tenantId,
    {
      employees: [
        { externalId: 'hr-all', name: 'HR All', team: 'company' },
        { externalId: 'hr-sales', name: 'HR Sales', team: 'sales' },
      ],
    },
    { actor: 'test' },
  );
  for (const e of await handle.db.selectFrom('employees').select(['id', 'external_id']).execute())
    org.people[e.external_id] ??= e.id;
  await grantRole(handle.db, { tenantSlug: 'acme', employee: 'hr-all', role: 'hr', actor: 'test' });
  await grantRole(handle.db, { tenantSlug: 'acme', employee: 'hr-sales', role: 'hr', team: 'sales', actor: 'test' });
  // The alerts of the fixture were raised "now"; the verbs look 30 days back from NOW.
  await handle.db
    .updateTable('alerts')
    .set({ created_at: new Date(NOW.getTime() - 86_400_000) })
    .execute();
  cmd = consoleCommands(handle.db, { now: () => NOW });
});

afterAll(async () => {
  await handle.destroy();
});

const audits = async (action: string) =>
  handle.db
    .selectFrom('audit_log')
    .select(['actor', 'subject_id', 'details'])
    .where('action', '=', action)
    .where('tenant_id', '=', org.tenantId)
    .execute();

describe('risk', () => {
  it('a manager sees their reports only; HR their sub-tree; a team narrows it', async () => {
    const manager = await cmd.run('acme', 'm-sales', 'risk');
    expect(manager.text).toContain('People who may need support (2026-11-27)');
    // ceo and m-sales are high in the fixture; m-sales does not list themself or the ceo.
    expect(manager.text).toContain('Nobody is at high or medium risk');
    const hr = await cmd.run('acme', 'hr-all', 'risk');
    expect(hr.text).toContain('ceo (ceo) — high (90)');
    expect(hr.text).toContain('m-sales (m-sales) — high (80)');
    const hrSales = await cmd.run('acme', 'hr-sales', '风险');
    expect(hrSales.text).toContain('m-sales (m-sales)');
    expect(hrSales.text).not.toContain('ceo (ceo)');
    const team = await cmd.run('acme', 'hr-all', 'risk Support');
    expect(team.text).toContain('Support: people who may need support');
    expect(team.text).not.toContain('m-sales');
    const foreignTeam = await cmd.run('acme', 'hr-sales', 'risk support');
    const missingTeam = await cmd.run('acme', 'hr-sales', 'risk nowhere');
    expect(foreignTeam.text).toBe('I found nothing for "support" that you may see.');
    expect(missingTeam.text).toBe('I found nothing for "nowhere" that you may see.');
    expect((await cmd.run('acme', 'se-1', 'risk')).text).toMatch(/not available to your role/);
    const rows = await audits('risk.list');
    expect(rows.some((r) => r.actor === `employee:${org.people['hr-all']}`)).toBe(true);
    expect(rows.every((r) => (r.details as { source?: string }).source === 'console')).toBe(true);
  });
});

describe('team', () => {
  it('a manager without a name gets their own teams; HR names one in reach; others are not found', async () => {
    const own = await cmd.run('acme', 'm-east', 'team');
    expect(own.text).toContain('Sales East (2026-11-27)');
    expect(own.text).toContain('Atmosphere: neutral (60)');
    expect(own.text).not.toContain('Support');
    expect((await cmd.run('acme', 'm-east', 'team support')).text).toBe(
      'I found nothing for "support" that you may see.',
    );
    expect((await cmd.run('acme', 'hr-all', '团队 support')).text).toContain('Support (2026-11-27)');
    expect((await cmd.run('acme', 'hr-all', 'team')).text).toBe('Usage: team [team]');
    expect((await audits('atmosphere.read')).length).toBeGreaterThan(0);
  });
});

describe('profile', () => {
  it('HR reads a person in reach (audited); out of reach equals missing; managers may not', async () => {
    const profile = await cmd.run('acme', 'hr-sales', 'profile se-1');
    expect(profile.text).toContain('se-1 (se-1)');
    expect(profile.text).toContain('Attrition risk: low (60)');
    expect(profile.text).toContain('Risk history');
    expect(profile.text).toContain('No signals recorded');
    const reads = await audits('profile.read');
    expect(reads.map((r) => r.subject_id)).toContain(org.people['se-1']);
    expect((await audits('employee.activity.read')).map((r) => r.subject_id)).toContain(org.people['se-1']);
    const foreign = await cmd.run('acme', 'hr-sales', '档案 sup-1');
    const missing = await cmd.run('acme', 'hr-sales', '档案 nobody');
    expect(foreign.text).toBe('I found nothing for "sup-1" that you may see.');
    expect(missing.text).toBe('I found nothing for "nobody" that you may see.');
    expect((await cmd.run('acme', 'm-east', 'profile se-1')).text).toMatch(/not available to your role/);
  });
});

describe('alerts', () => {
  it('a manager sees the open alerts sent to them with feedback buttons; a press closes one', async () => {
    const open = await cmd.run('acme', 'm-east', 'alerts');
    expect(open.text).toContain('Open alerts (1)');
    expect(open.text).toContain('se-1 — high');
    const buttons = open.message!.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => b.value)).toContain(`${org.alerts.seOne}:done`);
    const user = { tenant: 'acme', as: 'm-east' };
    const { consoleInteract, resolveConsoleUser } = await import('../../src/app/console/service.js');
    const pressed = await consoleInteract(
      cmd.dispatcher,
      await resolveConsoleUser(handle.db, user.tenant, user.as),
      { type: 'action', actionId: 'alert.feedback', value: `${org.alerts.seOne}:done` },
      NOW,
      1,
    );
    expect(pressed.handled).toBe(true);
    expect((await cmd.run('acme', 'm-east', '提醒')).text).toContain('Open alerts (0)');
    // HR of the whole tenant sees the support alerts; a plain employee may not run it.
    expect((await cmd.run('acme', 'hr-all', 'alerts')).text).toContain('Open alerts (2)');
    expect((await cmd.run('acme', 'hr-sales', 'alerts')).text).toContain('Open alerts (0)');
    expect((await cmd.run('acme', 'se-1', 'alerts')).text).toMatch(/not available/);
  });
});

describe('rules', () => {
  it('HR shows the thresholds; set publishes a new version (audited); bad words get the usage', async () => {
    const shown = await cmd.run('acme', 'hr-all', 'rules');
    expect(shown.text).toMatch(/Risk rules \(version \d+\)/);
    expect(shown.text).toMatch(/high: \d+/);
    const changed = await cmd.run('acme', 'hr-all', 'rules set high 75');
    expect(changed.text).toMatch(/Changed high from \d+ to 75 \(new version \d+\)/);
    expect(changed.text).toContain('high: 75');
    expect((await audits('rules.update')).length).toBe(1);
    expect((await cmd.run('acme', 'hr-all', 'rules set high 300')).text).toMatch(/^Usage: rules/);
    // Rules apply to the whole tenant: HR of a sub-tree may read them, not change them.
    expect((await cmd.run('acme', 'hr-sales', '规则')).text).toMatch(/Risk rules/);
    expect((await cmd.run('acme', 'hr-sales', 'rules set high 70')).text).toBe(
      "Sorry, your permissions don't allow that.",
    );
  });
});

describe('digest', () => {
  it("HR gets this week's summary of their scope, audited", async () => {
    const digest = await cmd.run('acme', 'hr-all', 'digest');
    expect(digest.handled).toBe(true);
    expect(digest.text.length).toBeGreaterThan(10);
    expect((await audits('digest.read')).length).toBe(1);
    expect((await cmd.run('acme', 'm-east', '摘要')).text).toMatch(/not available/);
  });
});

describe('departed', () => {
  it('records a departure with a reason code or label; the person becomes left; audited', async () => {
    expect((await cmd.run('acme', 'hr-all', 'departed sw-1 bored')).text).toMatch(/^Usage: departed/);
    const done = await cmd.run('acme', 'hr-sales', 'departed sw-1 manager');
    expect(done.text).toBe('Recorded: sw-1 left (manager).');
    const again = await cmd.run('acme', 'hr-all', '离职 sw-1 经理');
    expect(again.text).toBe("sw-1's departure was already recorded (manager).");
    const row = await handle.db
      .selectFrom('employees')
      .select('status')
      .where('id', '=', org.people['sw-1']!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('left');
    expect((await audits('employee.departed')).map((r) => r.subject_id)).toContain(org.people['sw-1']);
    expect((await cmd.run('acme', 'hr-sales', 'departed sup-1 manager')).text).toBe(
      'I found nothing for "sup-1 manager" that you may see.',
    );
  });
});
