// How well high-risk flags foretold departures, from stored history only (pure; the app layer loads it).
//
// An alert is the first day of a run of high days (what the alert planner escalates on). At horizon H:
//   precision = alerts followed by the person's departure within H days / alerts whose outcome is known (they led to a
//               departure within H days, or H days have passed since); alerts younger than H with no departure yet are
//               pending and left out;
//   recall    = leavers with a high day in the H days before they left / leavers scored at least once in those H days.
// Lead time is counted from a caught leaver's first high day in the 90 days before they left to the departure day.
import { daysBetween } from '../time.js';

export interface ScoredDay {
  day: string;
  /** Risk score recomputed with the rules under study (for threshold suggestions). */
  score: number;
  /** Whether the day was flagged high (stored level, or score ≥ a candidate threshold). */
  high: boolean;
  /** Rules that fired on the day. */
  rules: readonly string[];
}

export interface PersonHistory {
  id: string;
  /** Tenant-local day the person left, or null for stayers. */
  leftOn: string | null;
  /** Scored days, ascending. Days on or after leftOn are ignored. */
  days: readonly ScoredDay[];
}

export interface HorizonFigures {
  horizonDays: number;
  alerts: number;
  truePositives: number;
  falsePositives: number;
  pending: number;
  /** null when no alert's outcome is known yet. */
  precision: number | null;
  leavers: number;
  caught: number;
  /** null when no leaver was scored in the horizon before leaving. */
  recall: number | null;
}

export interface RuleFrequency {
  rule: string;
  /** Share of leavers' scored days in the 90 days before leaving on which the rule fired. */
  leaverShare: number;
  /** Share of stayers' scored days on which it fired. */
  stayerShare: number;
}

export interface AccuracyFigures {
  asOf: string;
  horizons: HorizonFigures[];
  leadTimeDays: { caught: number; median: number | null; mean: number | null; values: number[] };
  rules: RuleFrequency[];
}

export const HORIZONS = [30, 60, 90] as const;
const LEAD_WINDOW = 90;

const before = (p: PersonHistory) => p.days.filter((d) => p.leftOn === null || d.day < p.leftOn);

/** First days of runs of high days (consecutive in the person's scored days). */
export function alertDays(days: readonly ScoredDay[]): string[] {
  const starts: string[] = [];
  let previousHigh = false;
  for (const d of days) {
    if (d.high && !previousHigh) starts.push(d.day);
    previousHigh = d.high;
  }
  return starts;
}

export function horizonFigures(people: readonly PersonHistory[], asOf: string, horizon: number): HorizonFigures {
  let tp = 0;
  let fp = 0;
  let pending = 0;
  let leavers = 0;
  let caught = 0;
  for (const person of people) {
    const days = before(person);
    for (const start of alertDays(days)) {
      const leftWithin = person.leftOn !== null && daysBetween(start, person.leftOn) <= horizon;
      if (leftWithin) tp += 1;
      else if (daysBetween(start, asOf) >= horizon || person.leftOn !== null) fp += 1;
      else pending += 1;
    }
    if (person.leftOn !== null) {
      const inWindow = days.filter((d) => daysBetween(d.day, person.leftOn!) <= horizon);
      if (inWindow.length === 0) continue;
      leavers += 1;
      if (inWindow.some((d) => d.high)) caught += 1;
    }
  }
  return {
    horizonDays: horizon,
    alerts: tp + fp + pending,
    truePositives: tp,
    falsePositives: fp,
    pending,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    leavers,
    caught,
    recall: leavers > 0 ? caught / leavers : null,
  };
}

export function leadTimes(people: readonly PersonHistory[]): number[] {
  const out: number[] = [];
  for (const person of people) {
    if (person.leftOn === null) continue;
    const first = before(person).find((d) => d.high && daysBetween(d.day, person.leftOn!) <= LEAD_WINDOW);
    if (first) out.push(daysBetween(first.day, person.leftOn));
  }
  return out.sort((a, b) => a - b);
}

