// The score run: for each tenant (or one), page through active employees, compute rates per expected working day of
// the tenant's calendar from SQL-aggregated window sums, build team references, score every person and team with the
// tenant's current rule set, and store the whole tenant-day in one transaction with its scoring_runs row — a run
// killed midway leaves no partial day for the next day to compare with — then call afterTenantScored (alerts).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../storage/database.js';
import { addDays, localDay } from '../../core/time.js';
import {
  DEFAULT_WINDOW,
  scoringDays,
  scoringWindow,
  type CoverageDays,
  type ScoringWindowOptions,
} from '../../core/scoring/index.js';
import { tenantCalendar } from '../calendar/tenant-calendar.js';
import { ensureLeavesSpread } from '../signals/leave-spread.js';
import { surveyScoringInputs } from '../surveys/scoring-inputs.js';
import {
  countActiveEmployees,
  createWindowAggregates,
  loadCoverageDays,
  loadInteractingPairs,
  loadRecentDepartures,
  refreshDayStatistics,
  type Departure,
} from '../../storage/repositories/scoring-inputs.js';
import { loadCurrentRuleSet, upsertEmployeeScores } from '../../storage/repositories/scores.js';
import { storeTenantDay, type TenantDay } from './tenant-day.js';
import { loadTenantRates } from './tenant-rates.js';

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
  // A tenant older than leave spreading gets its leaves spread once, before anything reads its rollups.
  await ensureLeavesSpread(db, tenant.id);
  const ruleSet = await loadCurrentRuleSet(db, tenant.id);
  const calendar = await tenantCalendar(db, tenant.id, window.baselineStart, asOf);
  const coverage = (await loadCoverageDays(db, tenant.id, window.baselineStart, asOf)) as CoverageDays;
  const days = scoringDays(window, calendar, coverage);
  const total = await countActiveEmployees(db, tenant.id);
  const departures = await loadRecentDepartures(db, tenant.id, asOf);
  const departedOn = new Map(departures.map((d) => [d.id, d.leftOn]));

  // Pass 1: one GROUP BY into a work table, then per-person rates and team references a page at a time.
  const started = Date.now();
  await refreshDayStatistics(db, 'daily_rollups', 'day', window.recentStart);
  const table = await createWindowAggregates(db, {
    tenantId: tenant.id,
    baselineStart: window.baselineStart,
    recentStart: window.recentStart,
    asOf,
  });
  const aggregatedAt = Date.now();
  const pageSize = deps.pageSize ?? 2000;
  const rates = await loadTenantRates(db, { tenantId: tenant.id, table, asOf, pageSize, total, days, departedOn });
  const loadedAt = Date.now();
  const pairs = await loadInteractingPairs(db, tenant.id, window.recentStart, asOf);
  // Survey participation per person and team survey averages (only where enough people answered).
  const surveys = await surveyScoringInputs(db, tenant.id, asOf);

  const summary = emptySummary(tenant, asOf, ruleSet.version, {
    employees: rates.people.length,
    aggregateMs: aggregatedAt - started,
    loadMs: loadedAt - aggregatedAt,
  });
  // Pass 2: score and store, all in one transaction with the day's team scores and its scoring_runs row.
  const day: TenantDay = {
    ...rates,
    tenant,
    asOf,
    window,
    ruleSet,
    coverage,
    departuresByTeam: groupByTeam(departures),
    pairs,
    surveys,
    total,
    writeBatch: deps.writeBatch ?? WRITE_BATCH,
    writeScores: deps.writeEmployeeScores ?? upsertEmployeeScores,
    onProgress,
    startedAt,
    loadedAt,
    summary,
  };
  await db.transaction().execute((trx) => storeTenantDay(trx, day));
  // The day's scores were bulk-loaded: the alert planner's reads of them should not wait for autovacuum.
  await refreshDayStatistics(db, 'employee_scores', 'as_of', asOf);
  return summary;
}

function emptySummary(
  tenant: { id: string; slug: string },
  asOf: string,
  ruleVersion: number,
  pass1: { employees: number; aggregateMs: number; loadMs: number },
): TenantScoringSummary {
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    asOf,
    ruleVersion,
    employees: pass1.employees,
    scored: 0,
    insufficientHistory: 0,
    noData: 0,
    levels: { low: 0, medium: 0, high: 0 },
    teams: { positive: 0, neutral: 0, negative: 0, unscored: 0 },
    timings: { aggregateMs: pass1.aggregateMs, loadMs: pass1.loadMs, scoreMs: 0, writeMs: 0, teamsMs: 0 },
  };
}

function groupByTeam(departures: readonly Departure[]): Map<string, Departure[]> {
  const byTeam = new Map<string, Departure[]>();
  for (const d of departures) if (d.teamId) byTeam.set(d.teamId, [...(byTeam.get(d.teamId) ?? []), d]);
  return byTeam;
}

const WRITE_BATCH = 1000;
