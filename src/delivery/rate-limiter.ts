// Per-platform send limiter: sliding-window logs per key (app, conversation or recipient), exact for
// "at most N sends in any window of W ms". A send is recorded only at the moment it is dispatched (never a
// future reservation), so a send that starts late can never squeeze the next one closer than the window.
// In-process only (see docs/platform-adapters.md).
import type { ConversationRef, RateLimitRule } from '../core/platform.js';

export type Acquisition = { ok: true } | { ok: false; retryAt: number };

export class RateLimiter {
  private readonly logs = new Map<string, number[]>();
  /** Keys the platform told us to leave alone until an instant (a 429 with Retry-After). */
  private readonly blocked = new Map<string, number>();

  /**
   * `safetyMarginMs` widens every window a little: the platform counts arrivals, and requests sent exactly one
   * window apart can arrive closer together after network jitter.
   */
  constructor(
    private readonly rules: readonly RateLimitRule[],
    private readonly safetyMarginMs = 25,
  ) {}

  get unlimited(): boolean {
    return this.rules.length === 0;
  }

  /**
   * Records a send to `to` at `now` if every rule allows it; otherwise records nothing and says when the
   * earliest allowed instant is (the caller waits and asks again, or defers the message).
   */
  tryAcquire(to: ConversationRef, now: number): Acquisition {
    if (this.rules.length === 0) return { ok: true };
    const keyed = this.rules.map((rule, index) => ({ rule, key: `${index}:${keyOf(rule, to)}` }));
    let earliest = now;
    for (const { rule, key } of keyed) {
      const until = this.blocked.get(key);
      if (until !== undefined) {
        if (until > now) earliest = Math.max(earliest, until);
        else this.blocked.delete(key);
      }
      const log = this.logs.get(key);
      if (log && log.length >= rule.limit)
        earliest = Math.max(earliest, log[log.length - rule.limit]! + rule.windowMs + this.safetyMarginMs);
    }
    if (earliest > now) return { ok: false, retryAt: earliest };
    for (const { rule, key } of keyed) {
      let log = this.logs.get(key);
      if (!log) this.logs.set(key, (log = []));
      // A wall clock stepping back must not unsort the log.
      log.push(Math.max(now, log[log.length - 1] ?? now));
      // Forget what no window can see any more (always keep the last `limit`).
      const horizon = now - rule.windowMs - this.safetyMarginMs;
      let drop = 0;
      while (drop < log.length - rule.limit && log[drop]! <= horizon) drop++;
      if (drop > 0) log.splice(0, drop);
    }
    return { ok: true };
  }

  /**
   * The platform answered "rate limited, retry after …" for a send to `to`: hold back every send that shares one of
   * its limit keys (the channel on Slack, the whole app on DingTalk, the member on WeCom) until then, instead of
   * letting the rest of the batch run into the same 429.
   */
  blockUntil(to: ConversationRef, until: number): void {
    this.rules.forEach((rule, index) => {
      const key = `${index}:${keyOf(rule, to)}`;
      this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
    });
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
