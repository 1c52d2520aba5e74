// Team goals and individual results per period (`POST /api/v1/goals`, `teampulse import goals`): a team's target and
// actual (or a stated met/missed) decide the scorecard multiplier; a person's target and actual are their individual
// result (attainment = actual ÷ target). Either every item is valid and stored, or nothing is and every problem is listed.
import { Type, type Static } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { periodDays } from '../../core/performance/index.js';
import { FORMAT_MESSAGES, Reference } from '../../core/validation/index.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import type { Access } from '../access/index.js';
import { InvalidInputError, type ErrorDetail } from '../errors.js';

export const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
  maxLength: 7,
  description: 'A month YYYY-MM or a quarter YYYY-Qn',
});

const Amount = Type.Number({ minimum: 0, maximum: 1e12 });

/**
 * One goal or result, as POST /api/v1/goals takes it and `teampulse import goals` reads it from a file: the one
 * definition both edges check (the HTTP body schema is built from it; the CLI's items are checked against it here).
 */
export const GoalItemSchema = Type.Object(
  {
    team: Type.Optional(Reference('A team (internal or external id): a team goal')),
    employee: Type.Optional(Reference('A person (internal or external id): an individual result')),
    period: Period,
    target: Type.Optional(Amount),
    actual: Type.Optional(Amount),
    met: Type.Optional(Type.Boolean({ description: 'Team goals: met or missed, when stated' })),
  },
  { additionalProperties: false },
);

export type GoalItem = Static<typeof GoalItemSchema>;

/** The schema's problems with one item (a file's items arrive unchecked), one per field, in the API's words. */
function shapeProblems(item: unknown, at: (field: string) => string): ErrorDetail[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return [{ path: at(''), message: 'must be an object' }];
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(GoalItemSchema, item)) {
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    const format = (error.schema as { format?: string }).format;
    const message =
      error.type === ValueErrorType.ObjectAdditionalProperties
        ? 'is not a known property'
        : error.type === ValueErrorType.ObjectRequiredProperty
          ? 'is required'
          : error.type === ValueErrorType.StringFormat && format
            ? (FORMAT_MESSAGES[format] ?? error.message)
            : error.message;
    problems.push({ path: at(error.path.slice(1)), message });
  }
  return problems;
}

export interface GoalsResult {
  teams: number;
  people: number;
}

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

export async function importGoals(access: Access, items: readonly GoalItem[]): Promise<GoalsResult> {
  access.require('goals.write');
  const problems: ErrorDetail[] = [];
  const teamRows: TeamGoalRow[] = [];
  const personRows: PersonResultRow[] = [];
  for (const [i, item] of items.entries()) {
    const at = (field: string) => `/goals/${i}${field ? `/${field}` : ''}`;
    const shape = shapeProblems(item, at);
    if (shape.length > 0) {
      problems.push(...shape);
      continue;
    }
    const fields = fieldProblems(item, at);
    if (fields.length > 0) {
      problems.push(...fields);
      continue;
    }
    if (item.team !== undefined) {
      const team = await findTeamByRef(access.db, access.tenantId, item.team);
      if (!team || !(await access.maySeeTeam(team.id, 'structure'))) {
        problems.push({ path: at('team'), message: `unknown team "${item.team}"` });
        continue;
      }
      teamRows.push({
        team_id: team.id,
        period: item.period,
        target: item.target ?? null,
        actual: item.actual ?? null,
        met: item.met ?? null,
      });
    } else {
      const person = await findEmployeeByRef(access.db, access.tenantId, item.employee!);
      if (!person || !(await access.maySeePerson(person, 'signals'))) {
        problems.push({ path: at('employee'), message: `unknown employee "${item.employee}"` });
        continue;
      }
      personRows.push({ employee_id: person.id, period: item.period, target: item.target!, actual: item.actual! });
    }
  }
  if (problems.length > 0)
    throw new InvalidInputError(`${problems.length} problems in the goals; nothing was stored`, problems.slice(0, 100));
  await storeGoals(access, teamRows, personRows);
  await access.audit(
    'goals.import',
    { type: 'tenant', id: access.tenantId },
    {
      teams: teamRows.length,
      people: personRows.length,
    },
  );
  return { teams: teamRows.length, people: personRows.length };
}

/** The rules the schema cannot express (period, one subject, positive target, what a person or a team needs). */
function fieldProblems(item: GoalItem, at: (field: string) => string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!periodDays(item.period))
    problems.push({ path: at('period'), message: 'must be a month YYYY-MM or a quarter YYYY-Qn' });
  if ((item.team === undefined) === (item.employee === undefined))
    problems.push({ path: at(''), message: 'name exactly one of team or employee' });
  if (item.target !== undefined && (!num(item.target) || item.target <= 0))
    problems.push({ path: at('target'), message: 'must be a number above 0' });
  if (item.actual !== undefined && (!num(item.actual) || item.actual < 0))
    problems.push({ path: at('actual'), message: 'must be a number of at least 0' });
  if (item.employee !== undefined) {
    if (item.target === undefined) problems.push({ path: at('target'), message: 'is required for a person' });
    if (item.actual === undefined) problems.push({ path: at('actual'), message: 'is required for a person' });
    if (item.met !== undefined) problems.push({ path: at('met'), message: 'is for team goals only' });
  }
  if (item.team !== undefined && item.met === undefined && (item.target === undefined || item.actual === undefined))
    problems.push({ path: at('actual'), message: 'a team goal needs target and actual, or met' });
  return problems;
}

interface TeamGoalRow {
  team_id: string;
  period: string;
  target: number | null;
  actual: number | null;
  met: boolean | null;
}

interface PersonResultRow {
  employee_id: string;
  period: string;
  target: number;
  actual: number;
}

/** Stores every goal and result in one transaction (a period's row is replaced). */
async function storeGoals(access: Access, teamRows: TeamGoalRow[], personRows: PersonResultRow[]): Promise<void> {
  await access.db.transaction().execute(async (trx) => {
    for (const row of teamRows)
      await trx
        .insertInto('team_goals')
        .values({ tenant_id: access.tenantId, ...row })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'team_id', 'period']).doUpdateSet({
            target: row.target,
            actual: row.actual,
            met: row.met,
            updated_at: new Date(),
          }),
        )
        .execute();
    for (const row of personRows)
      await trx
        .insertInto('individual_results')
        .values({ tenant_id: access.tenantId, ...row })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'employee_id', 'period'])
            .doUpdateSet({ target: row.target, actual: row.actual, updated_at: new Date() }),
        )
        .execute();
  });
}
