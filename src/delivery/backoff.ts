// Retry timing: exponential backoff with jitter, never sooner than the platform's Retry-After.

export interface BackoffPolicy {
  /** Delay before the second attempt (before jitter). */
  baseMs: number;
  /** Ceiling for any single delay (Retry-After may exceed it: the platform knows best). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 30 * 60_000 };

/**
 * Delay after failed attempt number `attempt` (1-based): "equal jitter" — half the exponential delay fixed,
 * half random — so replicas that failed together do not retry together, yet the delay still grows.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
