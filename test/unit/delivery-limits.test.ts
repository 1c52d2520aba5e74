import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { backoffDelay } from '../../src/delivery/backoff.js';
import { PLATFORM_RATE_LIMITS, parseRetryAfter, PlatformSendError } from '../../src/core/platform.js';

const to = (conversationId: string, userId?: string) => ({
  platform: 'slack' as const,
  conversationId,
  ...(userId ? { userId } : {}),
});

/** Max events in any half-open window [t, t + windowMs) — the property a limit promises. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Sends as soon as the limiter allows, starting at `from`, as the worker does (wait, ask again). */
function sendAt(limiter: RateLimiter, target: Parameters<RateLimiter['tryAcquire']>[0], from: number): number {
  let now = from;
  for (;;) {
    const r = limiter.tryAcquire(target, now);
    if (r.ok) return now;
    expect(r.retryAt).toBeGreaterThan(now);
    now = r.retryAt;
  }
}

describe('rate limiter', () => {
  it('Slack: one send per second per channel, channels independent', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.slack, 0);
    const c1 = [0, 0, 0].map(() => sendAt(limiter, to('C1'), 0));
    expect(c1).toEqual([0, 1_000, 2_000]);
    expect(sendAt(limiter, to('C2'), 0)).toBe(0);
  });

  it('records nothing when it refuses, and measures from the actual send time', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.slack, 0);
    expect(limiter.tryAcquire(to('C1'), 0)).toEqual({ ok: true });
    expect(limiter.tryAcquire(to('C1'), 100)).toEqual({ ok: false, retryAt: 1_000 });
    expect(limiter.tryAcquire(to('C1'), 999)).toEqual({ ok: false, retryAt: 1_000 });
    // The second send actually went out late (1,040): the third must wait for 2,040, not 2,000.
    expect(limiter.tryAcquire(to('C1'), 1_040)).toEqual({ ok: true });
    expect(limiter.tryAcquire(to('C1'), 2_000)).toEqual({ ok: false, retryAt: 2_040 });
  });

  it('DingTalk: never more than 20 sends in any second across the app', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.dingtalk, 0);
    const times: number[] = [];
    for (let i = 0; i < 200; i++)
      times.push(sendAt(limiter, to(`U${i}`), Math.max(Math.floor(i * 7), times.at(-1) ?? 0)));
    expect(times).toHaveLength(200);
    expect(maxInWindow(times, 1_000)).toBe(20);
  });

  it('WeCom: below its 30 per minute and 1,000 per hour to one member (28 and 950)', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.wecom, 0);
    const member = { platform: 'wecom' as const, conversationId: 'zhangsan', userId: 'zhangsan' };
    const times: number[] = [];
    for (let i = 0; i < 1_100; i++) times.push(sendAt(limiter, member, times.at(-1) ?? 0));
    expect(maxInWindow(times, 60_000)).toBe(28);
    expect(maxInWindow(times, 3_600_000)).toBe(950);
    // The 951st send waits for the first hour to pass.
    expect(times[950]).toBeGreaterThanOrEqual(3_600_000);
    // Another member is not affected.
    expect(limiter.tryAcquire({ platform: 'wecom', conversationId: 'lisi', userId: 'lisi' }, 0)).toEqual({ ok: true });
  });

  it('widens windows by the safety margin (default 25 ms) against network jitter', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.slack);
    expect(limiter.tryAcquire(to('C1'), 0)).toEqual({ ok: true });
    expect(limiter.tryAcquire(to('C1'), 1_000)).toEqual({ ok: false, retryAt: 1_025 });
  });

  it('holds back every send sharing a key after a Retry-After', () => {
    const slack = new RateLimiter(PLATFORM_RATE_LIMITS.slack, 0);
    slack.blockUntil(to('C1'), 30_000);
    expect(slack.tryAcquire(to('C1'), 0)).toEqual({ ok: false, retryAt: 30_000 });
    expect(slack.tryAcquire(to('C2'), 0)).toEqual({ ok: true }); // per channel on Slack
    expect(slack.tryAcquire(to('C1'), 30_000)).toEqual({ ok: true });
    const ding = new RateLimiter(PLATFORM_RATE_LIMITS.dingtalk, 0);
    ding.blockUntil(to('U1'), 1_000);
    expect(ding.tryAcquire(to('U2'), 0)).toEqual({ ok: false, retryAt: 1_000 }); // the whole app on DingTalk
  });

  it('console is unlimited', () => {
    const limiter = new RateLimiter(PLATFORM_RATE_LIMITS.console, 0);
    for (let i = 0; i < 1000; i++) expect(limiter.tryAcquire(to('x'), 5)).toEqual({ ok: true });
  });
});

describe('backoff', () => {
  const policy = { baseMs: 10_000, maxMs: 600_000 };
  it('grows exponentially with jitter between half and the full delay, capped', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(5_000);
    expect(backoffDelay(1, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(60_000);
    expect(backoffDelay(20, policy, () => 1)).toBe(600_000);
  });
  it('never retries before Retry-After', () => {
    expect(backoffDelay(1, policy, () => 0, 42_000)).toBe(42_000);
    expect(backoffDelay(5, policy, () => 1, 1_000)).toBe(160_000);
  });
  it('parses Retry-After seconds and dates', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
  it('codes errors with default retryability', () => {
    expect(new PlatformSendError('rate_limited', 'x').retryable).toBe(true);
    expect(new PlatformSendError('invalid_recipient', 'x').retryable).toBe(false);
    expect(new PlatformSendError('bad_request', 'x', { retryable: true }).retryable).toBe(true);
  });
});
