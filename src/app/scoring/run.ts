// The score run: for each tenant (or one), page through active employees, compute rates per expected working day of
// the tenant's calendar from SQL-aggregated window sums, build team references, score every person and team with the
// tenant's current rule set, and store the whole tenant-day in one transaction with its scoring_runs row — a run
// killed midway leaves no partial day for the next day to compare with — then call afterTenantScored (alerts).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../storage/database.js';
import { addDays, localDay } from '../../core/time.js';
import {
  addToTeamReference,
  countOf,
  DEFAULT_WINDOW,
  emptyTeamReference,
  personRates,
  RatesStore,
  scoreEmployee,
  scoreTeam,
  scoringDays,
  scoringWindow,
  type CoverageDays,
  type ScoringWindowOptions,
  type TeamReference,
} from '../../core/scoring/index.js';
import { tenantCalendar } from '../calendar/tenant-calendar.js';
import { ensureLeavesSpread } from '../signals/leave-spread.js';
import { surveyScoringInputs } from '../surveys/scoring-inputs.js';
import {
  countActiveEmployees,
  createWindowAggregates,
  dropWindowAggregates,
  FIRST_UUID,
  loadCoverageDays,
  loadEmployeeAggregatesPage,
  loadInteractingPairs,
  loadRecentDepartures,
  refreshDayStatistics,
} from '../../storage/repositories/scoring-inputs.js';
import {
  loadCurrentRuleSet,
  upsertEmployeeScores,
  recordScoringRun,
  upsertTeamScores,
  type EmployeeScoreInsert,
} from '../../storage/repositories/scores.js';

