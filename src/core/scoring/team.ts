// Team atmosphere 0–100 and its drivers: activity trend, help and kudos density, collaboration-network density,
// departures, unexcused absences, and survey averages only where at least 5 people answered (the survey seam).
import { teamTier } from './rules.js';
import { pctChange, type TeamReference } from './team-reference.js';
import type { Reason, TeamScore, Thresholds } from './types.js';

export interface TeamInput {
  /** Active members. */
  memberCount: number;
  /** Summed per-week rates of members with enough history (as for team adjustment). */
  reference: TeamReference;
  /**
   * Over all active members in the recent window: helps and kudos as summed per-week rates (densities), unexcused
   * absences as a count.
   */
  recentTotals: { helpsGiven: number | null; kudosGiven: number | null; unexcusedAbsences: number | null };
  /** Distinct unordered pairs of members who interacted in the recent window; null without message data. */
  interactingPairs: number | null;
  departures90d: number;
  /** Survey seam: averages (1–5) count only with ≥ 5 respondents. */
  survey?: { respondents: number; average: number } | null;
  recentDays: number;
  /** The longest baseline of the scored members, in weeks (the span the team's baseline covers). */
  baselineWeeks: number;
}

export const MIN_SURVEY_RESPONDENTS = 5;

const WEIGHTS = { activity: 0.3, helpKudos: 0.25, network: 0.2, departures: 0.15, absences: 0.1, survey: 0.2 } as const;
const ACTIVITY = ['msgs_team', 'msgs_dm', 'msgs_group', 'msgs_cross_team', 'thread_replies_to_others'] as const;

const clamp = (value: number) => Math.max(0, Math.min(100, value));
const round1 = (value: number) => Math.round(value * 10) / 10;

export function scoreTeam(input: TeamInput, thresholds: Thresholds): TeamScore {
  const parts: { code: string; weight: number; component: number; params: Record<string, number | string> }[] = [];
  const members = input.memberCount;
  if (members === 0) return { score: null, tier: null, drivers: [], memberCount: 0 };

  const ref = input.reference;
  const measured = ACTIVITY.filter((metric) => ref.counts[metric] > 0);
  if (measured.length > 0) {
    let recent = 0;
    let baseline = 0;
    for (const metric of measured) {
      recent += ref.recent[metric] / ref.counts[metric];
      baseline += ref.baseline[metric] / ref.counts[metric];
    }
    if (baseline > 0 || recent > 0) {
      const change = pctChange(recent, baseline, 10);
      parts.push({
        code: 'team_activity_change',
        weight: WEIGHTS.activity,
        component: clamp(85 + 1.25 * change),
        params: { change: round1(change), weeks: input.baselineWeeks },
      });
    }
  }
  const { helpsGiven, kudosGiven, unexcusedAbsences } = input.recentTotals;
  if (helpsGiven !== null || kudosGiven !== null) {
    const density = ((helpsGiven ?? 0) + (kudosGiven ?? 0)) / members;
    parts.push({
      code: 'help_kudos_density',
      weight: WEIGHTS.helpKudos,
      component: clamp((100 * density) / 3),
      params: { perWeek: round1(density) },
    });
  }
  if (input.interactingPairs !== null && members >= 2) {
    const density = input.interactingPairs / ((members * (members - 1)) / 2);
    parts.push({
      code: 'network_density',
      weight: WEIGHTS.network,
      component: clamp((100 * density) / 0.6),
      params: { pct: Math.round(density * 100) },
    });
  }
  const departureShare = input.departures90d / (members + input.departures90d);
  parts.push({
    code: 'departures',
    weight: WEIGHTS.departures,
    component: clamp(100 * (1 - departureShare / 0.25)),
    params: { count: input.departures90d, days: 90 },
  });
  if (unexcusedAbsences !== null) {
    const perMember = unexcusedAbsences / members;
    parts.push({
      code: 'unexcused_absences',
      weight: WEIGHTS.absences,
      component: clamp(100 * (1 - perMember / 0.5)),
      params: { count: Math.round(unexcusedAbsences), days: input.recentDays },
    });
  }
  if (input.survey && input.survey.respondents >= MIN_SURVEY_RESPONDENTS) {
    parts.push({
      code: 'survey_average',
      weight: WEIGHTS.survey,
      component: clamp(((input.survey.average - 1) / 4) * 100),
      params: { average: round1(input.survey.average), respondents: input.survey.respondents },
    });
  }

  const totalWeight = parts.reduce((a, p) => a + p.weight, 0);
  const score = Math.round(parts.reduce((a, p) => a + p.weight * p.component, 0) / totalWeight);
  // Biggest detractors first: the weighted distance from a perfect component.
  const drivers: Reason[] = parts
    .map((p) => ({
      code: p.code,
      params: p.params,
      contribution: round1((p.weight * p.component) / totalWeight),
      deficit: (p.weight * (100 - p.component)) / totalWeight,
    }))
    .sort((a, b) => b.deficit - a.deficit || a.code.localeCompare(b.code))
    .map(({ code, params, contribution }) => ({ code, params, contribution }));
  return { score, tier: teamTier(score, thresholds), drivers, memberCount: members };
}
