// The "Done when": in the demo, a manager, the HR of entity A (Demo Co Shanghai), the HR of entity B
// (Demo Co Beijing) and an employee run the same verbs and see exactly what their role allows, with every
// sensitive read in the audit log (source: console).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoOrganisation, DEMO_SLUG } from '../../src/app/demo/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { consoleCommands } from '../helpers/commands.js';
import { runCliWith } from '../helpers/cli.js';

const now = new Date('2026-11-29T03:00:00Z');
let handle: TestDatabase;
let cmd: ReturnType<typeof consoleCommands>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createDemoOrganisation({ db: handle.db, quietHours: true, now: () => now });
  cmd = consoleCommands(handle.db, { now: () => now });
}, 180_000);
afterAll(async () => {
  await handle.destroy();
});

const run = (as: string, text: string) => cmd.run(DEMO_SLUG, as, text).then((a) => a.text);
const NOT_ALLOWED = /not available to your role/;
const NOT_FOUND = (what: string) => `I found nothing for "${what}" that you may see.`;
const named = (text: string) => [...text.matchAll(/\(([a-z0-9.-]+)\) — /g)].map((m) => m[1]!);

describe('the four roles of the demo run the same verbs', () => {
  it('risk', async () => {
    const manager = named(await run('customer-success-mgr', 'risk'));
    expect(manager.every((id) => id.startsWith('customer-success-'))).toBe(true);
    const shanghai = named(await run('hr-shanghai', 'risk'));
    expect(shanghai[0]).toBe('li.na');
    expect(shanghai.every((id) => id === 'li.na' || /^(sales-east|customer-success)-/.test(id))).toBe(true);
    const beijing = named(await run('hr-beijing', 'risk'));
    expect(beijing).not.toContain('li.na');
    expect(beijing.every((id) => /^(engineering|operations)-/.test(id))).toBe(true);
    expect(await run('li.na', 'risk')).toMatch(NOT_ALLOWED);
  });

  it('team', async () => {
    expect(await run('customer-success-mgr', 'team')).toContain('Customer Success (');
    expect(await run('customer-success-mgr', 'team engineering')).toBe(NOT_FOUND('engineering'));
    expect(await run('hr-shanghai', 'team sales-east')).toContain('Sales East (');
    expect(await run('hr-shanghai', 'team engineering')).toBe(NOT_FOUND('engineering'));
    expect(await run('hr-beijing', 'team engineering')).toContain('Engineering (');
    expect(await run('hr-beijing', 'team sales-east')).toBe(NOT_FOUND('sales-east'));
    expect(await run('li.na', 'team')).toMatch(NOT_ALLOWED);
  });

  it('profile', async () => {
    expect(await run('customer-success-mgr', 'profile li.na')).toMatch(NOT_ALLOWED);
    expect(await run('hr-shanghai', 'profile li.na')).toContain('Li Na (li.na)');
    expect(await run('hr-beijing', 'profile li.na')).toBe(NOT_FOUND('li.na'));
    expect(await run('hr-beijing', 'profile nobody')).toBe(NOT_FOUND('nobody'));
    expect(await run('li.na', 'profile li.na')).toMatch(NOT_ALLOWED);
  });

  it('me', async () => {
    const own = await run('li.na', 'me');
    expect(own).toContain('Your data (');
    expect(own).toContain('Attrition risk: high');
    expect(await run('customer-success-mgr', 'me')).toContain('Your data');
    // The entity HR joined after the demo's scoring day: nothing is scored about them yet, and they are told so.
    for (const as of ['hr-shanghai', 'hr-beijing'])
      expect(await run(as, 'me')).toBe('No score yet (there may not be enough data).');
  });

  it('every sensitive read is in the audit log, with the reader and the platform', async () => {
    const cli = await runCliWith(handle, ['audit', '--tenant', DEMO_SLUG, '--action', 'profile.read', '--json']);
    expect(cli.code).toBe(0);
    const rows = JSON.parse(cli.stdout).items as { actor: string; source: string; subject: { id: string } }[];
    const ids = Object.fromEntries(
      (await handle.db.selectFrom('employees').select(['id', 'external_id']).execute()).map((e) => [
        e.external_id,
        e.id,
      ]),
    );
    expect(rows.map((r) => [r.actor, r.subject.id, r.source])).toEqual([
      [`employee:${ids['hr-shanghai']}`, ids['li.na'], 'console'],
    ]);
    const riskReads = await runCliWith(handle, ['audit', '--tenant', DEMO_SLUG, '--action', 'risk.read', '--json']);
    const readers = new Set(JSON.parse(riskReads.stdout).items.map((r: { actor: string }) => r.actor));
    expect(readers).toContain(`employee:${ids['li.na']}`);
    expect(readers).toContain(`employee:${ids['hr-shanghai']}`);
  });
});
