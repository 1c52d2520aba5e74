// Features of one employee: the recent window against the person's own baseline, as per-week rates computed per
// *expected working day* of the tenant's calendar over exactly the span each sum covers (weekends, public holidays
// and days off are not expected; make-up working days are). Activity metrics leave out the person's own leave days.
// Messages flow daily, so they count only working days on which the platform delivered messages at all; a class
// with no delivery is null ("no data"), never a drop. Message drops are corrected for the team's own drop.
import { daysBetween } from '../time.js';
import type { ScoringWindow } from './window.js';
import type { Features, RollupMetric, SignalClass } from './types.js';
import { countOf, type PersonRates } from './rates.js';
import { LEAVE_WEIGHTS, pctChange, teamChange, teamLeaveRise, type TeamReference } from './team-reference.js';

export interface EmployeeContext {
  hireDate: string | null;
  managerLeftOn: string | null;
  managerChangedOn: string | null;
  peersLeft90d: number;
  /** Survey seam: share of pulse surveys answered, when the survey capability exists. */
  surveyParticipationPct?: number | null;
}

/** Numbers behind the features, kept for the reasons ("−60% vs your 6.7-week baseline; −50% after the team's −20%"). */
export interface FeatureDetail {
  teamMsgsRawChangePct: number | null;
  teamMsgsTeamChangePct: number | null;
  activityRawChangePct: number | null;
  activityTeamChangePct: number | null;
  helpsBaselinePerWeek: number | null;
  helpsRecentPerWeek: number | null;
  helpsRawChangePct: number | null;
  helpsTeamChangePct: number | null;
  /** Leave in the recent window and what the baseline rate predicts for its working days (weighted: by type). */
  personalLeaveDays: number | null;
  personalLeaveExpectedDays: number | null;
  weightedLeaveDays: number | null;
  weightedLeaveExpectedDays: number | null;
  collaborationBaseline: number | null;
  /** Expected working days of the recent window, and those the person was not on leave. */
  recentWorkingDays: number;
  recentAvailableDays: number;
  baselineWorkingDays: number;
  missing: SignalClass[];
}

const ACTIVITY: RollupMetric[] = ['msgs_team', 'msgs_dm', 'msgs_group', 'msgs_cross_team', 'thread_replies_to_others'];

const round1 = (value: number): number => Math.round(value * 10) / 10;
/** Weighted leave days per week below which a change is not a percentage (one sick day is not "+300%"). */
const LEAVE_FLOOR = 0.5;
/**
 * Leave is a rise only when the recent window holds at least this many (weighted) days more than the baseline rate
 * predicts for its working days: someone with one leave day every four weeks has 0 or 1 in a fortnight against 0.5
 * expected, which is no change — not "+100%" one fortnight and "−100%" the next.
 */
export const LEAVE_MIN_EXTRA_DAYS = 1;

/** Removes a team-wide drop from a person's change: (1 + p) / (1 + t) − 1, only when the team fell. */
export function adjustForTeamDrop(personPct: number, teamPct: number | null): number {
  if (teamPct === null || teamPct >= 0) return personPct;
  const team = Math.max(teamPct, -95);
  return ((1 + personPct / 100) / (1 + team / 100) - 1) * 100;
}

function sumOf(rates: Record<RollupMetric, number | null>, metrics: readonly RollupMetric[]): number | null {
  let total = 0;
  for (const metric of metrics) {
    const value = rates[metric];
    if (value === null) return null;
    total += value;
  }
  return total;
}

function weightedLeave(rates: Record<RollupMetric, number | null>): number | null {
  let total = 0;
  for (const [metric, weight] of Object.entries(LEAVE_WEIGHTS) as [RollupMetric, number][]) {
    const value = rates[metric];
    if (value === null) return null;
    total += value * weight;
  }
  return total;
}

/**
 * Change of a leave rate (per week) with the minimum absolute difference: the recent window's days must exceed what
 * the baseline rate predicts for its working days by LEAVE_MIN_EXTRA_DAYS, else 0.
 */
function leaveChange(recentRate: number, baselineRate: number, rates: PersonRates): number {
  const days = rates.recentDays.working;
  const extra = countOf(recentRate, rates.perWeek, days) - countOf(baselineRate, rates.perWeek, days);
  if (extra < LEAVE_MIN_EXTRA_DAYS - 1e-9) return 0;
  return pctChange(recentRate, baselineRate, LEAVE_FLOOR);
}

