// A small seeded PRNG (mulberry32): the synthetic organisation must be identical for the same seed on every machine.
export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A non-negative integer with mean `rate` and a little spread (stochastic rounding of a jittered rate). */
export function draw(random: Random, rate: number): number {
  if (rate <= 0) return 0;
  return Math.floor(rate * (0.75 + 0.5 * random()) + random());
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length) % items.length]!;
}
