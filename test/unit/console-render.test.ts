import { describe, expect, it } from 'vitest';
import { parseConsoleInput, renderConsole, type ConsoleButton } from '../../adapters/console/index.js';
import { CONTRACT_MESSAGES } from '../contract/platform-adapter.contract.js';

describe('console render', () => {
  it('prints header, text, aligned fields, context, numbered buttons and the link', () => {
    const { text, buttons } = renderConsole(CONTRACT_MESSAGES.alert!);
    const lines = text.split('\n');
    expect(lines[0]).toBe('╭─ Wang Fang may need support');
    expect(text).toContain('│ Her activity in the team channel dropped in the last 3 weeks.');
    expect(text).toContain('│ Team  Sales East');
    expect(text).toContain('│ Risk  high');
    expect(text).toContain('│ · Based on metadata only. A human decides.');
    expect(text).toContain('│ [1] Done   [2] 1:1 scheduled   [3] Snooze 2 weeks   [4] Not accurate');
    expect(text).toContain('│ → Details: http://localhost:3000/alerts/a1');
    expect(lines.at(-1)).toBe('╰─');
    expect(buttons.map((b) => [b.number, b.value])).toEqual([
      [1, 'a1:done'],
      [2, 'a1:one_on_one'],
      [3, 'a1:snooze'],
      [4, 'a1:not_accurate'],
    ]);
  });

  it('continues numbering from firstButtonNumber and aligns CJK labels by display width', () => {
    const { text, buttons } = renderConsole(
      {
        blocks: [
          { type: 'header', text: '提醒' },
          {
            type: 'fields',
            fields: [
              { label: '团队', value: '华东销售' },
              { label: 'ID', value: 'E1' },
            ],
          },
          { type: 'buttons', buttons: [{ actionId: 'a', value: 'v', label: '完成' }] },
        ],
        fallbackText: '提醒',
      },
      { firstButtonNumber: 7 },
    );
    expect(text).toContain('│ 团队  华东销售');
    expect(text).toContain('│ ID    E1');
    expect(text).toContain('[7] 完成');
    expect(buttons[0]!.number).toBe(7);
  });

  it('without a header: text speaks for itself, otherwise the fallback is the title', () => {
    expect(renderConsole({ blocks: [{ type: 'text', text: 'body' }], fallbackText: 'body' }).text).toBe(
      '╭─\n│ body\n╰─',
    );
    const buttonsOnly = renderConsole({
      blocks: [{ type: 'buttons', buttons: [{ actionId: 'a', value: 'v', label: 'OK' }] }],
      fallbackText: 'First line\nsecond',
    }).text;
    expect(buttonsOnly.split('\n')[0]).toBe('╭─ First line');
  });
});

describe('console input', () => {
  const buttons = new Map<number, ConsoleButton & { messageRef: string }>([
    [2, { number: 2, actionId: 'alert.feedback', value: 'a1:one_on_one', label: '1:1', messageRef: 'm1' }],
  ]);
  const ctx = { actorExternalId: 'E7', buttons, now: new Date('2026-03-02T02:00:00Z'), sequence: 3 };

  it('turns a button number into an ActionEvent of the session person', () => {
    const parsed = parseConsoleInput(' 2 ', ctx);
    expect(parsed).toMatchObject({
      kind: 'action',
      event: {
        type: 'action',
        actionId: 'alert.feedback',
        value: 'a1:one_on_one',
        messageRef: 'm1',
        actor: { kind: 'external', id: 'E7' },
        source: 'console',
      },
    });
    expect(parseConsoleInput('[2]', ctx).kind).toBe('action');
  });

  it('reports an unknown number, and treats other words as commands with arguments', () => {
    expect(parseConsoleInput('9', ctx)).toEqual({ kind: 'unknown_button', number: 9 });
    expect(parseConsoleInput('/Risk sales-east  now', ctx)).toMatchObject({
      kind: 'command',
      event: { type: 'command', command: 'risk', args: ['sales-east', 'now'] },
    });
  });

  it('knows the session verbs', () => {
    expect(parseConsoleInput('help', ctx).kind).toBe('help');
    expect(parseConsoleInput('QUIT', ctx).kind).toBe('quit');
    expect(parseConsoleInput('r', ctx).kind).toBe('refresh');
    expect(parseConsoleInput('   ', ctx).kind).toBe('empty');
  });
});
