// What a caller can do with the directory, access-checked and audited: the use cases behind /api/v1/teams,
// /api/v1/employees and the CSV import.
import type { Access } from '../access/index.js';
import { identitiesOfEmployees } from '../../storage/repositories/identities.js';
import { findEmployeeRow } from '../../storage/repositories/employees.js';
import { findTeamRow } from '../../storage/repositories/teams.js';
import { notFound } from '../errors.js';
import type { EmployeeStatus } from '../../storage/tables/directory.js';
import { DirectoryInputError, type EmployeeInput, type TeamInput, type UpsertCounts } from './types.js';
import {
  CsvImportError,
  csvProblemsFrom,
  parseEmployeesCsv,
  type CsvProblem,
  type ParsedEmployeesCsv,
} from './csv-import.js';
import { upsertDirectory } from './upsert.js';
import {
  listEmployees,
  listTeams,
  toEmployeeView,
  toTeamView,
  type EmployeeView,
  type Page,
  type TeamView,
} from './views.js';

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Teams in pages. Teams are structure, not personal data: every role reads them, within its sub-trees if any. */
export async function browseTeams(access: Access, page: PageRequest): Promise<Page<TeamView>> {
  access.require('teams.read');
  const teamIds = await access.teamFilter('structure');
  return listTeams(access.db, access.tenantId, { ...page, ...(teamIds ? { teamIds } : {}) });
}

export async function readTeam(access: Access, ref: string): Promise<TeamView> {
  access.require('teams.read');
  const team = await access.team(ref, 'structure');
  const row = await findTeamRow(access.db, access.tenantId, team.id);
  if (!row) throw notFound('team', ref, 'id');
  return toTeamView(row);
}

export interface EmployeeQuery extends PageRequest {
  /** A team (id or external id): its direct members only. */
  team?: string;
  status?: EmployeeStatus;
}

/** People in pages (hr, admin): those in the caller's reach; one audit row naming everyone shown. */
export async function browseEmployees(access: Access, query: EmployeeQuery): Promise<Page<EmployeeView>> {
  access.require('employees.list');
  const people = await access.peopleFilter('profile');
  const team = query.team !== undefined ? await access.team(query.team, 'structure', 'team') : undefined;
  const page = await listEmployees(access.db, access.tenantId, {
    limit: query.limit,
    ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    ...(team ? { teamIds: [team.id] } : {}),
    people,
    ...(query.status ? { status: query.status } : {}),
  });
  if (page.items.length > 0) {
    await access.audit(
      'employee.list',
      { type: 'employee' },
      {
        count: page.items.length,
        team: query.team ?? null,
        status: query.status ?? null,
        employeeIds: page.items.map((e) => e.id),
      },
    );
  }
  return page;
}

/** One person's directory record (hr/admin in reach, the person, their managers); audited. */
export async function readEmployee(access: Access, ref: string): Promise<EmployeeView> {
  access.require('employees.read');
  const person = await access.person(ref, 'profile');
  const row = await findEmployeeRow(access.db, access.tenantId, person.id);
  if (!row) throw notFound('employee', ref, 'id');
  await access.audit('employee.read', { type: 'employee', id: person.id });
  return toEmployeeView(row, await identitiesOfEmployees(access.db, access.tenantId, [person.id]));
}

export async function upsertTeams(access: Access, teams: readonly TeamInput[]): Promise<UpsertCounts> {
  access.require('teams.write');
  return (await upsertDirectory(access.db, access.tenantId, { teams }, { actor: access.actor.name })).teams;
}

export async function upsertEmployees(access: Access, employees: readonly EmployeeInput[]): Promise<UpsertCounts> {
  access.require('employees.write');
  return (await upsertDirectory(access.db, access.tenantId, { employees }, { actor: access.actor.name })).employees;
}

export type CsvImportOutcome =
  { ok: true; rows: number; teams: UpsertCounts; employees: UpsertCounts } | { ok: false; problems: CsvProblem[] };

/**
 * An employees CSV, all or nothing: a file with bad lines is answered with every problem by line and column and
 * nothing is written (the whole batch is one transaction).
 */
export async function importEmployeesCsv(
  access: Access,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<CsvImportOutcome> {
  access.require('employees.write');
  let parsed: ParsedEmployeesCsv;
  try {
    parsed = parseEmployeesCsv(text);
  } catch (error) {
    if (error instanceof CsvImportError) return { ok: false, problems: error.problems };
    throw error;
  }
  try {
    const result = await upsertDirectory(access.db, access.tenantId, parsed.batch, {
      actor: access.actor.name,
      ...(onProgress ? { onProgress } : {}),
    });
    return { ok: true, rows: parsed.batch.employees.length, ...result };
  } catch (error) {
    if (error instanceof DirectoryInputError) return { ok: false, problems: csvProblemsFrom(error, parsed) };
    throw error;
  }
}
