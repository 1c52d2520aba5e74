// Employee CSV → directory batch. Columns: external_id, name, email, team, team_parent, manager_external_id,
// hire_date, slack_id, dingtalk_id, wecom_id (only external_id and name are required; order is free).
// Each problem is reported with its line number; the whole file is rejected if any row is bad.
import { parse } from 'csv-parse/sync';
import type {
  DirectoryBatch,
  DirectoryInputError,
  DirectoryIssue,
  EmployeeInput,
  IdentityPlatform,
  TeamInput,
} from './types.js';
import { InvalidInputError } from '../errors.js';
import { textProblem } from '../../core/validation/index.js';

export const CSV_COLUMNS = [
  'external_id',
  'name',
  'email',
  'team',
  'team_parent',
  'manager_external_id',
  'hire_date',
  'slack_id',
  'dingtalk_id',
  'wecom_id',
  'legal_entity',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['external_id', 'name'];
/** Optional columns: an empty email, manager or hire date clears it; an empty platform id keeps the stored one. */
const NULLABLE_COLUMNS = [
  ['email', 'email'],
  ['manager', 'manager_external_id'],
  ['hireDate', 'hire_date'],
  ['legalEntity', 'legal_entity'],
] as const satisfies readonly (readonly [keyof EmployeeInput, Column])[];
const IDENTITY_COLUMNS = [
  ['slack', 'slack_id'],
  ['dingtalk', 'dingtalk_id'],
  ['wecom', 'wecom_id'],
] as const satisfies readonly (readonly [IdentityPlatform, Column])[];

export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

export class CsvImportError extends InvalidInputError {
  constructor(readonly problems: CsvProblem[]) {
    super(
      `${new Set(problems.map((p) => p.line)).size} bad line(s); nothing was written`,
      problems.map((p) => ({ path: `/lines/${p.line}${p.column ? `/${p.column}` : ''}`, message: p.message })),
    );
  }
}

export interface ParsedEmployeesCsv {
  batch: Required<Pick<DirectoryBatch, 'teams' | 'employees'>>;
  /** Line number of each employee (by index) and of the row that defined each team (by index). */
  employeeLines: number[];
  teamLines: number[];
}

type CsvRecord = { record: string[]; info: { lines: number } };
type TeamSeen = { input: TeamInput; line: number; parentLine: number | undefined };

/**
 * Empty cells: email, team, manager and hire date are cleared (a CSV row is the whole record); an empty
 * team_parent leaves the team's parent as it is; empty platform ids leave that identity as it is.
 */
export function parseEmployeesCsv(text: string): ParsedEmployeesCsv {
  const [header, ...rows] = readRecords(text);
  if (!header)
    throw new CsvImportError([{ line: 1, message: `empty file: expected a header with ${REQUIRED.join(', ')}` }]);
  const { names, index } = readHeader(header);

  const problems: CsvProblem[] = [];
  const employees: EmployeeInput[] = [];
  const employeeLines: number[] = [];
  const teams = new Map<string, TeamSeen>();

  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== names.length) {
      problems.push({ line, message: `expected ${names.length} fields, found ${record.length}` });
      continue;
    }
    // Every cell must be text the database stores as given (no NUL): the same check as the API's.
    const bad = record.map((value, at) => ({ value, at })).filter(({ value }) => textProblem(value) !== null);
    for (const { value, at } of bad) problems.push({ line, column: names[at], message: textProblem(value)! });
    if (bad.length > 0) continue;
    const cells = rowCells(record, index);
    const team = cells.orNull('team');
    const parent = cells.orKeep('team_parent');
    noteTeam(teams, team, parent, line, problems);
    employees.push(employeeOf(cells, team));
    employeeLines.push(line);
  }
  if (problems.length > 0) throw new CsvImportError(problems);

  const teamList = [...teams.values()];
  return {
    batch: { teams: teamList.map((t) => t.input), employees },
    employeeLines,
    // A team's parent problem points at the line that gave the parent.
    teamLines: teamList.map((t) => t.parentLine ?? t.line),
  };
}

function readRecords(text: string): CsvRecord[] {
  try {
    return parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new CsvImportError([{ line, message: `not valid CSV: ${(error as Error).message}` }]);
  }
}

