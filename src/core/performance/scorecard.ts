// The performance scorecard of seed §2: individual results plus a team-collaboration component — helping colleagues
// 10%, team projects 15%, resource sharing 5% (30% in all) — and the rest on individual results, whose weight is
// multiplied by 1.10 when the team met its goal for the period and by 0.95 when it missed (all editable). The total is
// Σ weight × component (components 0–100, an individual result as its attainment %); the multiplier is applied as
// the seed states it, so a met team goal raises the total rather than being renormalised away.

export interface WeightSet {
  helping: number;
  projects: number;
  resources: number;
  metMultiplier: number;
  missedMultiplier: number;
}

export type WeightKey = keyof WeightSet;
export const WEIGHT_KEYS: readonly WeightKey[] = [
  'helping',
  'projects',
  'resources',
  'metMultiplier',
  'missedMultiplier',
];

export const DEFAULT_WEIGHTS: WeightSet = {
  helping: 0.1,
  projects: 0.15,
  resources: 0.05,
  metMultiplier: 1.1,
  missedMultiplier: 0.95,
};

/** Where a weight came from: the seed default, or the override version that set it (tenant, team or person). */
export interface WeightSource {
  level: 'default' | 'tenant' | 'team' | 'employee';
  version: number | null;
  /** The team's or person's name for team/employee overrides. */
  subject?: string;
}

export interface WeightOverride {
  level: 'tenant' | 'team' | 'employee';
  version: number;
  subject?: string;
  weights: Partial<WeightSet>;
}

export type ResolvedWeights = { [K in WeightKey]: { value: number; source: WeightSource } };

/** Default ← tenant ← team ← person: the most specific override of each weight wins. */
export function resolveWeights(overrides: readonly WeightOverride[]): ResolvedWeights {
  const order = { tenant: 0, team: 1, employee: 2 } as const;
  const out = Object.fromEntries(
    WEIGHT_KEYS.map((k) => [k, { value: DEFAULT_WEIGHTS[k], source: { level: 'default', version: null } }]),
  ) as ResolvedWeights;
  for (const o of [...overrides].sort((a, b) => order[a.level] - order[b.level] || a.version - b.version)) {
    for (const k of WEIGHT_KEYS) {
      const value = o.weights[k];
      if (value === undefined) continue;
      out[k] = {
        value,
        source: { level: o.level, version: o.version, ...(o.subject !== undefined ? { subject: o.subject } : {}) },
      };
    }
  }
  return out;
}

/** Problems with a (partial) weight set, by key: shares in [0, 1] summing to at most 1, multipliers in [0.5, 2]. */
export function weightProblems(weights: Partial<WeightSet>, merged?: WeightSet): { key: string; message: string }[] {
  const problems: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(weights)) {
    if (!(WEIGHT_KEYS as readonly string[]).includes(key)) {
      problems.push({ key, message: `unknown weight (use ${WEIGHT_KEYS.join(', ')})` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ key, message: 'must be a number' });
    else if (key.endsWith('Multiplier') && (value < 0.5 || value > 2))
      problems.push({ key, message: 'must be between 0.5 and 2' });
    else if (!key.endsWith('Multiplier') && (value < 0 || value > 1))
      problems.push({ key, message: 'must be a share between 0 and 1 (0.25 = 25%)' });
  }
  if (merged && merged.helping + merged.projects + merged.resources > 1 + 1e-9)
    problems.push({ key: 'helping', message: 'helping + projects + resources must not exceed 1 (100%)' });
  return problems;
}

export interface ScorecardInputs {
  /** Individual attainment in % (actual ÷ target × 100); null when no result was recorded for the period. */
  individual: number | null;
  /** Collaboration parts 0–100. */
  helping: number;
  projects: number;
  resources: number;
  /** The team met its goal (true), missed it (false), or no goal was recorded (null: multiplier 1). */
  teamMet: boolean | null;
}

export interface ScorecardComponent {
  key: 'individual' | 'helping' | 'projects' | 'resources';
  value: number | null;
  /** The weight applied (for `individual`: the base weight × the team multiplier). */
  weight: number;
  /** Weight × value (score points); null without a value. */
  points: number | null;
  source: WeightSource;
  /** For `individual`: the base share (1 − collaboration) and the multiplier and where it came from. */
  baseWeight?: number;
  multiplier?: number;
  multiplierSource?: WeightSource;
}

export interface ScorecardResult {
  components: ScorecardComponent[];
  collaborationWeight: number;
  /** Σ points; null when the individual result is missing. */
  total: number | null;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const r1 = (x: number) => Math.round(x * 10) / 10;

export function computeScorecard(inputs: ScorecardInputs, weights: ResolvedWeights): ScorecardResult {
  const collaborationWeight = r4(weights.helping.value + weights.projects.value + weights.resources.value);
  const baseWeight = r4(1 - collaborationWeight);
  const multiplierKey =
    inputs.teamMet === true ? 'metMultiplier' : inputs.teamMet === false ? 'missedMultiplier' : null;
  const multiplier = multiplierKey ? weights[multiplierKey].value : 1;
  const individualWeight = r4(baseWeight * multiplier);
  const part = (key: 'helping' | 'projects' | 'resources'): ScorecardComponent => ({
    key,
    value: r1(inputs[key]),
    weight: weights[key].value,
    points: r1(weights[key].value * inputs[key]),
    source: weights[key].source,
  });
  const individual: ScorecardComponent = {
    key: 'individual',
    value: inputs.individual === null ? null : r1(inputs.individual),
    weight: individualWeight,
    points: inputs.individual === null ? null : r1(individualWeight * inputs.individual),
    source: multiplierKey ? weights[multiplierKey].source : { level: 'default', version: null },
    baseWeight,
    multiplier,
    ...(multiplierKey ? { multiplierSource: weights[multiplierKey].source } : {}),
  };
  const components = [individual, part('helping'), part('projects'), part('resources')];
  const total =
    inputs.individual === null
      ? null
      : r1(individualWeight * inputs.individual + components.slice(1).reduce((a, c) => a + c.weight * c.value!, 0));
  return { components, collaborationWeight, total };
}

/** '2026-11' (a month) or '2026-Q4' (a quarter) → its first and last day; undefined when not a period. */
export function periodDays(period: string): { from: string; to: string; unit: 'month' | 'quarter' } | undefined {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!month && !quarter) return undefined;
  const year = Number((month ?? quarter)![1]);
  if (year < 1900 || year > 2200) return undefined;
  const firstMonth = month ? Number(month[2]) : (Number(quarter![2]) - 1) * 3 + 1;
  const lastMonth = month ? firstMonth : firstMonth + 2;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
    unit: month ? 'month' : 'quarter',
  };
}

/** The months of a quarter ('2026-Q4' → 2026-10, 2026-11, 2026-12); a month is its own only member. */
export function monthsOf(period: string): string[] {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return [period];
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, '0')}`);
}

/** The quarter a month belongs to ('2026-11' → '2026-Q4'). */
export const quarterOf = (month: string): string =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
