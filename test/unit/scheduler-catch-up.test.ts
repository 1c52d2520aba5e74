import { createTask } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronProblem, lastRun, zonedInstant } from '../../src/scheduler/catch-up.js';

describe('catch-up times', () => {
  it('turns a local wall-clock time into the instant, across zones and DST', () => {
    expect(zonedInstant('2026-11-29', 2, 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect(zonedInstant('2026-07-01', 2, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(zonedInstant('2026-12-01', 2, 0, 'Europe/Berlin').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedInstant('2026-11-29', 2, 0, 'America/New_York').toISOString()).toBe('2026-11-29T07:00:00.000Z');
  });

  it('finds the most recent firing of a plain daily cron at or before now', () => {
    // 03:00 in Shanghai: today's 02:00 has passed.
    expect(lastRun('0 2 * * *', new Date('2026-11-28T19:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-28T18:00:00.000Z',
    );
    // 01:00 in Shanghai: yesterday's 02:00.
    expect(lastRun('0 2 * * *', new Date('2026-11-28T17:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-27T18:00:00.000Z',
    );
    // Exactly at the time counts.
    expect(lastRun('0 2 * * *', new Date('2026-11-28T18:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-28T18:00:00.000Z',
    );
  });

  it('understands any daily expression node-cron accepts, not only "M H * * *"', () => {
    // Seconds field; names; weekdays only (Saturday 2026-11-28 ⇒ Friday's run); a list of hours; a nickname.
    const saturdayNoon = new Date('2026-11-28T12:00:00Z');
    expect(lastRun('15 30 2 * * *', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-28T02:30:15.000Z');
    expect(lastRun('0 2 * * mon-fri', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-27T02:00:00.000Z');
    expect(lastRun('0 2 * * 1-5', new Date('2026-11-30T01:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2026-11-27T02:00:00.000Z',
    );
    expect(lastRun('0 6,18 * * *', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-28T06:00:00.000Z');
    expect(lastRun('@daily', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    // Weekly (the digest): last Monday, within the week catch-up looks back.
    expect(lastRun('0 9 * * 1', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    // Last day of the month, nth weekday: beyond a week back ⇒ nothing to catch up.
    expect(lastRun('0 2 L * *', saturdayNoon, 'UTC')).toBeUndefined();
    expect(lastRun('0 2 L * *', new Date('2026-12-01T00:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2026-11-30T02:00:00.000Z',
    );
    expect(lastRun('0 2 * * 6#4', saturdayNoon, 'UTC')?.toISOString()).toBe('2026-11-28T02:00:00.000Z');
    expect(lastRun('not a cron', saturdayNoon, 'UTC')).toBeUndefined();
  });

  it('skips a local time that does not exist (DST gap), as node-cron does', () => {
    // Berlin 2026-03-29: 02:00–03:00 does not exist; the most recent 02:30 is the day before.
    expect(lastRun('30 2 * * *', new Date('2026-03-29T10:00:00Z'), 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-28T01:30:00.000Z',
    );
  });

  it('agrees with node-cron’s own matcher on the instants it returns', async () => {
    const expressions = ['0 2 * * *', '30 23 * * 1-5', '0 0 3 * * sat,sun', '0 2 L * *', '0 4 15W * *', '0 5 * * 5L'];
    const zones = ['UTC', 'Asia/Shanghai', 'America/New_York'];
    for (const expression of expressions) {
      for (const zone of zones) {
        for (let day = 0; day < 60; day += 13) {
          const now = new Date(Date.parse('2026-01-03T10:17:00Z') + day * 86_400_000 + day * 3_600_000);
          const at = lastRun(expression, now, zone, 40);
          if (!at) continue;
          const task = createTask(expression, () => undefined, { timezone: zone });
          try {
            expect(task.match(at), `${expression} in ${zone} at ${at.toISOString()}`).toBe(true);
            // Nothing later (before now) matches: every expression above fires on :00 or :30, so probing each
            // half hour of the following week is exhaustive (half-hour zones included).
            const step = 1_800_000;
            const until = Math.min(now.getTime(), at.getTime() + 8 * 86_400_000);
            for (let t = at.getTime() - (at.getTime() % step) + step; t <= until; t += step)
              expect(task.match(new Date(t)), `${expression} ${new Date(t).toISOString()}`).toBe(false);
          } finally {
            await task.destroy();
          }
        }
      }
    }
  }, 120_000);

  it('explains an invalid expression with node-cron’s reason', () => {
    expect(cronProblem('0 2 * * *')).toBeUndefined();
    expect(cronProblem('0 25 * * *')).toMatch(/hour: 25 is a invalid expression for hour/);
  });
});
