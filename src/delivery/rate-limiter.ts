// Per-platform send limiter: sliding-window logs per key (app, conversation or recipient), exact for
// "at most N in any window of W ms". A reservation never lands before an earlier one for the same key, so
// the logs stay sorted and the check is a single index lookup. In-process only (see docs/platform-adapters.md).
import type { ConversationRef, RateLimitRule } from '../core/platform.js';

export type Reservation = { ok: true; at: number } | { ok: false; retryAt: number };

export class RateLimiter {
  private readonly logs = new Map<string, number[]>();

  constructor(private readonly rules: readonly RateLimitRule[]) {}

  get unlimited(): boolean {
    return this.rules.length === 0;
  }

  /**
   * Reserves the earliest send slot at or after `now` for a message to `to`. If that slot is more than
   * `maxDelayMs` away nothing is reserved and the caller should try again at `retryAt`.
   */
  reserve(to: ConversationRef, now: number, maxDelayMs: number): Reservation {
    if (this.rules.length === 0) return { ok: true, at: now };
    const keyed = this.rules.map((rule, index) => ({ rule, key: `${index}:${keyOf(rule, to)}` }));
    let at = now;
    // Each rule may push the slot later; repeat until every rule accepts it (converges: `at` only grows).
    for (let changed = true; changed; ) {
      changed = false;
      for (const { rule, key } of keyed) {
        const log = this.logs.get(key);
        if (!log || log.length === 0) continue;
        const last = log[log.length - 1]!;
        let earliest = Math.max(at, last);
        if (log.length >= rule.limit) earliest = Math.max(earliest, log[log.length - rule.limit]! + rule.windowMs);
        if (earliest > at) {
          at = earliest;
          changed = true;
        }
      }
    }
    if (at - now > maxDelayMs) return { ok: false, retryAt: at };
    for (const { rule, key } of keyed) {
      let log = this.logs.get(key);
      if (!log) this.logs.set(key, (log = []));
      log.push(at);
      // Forget what no window can see any more.
      const horizon = at - rule.windowMs;
      let drop = 0;
      while (drop < log.length - rule.limit && log[drop]! <= horizon) drop++;
      if (drop > 0) log.splice(0, drop);
    }
    return { ok: true, at };
  }
}

function keyOf(rule: RateLimitRule, to: ConversationRef): string {
  switch (rule.scope) {
    case 'app':
      return 'app';
    case 'conversation':
      return `c:${to.conversationId}`;
    case 'recipient':
      return `r:${to.userId ?? to.conversationId}`;
  }
}
