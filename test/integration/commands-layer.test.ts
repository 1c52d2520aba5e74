// The command layer: person resolution, role-aware help in both locales, aliases, usage, role refusals, and a
// foreign subject answered exactly like a missing one — through the console platform and the real dispatcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createAccessOrg, type AccessOrg } from '../helpers/access-org.js';
import { consoleCommands } from '../helpers/commands.js';
import { createDispatcher } from '../../src/app/inbound/dispatch.js';
import { CommandRegistry, defineVerb, oneWord, registerCommandLayer } from '../../src/app/commands/index.js';
import { textReply } from '../../src/app/inbound/dispatch.js';
import { grantRole } from '../../src/app/directory/roles.js';
import type { CommandEvent } from '../../src/core/events.js';

let handle: TestDatabase;
let org: AccessOrg;
let zh: AccessOrg;

beforeAll(async () => {
  handle = await createTestDatabase();
  org = await createAccessOrg(handle.db, 'acme');
  zh = await createAccessOrg(handle.db, 'zh-co');
  await handle.db.updateTable('tenants').set({ locale: 'zh-CN' }).where('id', '=', zh.tenantId).execute();
  await grantRole(handle.db, { tenantSlug: 'acme', employee: 'm-support', role: 'hr', actor: 'test' });
});

afterAll(async () => {
  await handle.destroy();
});

const command = (name: string, args: string[] = []): CommandEvent => ({
  type: 'command',
  id: `t:${name}`,
  source: 'console',
  actor: { kind: 'external', id: 'x' },
  occurredAt: new Date(),
  command: name,
  args,
});

describe('command layer', () => {
  it('answers an unknown or departed person politely, without running the verb', async () => {
    const dispatcher = consoleCommands(handle.db).dispatcher;
    const ctx = { tenantId: org.tenantId, locale: 'en' as const, platform: 'console' as const, now: new Date() };
    const unknown = await dispatcher.dispatch(command('me'), { ...ctx, employeeId: undefined });
    expect(unknown.reply?.fallbackText).toMatch(/isn't linked to an employee record/);
    const foreign = await dispatcher.dispatch(command('me'), { ...ctx, employeeId: zh.people['se-1'] });
    expect(foreign.reply?.fallbackText).toMatch(/isn't linked/);
    await handle.db.updateTable('employees').set({ status: 'left' }).where('id', '=', org.people['sw-1']!).execute();
    const left = await dispatcher.dispatch(command('help'), { ...ctx, employeeId: org.people['sw-1'] });
    expect(left.reply?.fallbackText).toMatch(/isn't linked/);
    await handle.db.updateTable('employees').set({ status: 'active' }).where('id', '=', org.people['sw-1']!).execute();
  });

  it('lists only the verbs the role may run, in the tenant locale; help <verb> shows usage and aliases', async () => {
    const cmd = consoleCommands(handle.db);
    const employee = await cmd.run('acme', 'se-1', 'help');
    expect(employee.text).toContain('me / 我的');
    expect(employee.text).toContain('help / 帮助');
    const zhHelp = await cmd.run('zh-co', 'se-1', '帮助');
    expect(zhHelp.text).toContain('我能做的事');
    expect(zhHelp.text).toContain('查看我自己的信号和评分');
    const usage = await cmd.run('acme', 'se-1', 'help me');
    expect(usage.text).toContain('Usage: me');
    expect(usage.text).toContain('Also: 我的');
    const zhUsage = await cmd.run('zh-co', 'se-1', 'help 我的');
    expect(zhUsage.text).toContain('用法：我的');
  });

  it('runs a verb by name or alias, and answers wrong words with the usage line', async () => {
    const cmd = consoleCommands(handle.db);
    const me = await cmd.run('acme', 'se-1', 'me');
    expect(me.handled).toBe(true);
    expect(me.text).toContain('Your data (2026-11-27)');
    expect(me.text).toContain('Attrition risk: low (60)');
    expect((await cmd.run('acme', 'se-1', '我的')).text).toBe(me.text);
    expect((await cmd.run('acme', 'se-1', 'ME')).text).toBe(me.text);
    expect((await cmd.run('acme', 'se-1', 'me please')).text).toBe('Usage: me');
    expect((await cmd.run('zh-co', 'se-1', '我的')).text).toContain('关于你的数据');
  });

  it('refuses a verb above the role, and answers a foreign subject exactly like a missing one', async () => {
    const registry = new CommandRegistry([
      defineVerb({
        name: 'peek',
        aliases: ['看看'],
        minimum: 'manager',
        summaryKey: 'command.me.summary',
        usageKey: 'command.me.usage',
        parse: oneWord,
        async run({ access }, { word }) {
          const person = await access.person(word, 'risk');
          return textReply(`seen ${person.external_id}`);
        },
      }),
    ]);
    const dispatcher = createDispatcher();
    registerCommandLayer(dispatcher, { db: handle.db, now: () => new Date() }, registry);
    const cmd = consoleCommands(handle.db, { dispatcher });
    expect((await cmd.run('acme', 'se-1', 'peek se-2')).text).toBe(
      'Sorry, "peek" is not available to your role. Type help to see the commands you can use.',
    );
    expect((await cmd.run('acme', 'm-east', 'peek se-1')).text).toBe('seen se-1');
    const foreign = await cmd.run('acme', 'm-east', '看看 sup-1');
    const missing = await cmd.run('acme', 'm-east', '看看 nobody');
    expect(foreign.text).toBe('I found nothing for "sup-1" that you may see.');
    expect(missing.text).toBe('I found nothing for "nobody" that you may see.');
    // HR (granted on m-support) reaches everyone.
    expect((await cmd.run('acme', 'm-support', 'peek se-1')).text).toBe('seen se-1');
    expect(() => registry.register({ ...registry.verbs()[0]!, name: 'other', aliases: ['PEEK'] })).toThrow(/taken/);
  });
});