/** The header's column names and where each known column is; unknown, repeated or missing columns fail. */
function readHeader(header: CsvRecord): { names: string[]; index: Map<Column, number> } {
  const problems: CsvProblem[] = [];
  const headerLine = header.info.lines;
  const names = header.record.map((h) => h.toLowerCase());
  const index = new Map<Column, number>();
  names.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        line: headerLine,
        column: name,
        message: `unknown column "${name}" (known: ${CSV_COLUMNS.join(', ')})`,
      });
    } else if (index.has(name as Column))
      problems.push({ line: headerLine, column: name, message: `column "${name}" appears twice` });
    else index.set(name as Column, i);
  });
  for (const column of REQUIRED)
    if (!index.has(column)) problems.push({ line: headerLine, column, message: `missing required column "${column}"` });
  if (problems.length > 0) throw new CsvImportError(problems);
  return { names, index };
}

/** A row's cells by column: as given, empty ⇒ null (cleared), or empty ⇒ undefined (kept as it is). */
function rowCells(record: string[], index: Map<Column, number>) {
  const cell = (column: Column): string | undefined => {
    const at = index.get(column);
    return at === undefined ? undefined : (record[at] ?? '');
  };
  const orNull = (column: Column): string | null | undefined => {
    const value = cell(column);
    return value === undefined ? undefined : value === '' ? null : value;
  };
  const orKeep = (column: Column): string | undefined => {
    const value = cell(column);
    return value === undefined || value === '' ? undefined : value;
  };
  return { cell, orNull, orKeep };
}

/** Records a row's team and parent; a parent without a team, or a second different parent, is a problem. */
function noteTeam(
  teams: Map<string, TeamSeen>,
  team: string | null | undefined,
  parent: string | undefined,
  line: number,
  problems: CsvProblem[],
): void {
  if (parent !== undefined && (team === null || team === undefined)) {
    problems.push({ line, column: 'team_parent', message: 'team_parent needs a team on the same row' });
  }
  if (typeof team === 'string') {
    const known = teams.get(team);
    if (!known)
      teams.set(team, {
        input: { externalId: team, ...(parent !== undefined ? { parent } : {}) },
        line,
        parentLine: parent !== undefined ? line : undefined,
      });
    else if (parent !== undefined && known.input.parent === undefined) {
      known.input.parent = parent;
      known.parentLine = line;
    } else if (parent !== undefined && known.input.parent !== parent) {
      problems.push({
        line,
        column: 'team_parent',
        message: `team "${team}" has parent "${known.input.parent}" on line ${known.parentLine ?? known.line}`,
      });
    }
  }
  if (parent !== undefined && !teams.has(parent))
    teams.set(parent, { input: { externalId: parent }, line, parentLine: undefined });
}

function employeeOf(cells: ReturnType<typeof rowCells>, team: string | null | undefined): EmployeeInput {
  const identities: NonNullable<EmployeeInput['identities']> = {};
  for (const [platform, column] of IDENTITY_COLUMNS) {
    const id = cells.orKeep(column);
    if (id !== undefined) identities[platform] = id;
  }
  const employee: EmployeeInput = { externalId: cells.cell('external_id') ?? '', name: cells.cell('name') ?? '' };
  for (const [field, column] of NULLABLE_COLUMNS) {
    const value = cells.orNull(column);
    if (value !== undefined) employee[field] = value;
  }
  if (team !== undefined) employee.team = team;
  if (Object.keys(identities).length > 0) employee.identities = identities;
  return employee;
}

const FIELD_TO_COLUMN: Record<string, string> = {
  externalId: 'external_id',
  name: 'name',
  email: 'email',
  team: 'team',
  manager: 'manager_external_id',
  hireDate: 'hire_date',
  'identities/slack': 'slack_id',
  'identities/dingtalk': 'dingtalk_id',
  'identities/wecom': 'wecom_id',
};

/** Turns the use-case's item issues into CSV line problems. */
export function csvProblemsFrom(error: DirectoryInputError, parsed: ParsedEmployeesCsv): CsvProblem[] {
  return error.issues
    .map((issue: DirectoryIssue): CsvProblem => {
      if (issue.collection === 'teams') {
        return {
          line: parsed.teamLines[issue.index] ?? 0,
          column: issue.field === 'parent' ? 'team_parent' : 'team',
          message: issue.message,
        };
      }
      return {
        line: parsed.employeeLines[issue.index] ?? 0,
        column: FIELD_TO_COLUMN[issue.field] ?? issue.field,
        message: issue.message,
      };
    })
    .sort((a, b) => a.line - b.line);
}
