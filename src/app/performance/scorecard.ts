// A person's scorecard for a period: their individual result (attainment of the period, or of its months summed for
// a quarter), the collaboration parts from the signals of the period (helping, team projects, resource sharing as
// weekly rates per working week of the tenant calendar against the collaboration score's targets), the team's goal
// for the period (or its quarter), and the weights in force with where each came from. Reading one is audited.
import { sql } from 'kysely';
import { COLLABORATION_PARTS } from '../../core/scoring/collaboration.js';
import {
  computeScorecard,
  monthsOf,
  periodDays,
  quarterOf,
  resolveWeights,
  type ScorecardResult,
  type ResolvedWeights,
} from '../../core/performance/index.js';
import { addDays, localDay } from '../../core/time.js';
import type { Db } from '../../storage/database.js';
import type { Access } from '../access/index.js';
import { tenantCalendar } from '../calendar/index.js';
import { InvalidInputError } from '../errors.js';
import { overridesFor } from './weights.js';

export interface Scorecard extends ScorecardResult {
  employee: { id: string; externalId: string; name: string };
  team: { id: string; name: string } | null;
  period: string;
  from: string;
  /** The last day counted (today's yesterday for a period still running). */
  to: string;
  individualResult: { target: number; actual: number; attainmentPct: number } | null;
  teamGoal: { period: string; target: number | null; actual: number | null; met: boolean } | null;
  collaboration: { helpsGiven: number; teamProjects: number; resourceShares: number; workingWeeks: number };
  weights: ResolvedWeights;
}

const TARGET = Object.fromEntries(COLLABORATION_PARTS.map((p) => [p.metric, p.perWeekTarget])) as Record<
  string,
  number
>;

export async function readScorecard(
  access: Access,
  ref: string,
  options: { period: string; now: Date },
): Promise<Scorecard> {
  access.require('scorecards.read');
  const days = periodDays(options.period);
  if (!days)
    throw new InvalidInputError('invalid period', [
      { path: '/period', message: 'must be a month YYYY-MM or a quarter YYYY-Qn' },
    ]);
  const person = await access.person(ref, 'risk');
  const { db, tenantId } = access;
  const tenant = await access.tenant();
  const yesterday = addDays(localDay(options.now, tenant.timezone), -1);
  const to = days.to < yesterday ? days.to : yesterday;

  const individualResult = await individualResultOf(db, tenantId, person.id, options.period);
  const { team, teamGoal } = person.team_id
    ? await teamGoalOf(db, tenantId, person.team_id, options.period, days.unit)
    : { team: null, teamGoal: null };
  const { sums, weeks } = await collaborationOf(db, tenantId, person.id, days, to);
  const part = (sum: number, metric: string) => (weeks > 0 ? Math.min(100, (100 * sum) / weeks / TARGET[metric]!) : 0);

  const weights = resolveWeights(await overridesFor(db, tenantId, person));
  const result = computeScorecard(
    {
      individual: individualResult?.attainmentPct ?? null,
      helping: part(sums.helps, 'helps_given'),
      projects: part(sums.projects, 'team_projects'),
      resources: part(sums.shares, 'resource_shares'),
      teamMet: teamGoal?.met ?? null,
    },
    weights,
  );
  await access.audit('scorecard.read', { type: 'employee', id: person.id }, { period: options.period });
  return {
    employee: { id: person.id, externalId: person.external_id, name: person.display_name },
    team,
    period: options.period,
    from: days.from,
    to,
    individualResult,
    teamGoal,
    collaboration: {
      helpsGiven: sums.helps,
      teamProjects: sums.projects,
      resourceShares: sums.shares,
      workingWeeks: Math.round(weeks * 10) / 10,
    },
    weights,
    ...result,
  };
}

/** The person's own result of the period: the period's row, or else the sum of its months' rows. */
async function individualResultOf(
  db: Db,
  tenantId: string,
  employeeId: string,
  period: string,
): Promise<Scorecard['individualResult']> {
  const results = await db
    .selectFrom('individual_results')
    .select(['period', 'target', 'actual'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('period', 'in', [...new Set([period, ...monthsOf(period)])])
    .execute();
  const exact = results.find((r) => r.period === period);
  const used = exact ? [exact] : results;
  const target = used.reduce((a, r) => a + r.target, 0);
  const actual = used.reduce((a, r) => a + r.actual, 0);
  return used.length > 0 && target > 0
    ? { target, actual, attainmentPct: Math.round((1000 * actual) / target) / 10 }
    : null;
}

/** The person's team and its goal of the period (a month falls back to its quarter's goal). */
async function teamGoalOf(
  db: Db,
  tenantId: string,
  teamId: string,
  period: string,
  unit: 'month' | 'quarter',
): Promise<{ team: Scorecard['team']; teamGoal: Scorecard['teamGoal'] }> {
  const teamRow = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  const team = teamRow ? { id: teamRow.id, name: teamRow.name } : null;
  const periods = unit === 'month' ? [period, quarterOf(period)] : [period];
  const goals = await db
    .selectFrom('team_goals')
    .select(['period', 'target', 'actual', 'met'])
    .where('tenant_id', '=', tenantId)
    .where('team_id', '=', teamId)
    .where('period', 'in', periods)
    .execute();
  const goal = periods.map((p) => goals.find((g) => g.period === p)).find((g) => g !== undefined);
  if (!goal) return { team, teamGoal: null };
  return {
    team,
    teamGoal: {
      period: goal.period,
      target: goal.target,
      actual: goal.actual,
      met: goal.met ?? (goal.actual ?? 0) >= (goal.target ?? Infinity),
    },
  };
}

/** Helps, projects and shares from the period's start to `to`, and the working weeks they are spread over. */
async function collaborationOf(
  db: Db,
  tenantId: string,
  employeeId: string,
  days: { from: string; to: string },
  to: string,
) {
  const sums =
    to < days.from
      ? { helps: 0, projects: 0, shares: 0 }
      : (
          await sql<{ helps: number; projects: number; shares: number }>`
            select coalesce(sum(helps_given), 0)::float8 as helps, coalesce(sum(team_projects), 0)::float8 as projects,
              coalesce(sum(resource_shares), 0)::float8 as shares
            from daily_rollups where tenant_id = ${tenantId} and employee_id = ${employeeId}
              and day >= ${days.from} and day <= ${to}`.execute(db)
        ).rows[0]!;
  const calendar = await tenantCalendar(db, tenantId, days.from, days.to);
  let working = 0;
  for (let d = days.from; d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) working += 1;
  return { sums, weeks: working / calendar.workingDaysPerWeek };
}
