// Pass 2 of a tenant's score run, inside the one transaction that stores the day: replace the day's rows, score and
// write every person (one write in flight while the next batch is scored), then every team, then the scoring_runs
// row that marks the day complete.
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/database.js';
import {
  scoreEmployee,
  scoreTeam,
  type CoverageDays,
  type RuleSet,
  type ScoredEmployee,
  type ScoringWindow,
} from '../../core/scoring/index.js';
import type { SurveyScoringInputs } from '../surveys/scoring-inputs.js';
import type { Departure } from '../../storage/repositories/scoring-inputs.js';
import {
  recordScoringRun,
  upsertTeamScores,
  type EmployeeScoreInsert,
  type TeamScoreInsert,
  type upsertEmployeeScores,
} from '../../storage/repositories/scores.js';
import type { RunScoringOptions, TenantScoringSummary } from './run.js';
import type { Person, TenantRates } from './tenant-rates.js';

/** Everything pass 2 reads, and the summary it counts into. */
export interface TenantDay extends TenantRates {
  tenant: { id: string; slug: string };
  asOf: string;
  window: ScoringWindow;
  ruleSet: RuleSet;
  coverage: CoverageDays;
  departuresByTeam: ReadonlyMap<string, Departure[]>;
  pairs: ReadonlyMap<string, number>;
  surveys: SurveyScoringInputs;
  /** Active employees (the progress total). */
  total: number;
  writeBatch: number;
  writeScores: typeof upsertEmployeeScores;
  onProgress: RunScoringOptions['onProgress'];
  startedAt: Date;
  /** When pass 1 ended (Date.now()): scoreMs counts from here. */
  loadedAt: number;
  summary: TenantScoringSummary;
}

export async function storeTenantDay(trx: Transaction<Database>, day: TenantDay): Promise<void> {
  const { tenant, asOf, summary } = day;
  // A rerun replaces the day whole (people who left since are not kept with a stale score).
  await trx.deleteFrom('employee_scores').where('tenant_id', '=', tenant.id).where('as_of', '=', asOf).execute();
  await trx.deleteFrom('team_scores').where('tenant_id', '=', tenant.id).where('as_of', '=', asOf).execute();
  await scoreEmployees(trx, day);
  const scoredAt = Date.now();
  summary.timings.scoreMs = scoredAt - day.loadedAt;
  await scoreTeams(trx, day);
  summary.timings.teamsMs = Date.now() - scoredAt;
  await recordScoringRun(trx, {
    tenantId: tenant.id,
    asOf,
    ruleVersion: day.ruleSet.version,
    startedAt: day.startedAt,
    summary,
  });
}

async function scoreEmployees(trx: Transaction<Database>, day: TenantDay): Promise<void> {
  const { tenant, summary } = day;
  let done = 0;
  const writer = overlappedWriter(async (rows) => {
    const w = Date.now();
    await day.writeScores(trx, rows);
    summary.timings.writeMs += Date.now() - w;
    done += rows.length;
    day.onProgress?.({ tenantId: tenant.id, tenantSlug: tenant.slug, done, total: day.total });
  });
  let batch: EmployeeScoreInsert[] = [];
  for (const person of day.people) {
    const result = scorePerson(day, person);
    countEmployee(summary, result);
    batch.push(employeeScoreRow(day, person, result));
    if (batch.length >= day.writeBatch) {
      await writer.flush(batch);
      batch = [];
    }
  }
  await writer.flush(batch);
  await writer.pending();
}

/**
 * One write in flight while the next batch is scored (the database works while this process scores): flush waits
 * for the previous write (rethrowing its failure), then starts this one without waiting for it.
 */
function overlappedWriter(write: (rows: EmployeeScoreInsert[]) => Promise<void>) {
  let pending: Promise<void> = Promise.resolve();
  return {
    async flush(rows: EmployeeScoreInsert[]): Promise<void> {
      await pending;
      if (rows.length === 0) return;
      const started = write(rows);
      started.catch(() => undefined); // handled by the next await of `pending`
      pending = started;
    },
    pending: () => pending,
  };
}

function scorePerson(day: TenantDay, person: Person): ScoredEmployee {
  const team = person.teamId ? (day.teams.get(person.teamId)?.reference ?? null) : null;
  const peersLeft = person.teamId
    ? (day.departuresByTeam.get(person.teamId) ?? []).filter((d) => d.id !== person.managerId && d.id !== person.id)
        .length
    : 0;
  return scoreEmployee(
    day.store.get(person.rates),
    team,
    {
      hireDate: person.hireDate,
      managerLeftOn: person.managerLeftOn,
      managerChangedOn: person.managerChangedOn,
      peersLeft90d: peersLeft,
      surveyParticipationPct: day.surveys.participationPct.get(person.id) ?? null,
    },
    day.window,
    day.ruleSet,
  );
}

function countEmployee(summary: TenantScoringSummary, result: ScoredEmployee): void {
  if (result.status === 'scored') {
    summary.scored += 1;
    if (result.riskLevel) summary.levels[result.riskLevel] += 1;
  } else if (result.status === 'no_data') summary.noData += 1;
  else summary.insufficientHistory += 1;
}

function employeeScoreRow(day: TenantDay, person: Person, result: ScoredEmployee): EmployeeScoreInsert {
  return {
    tenant_id: day.tenant.id,
    employee_id: person.id,
    as_of: day.asOf,
    status: result.status,
    risk_score: result.riskScore,
    risk_level: result.riskLevel,
    reasons: result.reasons,
    features: { ...result.features, detail: result.detail },
    collaboration_score: result.collaborationScore,
    collaboration_components: result.collaborationComponents,
    rule_version: day.ruleSet.version,
  };
}

async function scoreTeams(trx: Transaction<Database>, day: TenantDay): Promise<void> {
  const { tenant, asOf, summary, surveys, window } = day;
  const teamRows: TeamScoreInsert[] = [];
  for (const [teamId, team] of day.teams) {
    const scored = scoreTeam(
      {
        memberCount: team.members,
        reference: team.reference,
        recentTotals: { helpsGiven: team.helps, kudosGiven: team.kudos, unexcusedAbsences: team.absences },
        interactingPairs: day.coverage.message?.length ? (day.pairs.get(teamId) ?? 0) : null,
        departures90d: day.departuresByTeam.get(teamId)?.length ?? 0,
        survey: surveys.teamSurvey.get(teamId) ?? null,
        recentDays: window.recentDays,
        baselineWeeks: Math.round(team.weeks * 10) / 10,
      },
      day.ruleSet.thresholds,
    );
    if (scored.tier) summary.teams[scored.tier] += 1;
    else summary.teams.unscored += 1;
    teamRows.push({
      tenant_id: tenant.id,
      team_id: teamId,
      as_of: asOf,
      score: scored.score,
      tier: scored.tier,
      drivers: scored.drivers,
      member_count: scored.memberCount,
    });
  }
  await upsertTeamScores(trx, teamRows);
}