/** Share of tasks finished late, recent (with ≥ 3 tasks in the window's available days) and baseline (≥ 1 a week). */
function taskDelays(rates: PersonRates): { delayRecent: number | null; delayBaseline: number | null } {
  const { recent: r, baseline: b, perWeek } = rates;
  const tasksRecent = r.tasks_done === null || r.tasks_late === null ? null : r.tasks_done + r.tasks_late;
  const tasksBaseline = b.tasks_done === null || b.tasks_late === null ? null : b.tasks_done + b.tasks_late;
  return {
    delayRecent:
      tasksRecent !== null && countOf(tasksRecent, perWeek, rates.recentDays.available) >= 3
        ? r.tasks_late! / tasksRecent
        : null,
    delayBaseline: tasksBaseline !== null && tasksBaseline >= 1 ? b.tasks_late! / tasksBaseline : null,
  };
}

/** What the directory and surveys say about the person: tenure, a manager who left or changed, peers who left. */
function contextFeatures(
  context: EmployeeContext,
  asOf: string,
): Pick<
  Features,
  'survey_participation_pct' | 'tenure_months' | 'manager_left_days' | 'manager_changed_days' | 'peers_left_90d'
> {
  const withinDays = (day: string | null, limit: number): number | null => {
    if (day === null) return null;
    const days = daysBetween(day.slice(0, 10), asOf);
    return days >= 0 && days <= limit ? days : null;
  };
  return {
    survey_participation_pct: context.surveyParticipationPct ?? null,
    tenure_months: context.hireDate === null ? null : round1(daysBetween(context.hireDate, asOf) / 30.44),
    manager_left_days: withinDays(context.managerLeftOn, 90),
    manager_changed_days: withinDays(context.managerChangedOn, 90),
    peers_left_90d: context.peersLeft90d,
  };
}

export function computeFeatures(
  rates: PersonRates,
  team: TeamReference | null,
  context: EmployeeContext,
  window: ScoringWindow,
): { features: Features; detail: FeatureDetail } {
  const changes = measureChanges(rates, team);
  return { features: featuresOf(changes, rates, context, window), detail: detailOf(changes, rates) };
}

/** The person's changes before rounding: raw, the team's, and where it applies with the team's drop taken out. */
interface Changes {
  teamMsgsRaw: number | null;
  teamMsgsTeam: number | null;
  activityRaw: number | null;
  activityTeam: number | null;
  collaborators: number | null;
  helpsRecentRate: number | null;
  helpsBaseline: number | null;
  helpsRaw: number | null;
  helpsTeam: number | null;
  /** Weighted leave per week in the recent window without the team-wide wave's share (the team's, not the person's). */
  leaveRecentOwn: number | null;
  leaveBaseline: number | null;
  delayRecent: number | null;
  delayBaseline: number | null;
  crm: number | null;
}

function measureChanges(rates: PersonRates, team: TeamReference | null): Changes {
  const r = rates.recent;
  const b = rates.baseline;

  const teamMsgsTeam = r.msgs_team === null ? null : teamChange(team, rates, ['msgs_team'], 5);
  const teamMsgsRaw = r.msgs_team === null || b.msgs_team === null ? null : pctChange(r.msgs_team, b.msgs_team, 5);
  const activityRecent = sumOf(r, ACTIVITY);
  const activityBaseline = sumOf(b, ACTIVITY);
  const activityTeam = activityRecent === null ? null : teamChange(team, rates, ACTIVITY, 10);
  const activityRaw =
    activityRecent === null || activityBaseline === null ? null : pctChange(activityRecent, activityBaseline, 10);
  const collaborators =
    r.distinct_collaborators === null || b.distinct_collaborators === null
      ? null
      : adjustForTeamDrop(
          pctChange(r.distinct_collaborators, b.distinct_collaborators, 2),
          teamChange(team, rates, ['distinct_collaborators'], 2),
        );

  const helpsRecentRate = r.helps_given;
  const helpsBaseline = b.helps_given;
  const helpsRaw =
    helpsRecentRate === null || helpsBaseline === null ? null : pctChange(helpsRecentRate, helpsBaseline, 1);
  const helpsTeam = helpsRaw === null ? null : teamChange(team, rates, ['helps_given'], 1);
  const leaveRecent = weightedLeave(r);
  const leaveBaseline = weightedLeave(b);
  const leaveWave = leaveRecent === null ? 0 : teamLeaveRise(team, rates);
  const leaveRecentOwn = leaveRecent === null ? null : Math.max(0, leaveRecent - leaveWave);

  const { delayRecent, delayBaseline } = taskDelays(rates);
  const crm =
    r.crm_followups === null || b.crm_followups === null || (b.crm_followups < 2 && r.crm_followups < 2)
      ? null
      : pctChange(r.crm_followups, b.crm_followups, 2);
  return {
    teamMsgsRaw,
    teamMsgsTeam,
    activityRaw,
    activityTeam,
    collaborators,
    helpsRecentRate,
    helpsBaseline,
    helpsRaw,
    helpsTeam,
    leaveRecentOwn,
    leaveBaseline,
    delayRecent,
    delayBaseline,
    crm,
  };
}

