import { describe, expect, it } from 'vitest';
import { csvRowToItem, parseInstant, validateSignalItem, SIGNAL_KINDS } from '../../src/app/signals/validate.js';
import { zonedNoon } from '../../src/core/time.js';
import { readLines } from '../../src/app/signals/lines.js';

const options = { now: new Date('2026-03-10T00:00:00Z'), timeZone: 'Asia/Shanghai', source: 'hr-api' };
const base = { id: 'x', employee: 'e1', occurredAt: '2026-03-02T09:00:00+08:00' };

describe('signal item validation', () => {
  it('accepts every kind with its fields and maps it to a core event', () => {
    const items = [
      { ...base, kind: 'message', channelType: 'team' },
      { ...base, kind: 'leave', leaveType: 'personal', days: 0.5 },
      { ...base, kind: 'task', status: 'late', dueAt: '2026-03-01T18:00:00Z' },
      { ...base, kind: 'attendance', status: 'absent' },
      { ...base, kind: 'crm_activity', count: 2 },
      { ...base, kind: 'help', peer: 'e2' },
      { ...base, kind: 'kudos', peer: 'e2' },
      { ...base, kind: 'team_project', project: 'P' },
      { ...base, kind: 'resource_share', count: 1 },
      { ...base, kind: 'manager_change' },
      { ...base, kind: 'departure', reason: 'relocation', note: 'n' },
      { ...base, kind: 'hire' },
    ];
    expect(items.map((i) => i.kind)).toEqual([...SIGNAL_KINDS]);
    for (const item of items) expect(validateSignalItem(item, options)).toMatchObject({ ok: true });
    const message = validateSignalItem({ ...base, kind: 'message', channelType: 'dm', peer: 'e2' }, options);
    expect(message).toEqual({
      ok: true,
      event: {
        id: 'x',
        source: 'hr-api',
        type: 'message',
        actor: { kind: 'external', id: 'e1' },
        occurredAt: new Date('2026-03-02T01:00:00Z'),
        conversation: 'dm',
        count: 1,
        peer: { kind: 'external', id: 'e2' },
      },
    });
    const help = validateSignalItem({ ...base, kind: 'help', peer: 'e3' }, options);
    expect(help.ok && help.event).toMatchObject({ type: 'help', to: { kind: 'external', id: 'e3' } });
  });

  it('reports each problem with its path', () => {
    const result = validateSignalItem(
      {
        id: '',
        kind: 'leave',
        employee: 'e1',
        occurredAt: '2026-03-12T00:00:00Z',
        leaveType: 'vacation',
        days: -1,
        extra: true,
      },
      options,
      '/signals/7',
    );
    expect(result.ok).toBe(false);
    const paths = !result.ok ? result.errors.map((e) => e.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        '/signals/7/id',
        '/signals/7/leaveType',
        '/signals/7/days',
        '/signals/7/extra',
        '/signals/7/occurredAt',
      ]),
    );
    expect(validateSignalItem({ ...base, kind: 'task' }, options)).toMatchObject({
      ok: false,
      errors: [{ path: '/status' }],
    });
    expect(validateSignalItem({ ...base, kind: 'message', channelType: 'team', count: 1.5 }, options)).toMatchObject({
      ok: false,
      errors: [{ path: '/count' }],
    });
    expect(validateSignalItem({ ...base, kind: 'message', channelType: 'team', count: '3' }, options)).toMatchObject({
      ok: false,
      errors: [{ path: '/count' }],
    });
    expect(validateSignalItem({ ...base }, options)).toMatchObject({
      ok: false,
      errors: [{ path: '/kind', message: 'is required' }],
    });
    expect(validateSignalItem(null, options, '/signals/0')).toEqual({
      ok: false,
      errors: [{ path: '/signals/0', message: 'must be an object' }],
    });
  });

  it('allows up to one day in the future, not more', () => {
    expect(validateSignalItem({ ...base, kind: 'hire', occurredAt: '2026-03-10T23:59:00Z' }, options).ok).toBe(true);
    expect(validateSignalItem({ ...base, kind: 'hire', occurredAt: '2026-03-11T00:01:00Z' }, options).ok).toBe(false);
  });

  it('parses ISO 8601 instants with offsets, bare dates as local noon, and rejects the rest', () => {
    expect(parseInstant('2026-03-02T09:00:00.123456+08:00', 'UTC')?.toISOString()).toBe('2026-03-02T01:00:00.123Z');
    expect(parseInstant('2026-03-02T09:00Z', 'UTC')?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(parseInstant('2026-03-02', 'Asia/Shanghai')?.toISOString()).toBe('2026-03-02T04:00:00.000Z');
    for (const bad of [
      '2026-03-02T09:00:00',
      '2026-02-30T09:00:00Z',
      '2026-03-02T25:00:00Z',
      'yesterday',
      '1709370000',
    ]) {
      expect(parseInstant(bad, 'UTC')).toBeUndefined();
    }
    expect(zonedNoon('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedNoon('2026-01-15', 'America/Los_Angeles').toISOString()).toBe('2026-01-15T20:00:00.000Z');
  });

  it('turns CSV rows into items: empty cells absent, numeric columns numbers', () => {
    expect(csvRowToItem({ id: 'a', kind: 'leave', days: '1.5', count: '', peer: ' ', leaveType: 'sick' })).toEqual({
      id: 'a',
      kind: 'leave',
      days: 1.5,
      leaveType: 'sick',
    });
    expect(csvRowToItem({ count: 'abc' })).toEqual({ count: 'abc' });
  });
});

describe('readLines', () => {
  async function* chunks(...parts: (string | Buffer)[]) {
    for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
  }
  it('splits across chunks (including inside a UTF-8 character) with line numbers and CRLF', async () => {
    const bytes = Buffer.from('{"a":"李"}\r\n\n{"b":2}');
    const out = [];
    for await (const line of readLines(chunks(bytes.subarray(0, 8), bytes.subarray(8, 13), bytes.subarray(13))))
      out.push(line);
    expect(out).toEqual([
      { number: 1, text: '{"a":"李"}' },
      { number: 2, text: '' },
      { number: 3, text: '{"b":2}' },
    ]);
  });
  it('refuses a line longer than the cap', async () => {
    const read = async () => {
      for await (const _ of readLines(chunks('x'.repeat(50), 'y'.repeat(60), '\n'), 100)) void _;
    };
    await expect(read()).rejects.toThrow(/line 1 is longer than 100 bytes/);
  });
});

describe('examples/signals.*', () => {
  it('every example line is a valid item', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('csv-parse/sync');
    const at = { now: new Date('2026-11-29T00:00:00Z'), timeZone: 'Asia/Shanghai', source: 'import' };
    const lines = readFileSync(new URL('../../examples/signals.ndjson', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const rows = parse(readFileSync(new URL('../../examples/signals.csv', import.meta.url), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const items = [...lines.map((l) => JSON.parse(l) as unknown), ...rows.map(csvRowToItem)];
    expect(items).toHaveLength(10);
    for (const item of items) expect(validateSignalItem(item, at)).toMatchObject({ ok: true });
  });
});
