import { describe, expect, it } from 'vitest';
import { createDispatcher, textReply, type InteractionContext } from '../../src/app/inbound/dispatch.js';
import type { ActionEvent, CommandEvent } from '../../src/core/events.js';

const ctx: InteractionContext = {
  tenantId: 't1',
  employeeId: 'e1',
  locale: 'en',
  platform: 'console',
  now: new Date('2026-03-02T02:00:00Z'),
};
const base = { id: 'x', source: 'console', actor: { kind: 'external' as const, id: 'E1' }, occurredAt: ctx.now };
const action = (actionId: string, value = 'v'): ActionEvent => ({ ...base, type: 'action', actionId, value });
const command = (name: string, args: string[] = []): CommandEvent => ({
  ...base,
  type: 'command',
  command: name,
  args,
});

describe('inbound dispatcher', () => {
  it('routes actions by the longest matching actionId prefix', async () => {
    const seen: string[] = [];
    const dispatcher = createDispatcher()
      .onAction('alert', (e) => void seen.push(`alert:${e.actionId}`))
      .onAction('alert.feedback', (e) => void seen.push(`feedback:${e.actionId}:${e.value}`));
    expect((await dispatcher.dispatch(action('alert.feedback', 'a1:done'), ctx)).handled).toBe(true);
    await dispatcher.dispatch(action('alert.feedback.v2'), ctx);
    await dispatcher.dispatch(action('alert.details'), ctx);
    await dispatcher.dispatch(action('alertness'), ctx); // not a prefix match at a boundary
    expect(seen).toEqual(['feedback:alert.feedback:a1:done', 'feedback:alert.feedback.v2:v', 'alert:alert.details']);
  });

  it('routes commands by name, case-insensitively, and returns the handler reply', async () => {
    const dispatcher = createDispatcher().onCommand('risk', (e) => ({
      reply: textReply(`risk for ${e.args.join(',')}`),
    }));
    const result = await dispatcher.dispatch(command('/RISK', ['sales']), ctx);
    expect(result.handled).toBe(true);
    expect(result.reply?.fallbackText).toBe('risk for sales');
  });

  it('answers unknown actions and commands politely, in the actor locale', async () => {
    const dispatcher = createDispatcher();
    const unknownAction = await dispatcher.dispatch(action('nope'), ctx);
    expect(unknownAction.handled).toBe(false);
    expect(unknownAction.reply?.fallbackText).toMatch(/^Sorry/);
    const unknownCommand = await dispatcher.dispatch(command('frobnicate'), { ...ctx, locale: 'zh-CN' });
    expect(unknownCommand.reply?.fallbackText).toContain('frobnicate');
    expect(unknownCommand.reply?.fallbackText).toContain('抱歉');
  });

  it('turns a throwing handler into an apology and logs it, without rejecting', async () => {
    const logged: object[] = [];
    const dispatcher = createDispatcher({ error: (obj) => void logged.push(obj), warn: () => undefined }).onAction(
      'boom',
      () => {
        throw new Error('kaput');
      },
    );
    const result = await dispatcher.dispatch(action('boom'), ctx);
    expect(result).toMatchObject({ handled: false, failed: true });
    expect(result.reply?.fallbackText).toMatch(/went wrong/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ tenantId: 't1', action: 'boom' });
  });

  it('has a built-in help listing the registered commands', async () => {
    const dispatcher = createDispatcher().onCommand('risk', () => undefined, 'command.help.description');
    const result = await dispatcher.dispatch(command('help'), ctx);
    const fields = result.reply?.blocks.find((b) => b.type === 'fields');
    expect(fields && fields.type === 'fields' ? fields.fields.map((f) => f.label) : []).toEqual(['help', 'risk']);
    expect(() => dispatcher.onAction('x', () => undefined).onAction('x', () => undefined)).toThrow(
      /already registered/,
    );
  });
});
