// The permission matrix on chat: each role × verb × own / foreign subject × other legal entity, on the console
// platform (and a few through the DingTalk fake in commands-dingtalk.test.ts). A foreign subject is answered
// exactly like a missing one; field-level rules hide survey-derived and sensitive-leave reasons from managers.
// The org (test/helpers/entity-org.ts):
//   hq ── team-a (A)   boss(A) ── mgr-a(A) ── a-1(A), a-2(B)      hr-a: HR of A · hr-b: HR of B · admin
//      └─ team-b (B)           └─ mgr-b(B) ── b-1(B)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEntityOrg, type EntityOrg } from '../helpers/entity-org.js';
import { consoleCommands } from '../helpers/commands.js';

let handle: TestDatabase;
let org: EntityOrg;
let cmd: ReturnType<typeof consoleCommands>;
const NOW = new Date('2026-11-30T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createEntityOrg(handle.db, 'multi');
  await handle.db
    .updateTable('alerts')
    .set({ created_at: new Date(NOW.getTime() - 86_400_000) })
    .execute();
  cmd = consoleCommands(handle.db, { now: () => NOW });
});

afterAll(async () => {
  await handle.destroy();
});

const run = (as: string, text: string) => cmd.run('multi', as, text).then((a) => a.text);
const NOT_ALLOWED = /not available to your role/;
const notFound = (what: string) => `I found nothing for "${what}" that you may see.`;
/** The people named in a `risk` answer. */
const named = (text: string) => [...text.matchAll(/\(([a-z0-9-]+)\) — /g)].map((m) => m[1]).sort();