export function ruleFrequencies(people: readonly PersonHistory[]): RuleFrequency[] {
  const count = (days: ScoredDay[]) => {
    const byRule = new Map<string, number>();
    for (const d of days) for (const r of new Set(d.rules)) byRule.set(r, (byRule.get(r) ?? 0) + 1);
    return { byRule, total: days.length };
  };
  const leaverDays = people
    .filter((p) => p.leftOn !== null)
    .flatMap((p) => before(p).filter((d) => daysBetween(d.day, p.leftOn!) <= LEAD_WINDOW));
  const stayerDays = people.filter((p) => p.leftOn === null).flatMap((p) => [...p.days]);
  const leavers = count(leaverDays);
  const stayers = count(stayerDays);
  const rules = new Set([...leavers.byRule.keys(), ...stayers.byRule.keys()]);
  const share = (c: { byRule: Map<string, number>; total: number }, rule: string) =>
    c.total > 0 ? round((c.byRule.get(rule) ?? 0) / c.total) : 0;
  return [...rules]
    .map((rule) => ({ rule, leaverShare: share(leavers, rule), stayerShare: share(stayers, rule) }))
    .sort((a, b) => b.leaverShare - a.leaverShare || a.stayerShare - b.stayerShare || a.rule.localeCompare(b.rule));
}

export function accuracyFigures(people: readonly PersonHistory[], asOf: string): AccuracyFigures {
  const values = leadTimes(people);
  const mean = values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null;
  const median =
    values.length === 0
      ? null
      : values.length % 2
        ? values[(values.length - 1) / 2]!
        : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2;
  return {
    asOf,
    horizons: HORIZONS.map((h) => horizonFigures(people, asOf, h)),
    leadTimeDays: { caught: values.length, median, mean, values },
    rules: ruleFrequencies(people),
  };
}

export interface ThresholdCandidate {
  high: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface ThresholdSuggestion {
  current: number;
  /** The best candidate by F1 at `horizonDays`; equals current when nothing beats it. */
  suggested: number;
  horizonDays: number;
  candidates: ThresholdCandidate[];
}

/**
 * Re-flags the history at each candidate high threshold (score ≥ threshold) and picks the best F1 at the horizon;
 * a change is only suggested when it is strictly better than the current threshold.
 */
export function suggestThreshold(
  people: readonly PersonHistory[],
  asOf: string,
  current: number,
  horizonDays = 60,
  candidates: readonly number[] = [50, 55, 60, 65, 70, 75, 80, 85, 90],
): ThresholdSuggestion {
  const all = [...new Set([current, ...candidates])].sort((a, b) => a - b);
  const rows = all.map((high): ThresholdCandidate => {
    const reflagged = people.map((p) => ({ ...p, days: p.days.map((d) => ({ ...d, high: d.score >= high })) }));
    const f = horizonFigures(reflagged, asOf, horizonDays);
    const f1 =
      f.precision !== null && f.recall !== null && f.precision + f.recall > 0
        ? round((2 * f.precision * f.recall) / (f.precision + f.recall))
        : null;
    return {
      high,
      precision: f.precision === null ? null : round(f.precision),
      recall: f.recall === null ? null : round(f.recall),
      f1,
    };
  });
  const currentF1 = rows.find((r) => r.high === current)?.f1 ?? null;
  // The best F1; among equals the candidate nearest the current threshold (the smallest change that does as well).
  const ranked = rows
    .filter((r) => r.f1 !== null)
    .sort((a, b) => b.f1! - a.f1! || Math.abs(a.high - current) - Math.abs(b.high - current) || b.high - a.high);
  const top = ranked[0];
  const best = top && (currentF1 === null || top.f1! > currentF1 + 1e-9) ? top.high : current;
  return { current, suggested: best, horizonDays, candidates: rows };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
