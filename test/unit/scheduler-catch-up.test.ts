import { describe, expect, it } from 'vitest';
import { dailyTime, lastDailyRun, zonedInstant } from '../../src/scheduler/catch-up.js';

describe('catch-up times for daily crons', () => {
  it('understands plain daily crons only', () => {
    expect(dailyTime('0 2 * * *')).toEqual({ hour: 2, minute: 0 });
    expect(dailyTime('30 23 * * *')).toEqual({ hour: 23, minute: 30 });
    expect(dailyTime('0 9 * * 1')).toBeUndefined();
    expect(dailyTime('*/5 * * * *')).toBeUndefined();
    expect(dailyTime('0 25 * * *')).toBeUndefined();
  });

  it('turns a local wall-clock time into the instant, across zones and DST', () => {
    expect(zonedInstant('2026-11-29', 2, 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect(zonedInstant('2026-07-01', 2, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(zonedInstant('2026-12-01', 2, 0, 'Europe/Berlin').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedInstant('2026-11-29', 2, 0, 'America/New_York').toISOString()).toBe('2026-11-29T07:00:00.000Z');
  });

  it('finds the most recent firing at or before now', () => {
    // 03:00 in Shanghai: today's 02:00 has passed.
    expect(lastDailyRun('0 2 * * *', new Date('2026-11-28T19:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-28T18:00:00.000Z',
    );
    // 01:00 in Shanghai: yesterday's 02:00.
    expect(lastDailyRun('0 2 * * *', new Date('2026-11-28T17:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-27T18:00:00.000Z',
    );
    // Exactly at the time counts.
    expect(lastDailyRun('0 2 * * *', new Date('2026-11-28T18:00:00Z'), 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-28T18:00:00.000Z',
    );
    expect(lastDailyRun('0 9 * * 1', new Date(), 'UTC')).toBeUndefined();
  });
});