function featuresOf(c: Changes, rates: PersonRates, context: EmployeeContext, window: ScoringWindow): Features {
  const r = rates.recent;
  const b = rates.baseline;
  const recentCount = (rate: number, days: number) => round1(countOf(rate, rates.perWeek, days));
  return {
    team_msgs_change_pct: c.teamMsgsRaw === null ? null : round1(adjustForTeamDrop(c.teamMsgsRaw, c.teamMsgsTeam)),
    activity_change_pct: c.activityRaw === null ? null : round1(adjustForTeamDrop(c.activityRaw, c.activityTeam)),
    collaborators_change_pct: c.collaborators === null ? null : round1(c.collaborators),
    // Per the window's nominal working days (10 in a Mon–Fri fortnight): a holiday or a leave does not lower it.
    helps_recent: c.helpsRecentRate === null ? null : round1((c.helpsRecentRate * window.recentDays) / 7),
    helps_per_week_baseline: c.helpsBaseline === null ? null : round1(c.helpsBaseline),
    helps_change_pct: c.helpsRaw === null ? null : round1(adjustForTeamDrop(c.helpsRaw, c.helpsTeam)),
    leave_change_pct:
      c.leaveRecentOwn === null || c.leaveBaseline === null
        ? null
        : round1(leaveChange(c.leaveRecentOwn, c.leaveBaseline, rates)),
    personal_leave_change_pct:
      r.leave_personal_days === null || b.leave_personal_days === null
        ? null
        : round1(leaveChange(r.leave_personal_days, b.leave_personal_days, rates)),
    leave_days_recent:
      r.leave_personal_days === null
        ? null
        : recentCount(
            r.leave_personal_days + r.leave_sick_days! + r.leave_annual_days! + r.leave_other_days!,
            rates.recentDays.working,
          ),
    unexcused_absences_recent:
      r.absences_unexcused === null ? null : recentCount(r.absences_unexcused, rates.recentDays.working),
    task_delay_rate: c.delayRecent === null ? null : Math.round(c.delayRecent * 100) / 100,
    task_delay_change_pts:
      c.delayRecent === null || c.delayBaseline === null ? null : round1((c.delayRecent - c.delayBaseline) * 100),
    crm_change_pct: c.crm === null ? null : round1(c.crm),
    ...contextFeatures(context, window.asOf),
    baseline_weeks: round1(rates.baselineWeeks),
  };
}

function detailOf(c: Changes, rates: PersonRates): FeatureDetail {
  const inRecent = (rate: number | null) =>
    rate === null ? null : round1(countOf(rate, rates.perWeek, rates.recentDays.working));
  return {
    teamMsgsRawChangePct: c.teamMsgsRaw === null ? null : round1(c.teamMsgsRaw),
    teamMsgsTeamChangePct: c.teamMsgsTeam === null ? null : round1(c.teamMsgsTeam),
    activityRawChangePct: c.activityRaw === null ? null : round1(c.activityRaw),
    activityTeamChangePct: c.activityTeam === null ? null : round1(c.activityTeam),
    helpsBaselinePerWeek: c.helpsBaseline === null ? null : round1(c.helpsBaseline),
    helpsRecentPerWeek: c.helpsRecentRate === null ? null : round1(c.helpsRecentRate),
    helpsRawChangePct: c.helpsRaw === null ? null : round1(c.helpsRaw),
    helpsTeamChangePct: c.helpsTeam === null ? null : round1(c.helpsTeam),
    personalLeaveDays: inRecent(rates.recent.leave_personal_days),
    personalLeaveExpectedDays: inRecent(rates.baseline.leave_personal_days),
    weightedLeaveDays: inRecent(c.leaveRecentOwn),
    weightedLeaveExpectedDays: inRecent(c.leaveBaseline),
    collaborationBaseline: null,
    recentWorkingDays: rates.recentDays.working,
    recentAvailableDays: round1(rates.recentDays.available),
    baselineWorkingDays: rates.baselineDays.working,
    missing: rates.missing,
  };
}
