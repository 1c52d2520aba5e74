import { describe, expect, it } from 'vitest';
import { findCycles, parentsFirst } from '../../src/app/directory/graph.js';
import { CsvImportError, parseEmployeesCsv } from '../../src/app/directory/csv-import.js';

describe('findCycles', () => {
  it('finds each cycle once, including self-loops, and ignores chains that end', () => {
    const next: Record<string, string | null> = { a: 'b', b: 'c', c: 'a', d: 'a', e: 'e', f: null, g: 'unknown' };
    const cycles = findCycles(Object.keys(next), (n) => next[n]);
    expect(cycles).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('finds nothing in a tree', () => {
    const next: Record<string, string | null> = { root: null, a: 'root', b: 'a', c: 'a' };
    expect(findCycles(Object.keys(next), (n) => next[n])).toEqual([]);
  });
});

describe('parentsFirst', () => {
  it('puts every row after the row it points to, keeping input order otherwise', () => {
    const rows = [
      { k: 'leaf', p: 'mid' },
      { k: 'other', p: 'outside' },
      { k: 'mid', p: 'top' },
      { k: 'top', p: null },
    ];
    expect(
      parentsFirst(
        rows,
        (r) => r.k,
        (r) => r.p,
      ).map((r) => r.k),
    ).toEqual(['other', 'top', 'mid', 'leaf']);
  });

  it('terminates on a cycle (validation reports it; ordering must not hang)', () => {
    const rows = [
      { k: 'a', p: 'b' },
      { k: 'b', p: 'a' },
    ];
    expect(
      parentsFirst(
        rows,
        (r) => r.k,
        (r) => r.p,
      ),
    ).toHaveLength(2);
  });
});

describe('parseEmployeesCsv', () => {
  it('maps cells to a batch: empty clears, empty team_parent and platform ids keep, columns in any order', () => {
    const parsed = parseEmployeesCsv(
      '\ufeffname,external_id,team,team_parent,email,slack_id\n"Li, Na",e1,east,sales,,U1\nWang,e2,east,,w@example.com,\n',
    );
    expect(parsed.batch.employees).toEqual([
      { externalId: 'e1', name: 'Li, Na', team: 'east', email: null, identities: { slack: 'U1' } },
      { externalId: 'e2', name: 'Wang', team: 'east', email: 'w@example.com' },
    ]);
    expect(parsed.batch.teams).toEqual([{ externalId: 'east', parent: 'sales' }, { externalId: 'sales' }]);
    expect(parsed.employeeLines).toEqual([2, 3]);
    expect(parsed.teamLines).toEqual([2, 2]);
  });

  it('rejects an empty file and a file without the required columns', () => {
    expect(() => parseEmployeesCsv('')).toThrow(CsvImportError);
    let error: unknown;
    try {
      parseEmployeesCsv('email\nx@example.com\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems.map((p) => p.message)).toEqual([
      'missing required column "external_id"',
      'missing required column "name"',
    ]);
  });
});
