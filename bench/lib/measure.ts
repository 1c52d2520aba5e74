// Honest measurement helpers shared by the benches: interleaved repeats with medians (the machine is shared, its
// load drifts; a variant and its baseline are measured turn about, and the order flips each round so neither
// always runs on a warmer cache), and targets a run can be checked against (`npm run bench -- --check`).

export interface Target {
  /** P2, P3, P4, … (issue 18). */
  id: string;
  what: string;
  goal: string;
  measured: string;
  met: boolean;
}

const targets: Target[] = [];

/** Records (and prints) a target's outcome; bench/run.ts collects them for `--check`. */
export function target(t: Target): void {
  targets.push(t);
  console.log(`  target ${t.id} ${t.met ? 'MET   ' : 'MISSED'} ${t.what}: ${t.measured} (goal ${t.goal})`);
}

export function recordedTargets(): readonly Target[] {
  return targets;
}

export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs every case `rounds` times, interleaved (round 1: a, b; round 2: b, a; …), each returning its own measured
 * milliseconds (setup excluded by the case itself). Returns the samples and medians per case.
 */
export async function interleaved<K extends string>(
  cases: Record<K, () => Promise<number>>,
  rounds = ROUNDS,
): Promise<Record<K, { samples: number[]; median: number }>> {
  const names = Object.keys(cases) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(await cases[name]());
  }
  return Object.fromEntries(names.map((n) => [n, { samples: samples[n], median: median(samples[n]) }])) as Record<
    K,
    { samples: number[]; median: number }
  >;
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const list = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join(' / ');

/** The 1-minute load average now (other agents share this machine; say so next to the figures). */
export async function loadAverage(): Promise<string> {
  const { loadavg } = await import('node:os');
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}