describe('permission matrix: role × verb × subject × legal entity', () => {
  it('risk: a manager their reports; HR of an entity its people (whatever their team); admin everyone', async () => {
    expect(await run('a-1', 'risk')).toMatch(NOT_ALLOWED);
    expect(named(await run('mgr-a', 'risk'))).toEqual(['a-1', 'a-2']);
    expect(named(await run('hr-a', 'risk'))).toEqual(['a-1', 'admin', 'boss', 'hr-a', 'mgr-a']);
    expect(named(await run('hr-b', 'risk'))).toEqual(['a-2', 'b-1', 'hr-b', 'mgr-b']);
    expect(named(await run('admin', 'risk'))).toHaveLength(9);
    // A team narrows the list, never widens it; a team of the other entity is out of reach (even though a-2,
    // employed by B, works in it: hr-b sees a-2 in the unfiltered list above).
    expect(named(await run('admin', 'risk team-a'))).toEqual(['a-1', 'a-2', 'mgr-a']);
    expect(await run('hr-b', 'risk team-a')).toBe(notFound('team-a'));
    expect(await run('hr-a', 'risk team-b')).toBe(notFound('team-b'));
    expect(await run('hr-a', 'risk no-such-team')).toBe(notFound('no-such-team'));
  });

  it("team: own teams for a manager; an entity's teams for its HR; another entity's team is not found", async () => {
    expect(await run('a-1', 'team team-a')).toMatch(NOT_ALLOWED);
    expect(await run('mgr-a', 'team')).toContain('Team A (2026-11-27)');
    expect(await run('mgr-a', 'team team-b')).toBe(notFound('team-b'));
    expect(await run('hr-a', 'team team-a')).toContain('Team A (2026-11-27)');
    expect(await run('hr-a', 'team Team B')).toMatch(/^Usage/); // two words: a name with a space needs its id
    expect(await run('hr-a', 'team team-b')).toBe(notFound('team-b'));
    expect(await run('hr-a', 'team ghost')).toBe(notFound('ghost'));
    expect(await run('hr-b', '团队 team-b')).toContain('Team B');
    expect(await run('admin', 'team team-b')).toContain('Team B');
  });

  it('profile: HR of the entity reads its people; the other entity and the missing get the same answer', async () => {
    expect(await run('mgr-a', 'profile a-1')).toMatch(NOT_ALLOWED);
    expect(await run('a-1', 'profile a-1')).toMatch(NOT_ALLOWED);
    expect(await run('hr-a', 'profile a-1')).toContain('Name a-1 (a-1)');
    expect(await run('hr-a', 'profile a-2')).toBe(notFound('a-2'));
    expect(await run('hr-a', 'profile b-1')).toBe(notFound('b-1'));
    expect(await run('hr-a', 'profile ghost')).toBe(notFound('ghost'));
    expect(await run('hr-b', '档案 a-2')).toContain('Name a-2 (a-2)');
    expect(await run('hr-b', 'profile a-1')).toBe(notFound('a-1'));
    expect(await run('admin', 'profile b-1')).toContain('Name b-1 (b-1)');
    // Every individual read is in the audit log with the reader and the platform.
    const reads = await handle.db
      .selectFrom('audit_log')
      .select(['actor', 'subject_id', 'details'])
      .where('tenant_id', '=', org.tenantId)
      .where('action', '=', 'profile.read')
      .execute();
    expect(reads.map((r) => [r.actor, r.subject_id]).sort()).toEqual(
      [
        [`employee:${org.people['hr-a']}`, org.people['a-1']],
        [`employee:${org.people['hr-b']}`, org.people['a-2']],
        [`employee:${org.people['admin']}`, org.people['b-1']],
      ].sort(),
    );
    expect(reads.every((r) => (r.details as { source: string }).source === 'console')).toBe(true);
  });

  it('alerts: the manager their own; HR of an entity those about its people; admin all', async () => {
    const count = async (as: string) => Number(/Open alerts \((\d+)\)/.exec(await run(as, 'alerts'))?.[1]);
    expect(await run('a-1', 'alerts')).toMatch(NOT_ALLOWED);
    expect(await count('mgr-a')).toBe(2);
    expect(await count('mgr-b')).toBe(1);
    expect(await count('hr-a')).toBe(1);
    expect(await count('hr-b')).toBe(2);
    expect(await count('admin')).toBe(3);
  });

  it('HR-only verbs are refused to managers and employees; everyone has me, kudos, export, mute', async () => {
    for (const verb of ['profile a-1', 'digest', 'rules', 'departed a-1 manager'])
      for (const as of ['a-1', 'mgr-a']) expect(await run(as, verb)).toMatch(NOT_ALLOWED);
    for (const as of ['a-1', 'mgr-a', 'hr-a', 'admin']) expect(await run(as, 'me')).toContain('Your data');
    expect(await run('hr-b', 'departed a-1 manager')).toBe(notFound('a-1 manager'));
    const help = async (as: string) => run(as, 'help');
    expect(await help('a-1')).not.toContain('risk / 风险');
    expect(await help('mgr-a')).toContain('risk / 风险');
    expect(await help('mgr-a')).not.toContain('profile / 档案');
    expect(await help('hr-a')).toContain('profile / 档案');
  });
});

describe('field-level permissions', () => {
  it('a manager sees levels and reasons but never survey-derived ones; the person and HR see all', async () => {
    const manager = await run('mgr-a', 'risk');
    expect(manager).toContain('team-channel messages −60%');
    expect(manager).toContain('personal leave +40%');
    expect(manager).not.toContain('pulse surveys');
    const hr = await run('hr-a', 'risk team-a');
    expect(hr).toContain('answered 10% of pulse surveys');
    const self = await run('a-1', 'me');
    expect(self).toContain('answered 10% of pulse surveys');
  });

  it('leave types the tenant marks sensitive are hidden from managers, also in alerts', async () => {
    await handle.db
      .updateTable('tenants')
      .set({ settings: JSON.stringify({ sensitiveLeaveTypes: ['personal'] }) })
      .where('id', '=', org.tenantId)
      .execute();
    try {
      const manager = await run('mgr-a', 'risk');
      expect(manager).toContain('team-channel messages −60%');
      expect(manager).not.toContain('personal leave');
      expect(await run('mgr-a', 'alerts')).not.toContain('personal leave');
      expect(await run('hr-a', 'risk team-a')).toContain('personal leave +40%');
      expect(await run('a-1', 'me')).toContain('personal leave +40%');
    } finally {
      await handle.db
        .updateTable('tenants')
        .set({ settings: JSON.stringify({}) })
        .where('id', '=', org.tenantId)
        .execute();
    }
  });
});