export interface ScoringDeps {
  db: Kysely<Database>;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Clock for the default as-of day (yesterday in the tenant's timezone). */
  now?: () => Date;
  /** Called after a tenant's scores are stored (alerts engineer: planAlerts). Errors are logged, not rethrown. */
  afterTenantScored?: (tenantId: string, asOf: string) => Promise<void> | void;
  /** Employees per page (memory vs round trips). */
  pageSize?: number;
  /** Scores per INSERT. */
  writeBatch?: number;
  window?: ScoringWindowOptions;
  /** The writer of employee scores (tests inject one that fails midway). */
  writeEmployeeScores?: typeof upsertEmployeeScores;
}

export interface ScoringProgress {
  tenantId: string;
  tenantSlug: string;
  done: number;
  total: number;
}

export interface RunScoringOptions {
  tenantId?: string;
  /** 'YYYY-MM-DD'; undefined ⇒ yesterday in each tenant's timezone. */
  asOf?: string;
  onProgress?: (progress: ScoringProgress) => void;
}

export interface TenantScoringSummary {
  tenantId: string;
  tenantSlug: string;
  asOf: string;
  ruleVersion: number;
  employees: number;
  scored: number;
  insufficientHistory: number;
  /** People without any signal in the window (status no_data). */
  noData: number;
  levels: { low: number; medium: number; high: number };
  teams: { positive: number; neutral: number; negative: number; unscored: number };
  /** Where the time went (ms): scoreMs is the score-and-store phase; writeMs the part spent in writes (overlapped). */
  timings: { aggregateMs: number; loadMs: number; scoreMs: number; writeMs: number; teamsMs: number };
}

export interface ScoringSummary {
  tenants: TenantScoringSummary[];
}

interface Person {
  id: string;
  teamId: string | null;
  hireDate: string | null;
  managerId: string | null;
  managerLeftOn: string | null;
  managerChangedOn: string | null;
  /** Index into the tenant's RatesStore. */
  rates: number;
}

export async function runScoring(deps: ScoringDeps, options: RunScoringOptions = {}): Promise<ScoringSummary> {
  let query = deps.db.selectFrom('tenants').select(['id', 'slug', 'timezone']).orderBy('slug');
  if (options.tenantId) query = query.where('id', '=', options.tenantId);
  const tenants = await query.execute();
  const summaries: TenantScoringSummary[] = [];
  for (const tenant of tenants) {
    const asOf = options.asOf ?? addDays(localDay((deps.now ?? (() => new Date()))(), tenant.timezone), -1);
    const summary = await scoreTenant(deps, { id: tenant.id, slug: tenant.slug }, asOf, options.onProgress);
    summaries.push(summary);
    deps.logger?.info(
      {
        tenant: tenant.slug,
        asOf,
        ...summary.levels,
        insufficient: summary.insufficientHistory,
        noData: summary.noData,
      },
      'tenant scored',
    );
    if (deps.afterTenantScored) {
      try {
        await deps.afterTenantScored(tenant.id, asOf);
      } catch (error) {
        deps.logger?.error({ err: error, tenant: tenant.slug, asOf }, 'afterTenantScored failed');
      }
    }
  }
  return { tenants: summaries };
}

async function scoreTenant(
  deps: ScoringDeps,
  tenant: { id: string; slug: string },
  asOf: string,
  onProgress: RunScoringOptions['onProgress'],
): Promise<TenantScoringSummary> {
  const { db } = deps;
  const startedAt = new Date();
  const window = scoringWindow(asOf, deps.window ?? DEFAULT_WINDOW);
  const pageSize = deps.pageSize ?? 2000;
  const writeBatch = deps.writeBatch ?? WRITE_BATCH;
  const writeScores = deps.writeEmployeeScores ?? upsertEmployeeScores;
  // A tenant older than leave spreading gets its leaves spread once, before anything reads its rollups.
  await ensureLeavesSpread(db, tenant.id);
  const ruleSet = await loadCurrentRuleSet(db, tenant.id);
  const calendar = await tenantCalendar(db, tenant.id, window.baselineStart, asOf);
  const coverage = (await loadCoverageDays(db, tenant.id, window.baselineStart, asOf)) as CoverageDays;
  const days = scoringDays(window, calendar, coverage);
  const total = await countActiveEmployees(db, tenant.id);
  const departures = await loadRecentDepartures(db, tenant.id, asOf);
  const departedOn = new Map(departures.map((d) => [d.id, d.leftOn]));

  // Pass 1: one GROUP BY into a work table, then per-person rates (a few hundred bytes each) and team references,
  // a page of employees at a time. The rollup rows never leave the database.
  const started = Date.now();
  await refreshDayStatistics(db, 'daily_rollups', 'day', window.recentStart);
  const table = await createWindowAggregates(db, {
    tenantId: tenant.id,
    baselineStart: window.baselineStart,
    recentStart: window.recentStart,
    asOf,
  });
  const aggregatedAt = Date.now();
  const people: Person[] = [];
  const store = new RatesStore(total);
  const teams = new Map<string, TeamAccumulator>();
  let afterId = FIRST_UUID;
  try {
    for (;;) {
      const page = await loadEmployeeAggregatesPage(db, { tenantId: tenant.id, afterId, limit: pageSize, table, asOf });
      if (page.length === 0) break;
      for (const row of page) {
        const rates = personRates(
          { hireDate: row.hireDate, firstDataDay: row.firstDataDay, recent: row.recent, baseline: row.baseline },
          days,
        );
        people.push({
          id: row.id,
          teamId: row.teamId,
          hireDate: row.hireDate,
          managerId: row.managerId,
          managerLeftOn: row.managerId ? (departedOn.get(row.managerId) ?? null) : null,
          managerChangedOn: row.managerChangedOn,
          rates: store.push(rates),
        });
        if (row.teamId) {
          let team = teams.get(row.teamId);
          if (!team) {
            team = { reference: emptyTeamReference(), members: 0, helps: null, kudos: null, absences: null, weeks: 0 };
            teams.set(row.teamId, team);
          }
          team.members += 1;
          addToTeamReference(team.reference, rates);
          const add = (current: number | null, value: number | null) =>
            value === null ? current : (current ?? 0) + value;
          team.helps = add(team.helps, rates.recent.helps_given);
          team.kudos = add(team.kudos, rates.recent.kudos_given);
          // Absences as a count in the window (the driver says "3 absences in 14 days").
          const absences = rates.recent.absences_unexcused;
          team.absences = add(
            team.absences,
            absences === null ? null : countOf(absences, rates.perWeek, rates.recentDays.working),
          );
          if (rates.sufficient && rates.hasData) team.weeks = Math.max(team.weeks, rates.baselineWeeks);
        }
      }
      afterId = page[page.length - 1]!.id;
      if (page.length < pageSize) break;
    }
  } finally {
    await dropWindowAggregates(db, table);
  }
  const loadedAt = Date.now();
  const pairs = await loadInteractingPairs(db, tenant.id, window.recentStart, asOf);
  // Survey participation per person and team survey averages (only where enough people answered).
  const surveys = await surveyScoringInputs(db, tenant.id, asOf);

  const departuresByTeam = new Map<string, Departure[]>();
  for (const d of departures)
    if (d.teamId) departuresByTeam.set(d.teamId, [...(departuresByTeam.get(d.teamId) ?? []), d]);

  const summary: TenantScoringSummary = {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    asOf,
    ruleVersion: ruleSet.version,
    employees: people.length,
    scored: 0,
    insufficientHistory: 0,
    noData: 0,
    levels: { low: 0, medium: 0, high: 0 },
    teams: { positive: 0, neutral: 0, negative: 0, unscored: 0 },
    timings: {
      aggregateMs: aggregatedAt - started,
      loadMs: loadedAt - aggregatedAt,
      scoreMs: 0,
      writeMs: 0,
      teamsMs: 0,
    },
  };

  // Pass 2: score and store, all in one transaction with the day's team scores and its scoring_runs row.
  await db.transaction().execute(async (trx) => {
    // A rerun replaces the day whole (people who left since are not kept with a stale score).
    await trx.deleteFrom('employee_scores').where('tenant_id', '=', tenant.id).where('as_of', '=', asOf).execute();
    await trx.deleteFrom('team_scores').where('tenant_id', '=', tenant.id).where('as_of', '=', asOf).execute();
    let batch: EmployeeScoreInsert[] = [];
    let done = 0;
    // One write in flight while the next batch is scored (the database works while this process scores).
    let pending: Promise<void> = Promise.resolve();
    const flush = async (rows: EmployeeScoreInsert[]) => {
      await pending;
      if (rows.length === 0) return;
      const write = (async () => {
        const w = Date.now();
        await writeScores(trx, rows);
        summary.timings.writeMs += Date.now() - w;
        done += rows.length;
        onProgress?.({ tenantId: tenant.id, tenantSlug: tenant.slug, done, total });
      })();
      write.catch(() => undefined); // handled by the next await of `pending`
      pending = write;
    };
    for (const person of people) {
      const team = person.teamId ? (teams.get(person.teamId)?.reference ?? null) : null;
      const peersLeft = person.teamId
        ? (departuresByTeam.get(person.teamId) ?? []).filter((d) => d.id !== person.managerId && d.id !== person.id)
            .length
        : 0;
      const result = scoreEmployee(
        store.get(person.rates),
        team,
        {
          hireDate: person.hireDate,
          managerLeftOn: person.managerLeftOn,
          managerChangedOn: person.managerChangedOn,
          peersLeft90d: peersLeft,
          surveyParticipationPct: surveys.participationPct.get(person.id) ?? null,
        },
        window,
        ruleSet,
      );
      if (result.status === 'scored') {
        summary.scored += 1;
        if (result.riskLevel) summary.levels[result.riskLevel] += 1;
      } else if (result.status === 'no_data') summary.noData += 1;
      else summary.insufficientHistory += 1;
      batch.push({
        tenantId: tenant.id,
        employeeId: person.id,
        asOf,
        status: result.status,
        riskScore: result.riskScore,
        riskLevel: result.riskLevel,
        reasons: result.reasons,
        features: { ...result.features, detail: result.detail },
        collaborationScore: result.collaborationScore,
        collaborationComponents: result.collaborationComponents,
        ruleVersion: ruleSet.version,
      });
      if (batch.length >= writeBatch) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
    await pending;

    const scoredAt = Date.now();
    summary.timings.scoreMs = scoredAt - loadedAt;
    const teamRows = [];
    for (const [teamId, team] of teams) {
      const scored = scoreTeam(
        {
          memberCount: team.members,
          reference: team.reference,
          recentTotals: { helpsGiven: team.helps, kudosGiven: team.kudos, unexcusedAbsences: team.absences },
          interactingPairs: coverage.message?.length ? (pairs.get(teamId) ?? 0) : null,
          departures90d: departuresByTeam.get(teamId)?.length ?? 0,
          survey: surveys.teamSurvey.get(teamId) ?? null,
          recentDays: window.recentDays,
          baselineWeeks: Math.round(team.weeks * 10) / 10,
        },
        ruleSet.thresholds,
      );
      if (scored.tier) summary.teams[scored.tier] += 1;
      else summary.teams.unscored += 1;
      teamRows.push({
        tenantId: tenant.id,
        teamId,
        asOf,
        score: scored.score,
        tier: scored.tier,
        drivers: scored.drivers,
        memberCount: scored.memberCount,
      });
    }
    for (let i = 0; i < teamRows.length; i += 500) await upsertTeamScores(trx, teamRows.slice(i, i + 500));
    summary.timings.teamsMs = Date.now() - scoredAt;
    await recordScoringRun(trx, { tenantId: tenant.id, asOf, ruleVersion: ruleSet.version, startedAt, summary });
  });
  // The day's scores were bulk-loaded: the alert planner's reads of them should not wait for autovacuum.
  await refreshDayStatistics(db, 'employee_scores', 'as_of', asOf);
  return summary;
}

interface TeamAccumulator {
  reference: TeamReference;
  members: number;
  /** Per-week rates summed over members (densities). */
  helps: number | null;
  kudos: number | null;
  /** Unexcused absences in the recent window, summed over members. */
  absences: number | null;
  /** The longest baseline among scored members: the span the team's baseline covers. */
  weeks: number;
}

const WRITE_BATCH = 1000;

type Departure = Awaited<ReturnType<typeof loadRecentDepartures>>[number];
