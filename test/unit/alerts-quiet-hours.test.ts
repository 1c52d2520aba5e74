import { describe, expect, it } from 'vitest';
import {
  isWithinWorkingHours,
  nextAllowedTime,
  workingHoursFromSettings,
  zonedTime,
} from '../../src/core/alerts/index.js';

const shanghai = { enabled: true, timeZone: 'Asia/Shanghai' };

describe('quiet hours', () => {
  it('sends at once inside working hours', () => {
    const wednesdayMorning = new Date('2026-11-25T02:30:00Z'); // Wed 10:30 in Shanghai
    expect(nextAllowedTime(wednesdayMorning, shanghai)).toEqual(wednesdayMorning);
  });

  it('after hours waits for 09:00 the next working day', () => {
    const wednesdayEvening = new Date('2026-11-25T11:00:00Z'); // Wed 19:00
    expect(nextAllowedTime(wednesdayEvening, shanghai).toISOString()).toBe('2026-11-26T01:00:00.000Z'); // Thu 09:00
    const earlyMorning = new Date('2026-11-25T22:30:00Z'); // Thu 06:30
    expect(nextAllowedTime(earlyMorning, shanghai).toISOString()).toBe('2026-11-26T01:00:00.000Z');
    const exactlySix = new Date('2026-11-25T10:00:00Z'); // Wed 18:00 — the end is exclusive
    expect(nextAllowedTime(exactlySix, shanghai).toISOString()).toBe('2026-11-26T01:00:00.000Z');
  });

  it('weekends wait for Monday 09:00', () => {
    const saturday = new Date('2026-11-28T04:00:00Z'); // Sat 12:00
    expect(nextAllowedTime(saturday, shanghai).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    const fridayNight = new Date('2026-11-27T13:00:00Z'); // Fri 21:00
    expect(nextAllowedTime(fridayNight, shanghai).toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  it('uses the tenant time zone, across a DST change', () => {
    // Sat 28 Mar 2026 in Berlin; Monday 30 Mar is already summer time (UTC+2).
    expect(
      nextAllowedTime(new Date('2026-03-28T12:00:00Z'), { enabled: true, timeZone: 'Europe/Berlin' }).toISOString(),
    ).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedTime('2026-01-05', '09:00', 'America/New_York').toISOString()).toBe('2026-01-05T14:00:00.000Z');
  });

  it('off (tenant setting or service-wide switch) sends at once, even on Sunday night', () => {
    const sundayNight = new Date('2026-11-29T15:00:00Z');
    expect(nextAllowedTime(sundayNight, { enabled: false, timeZone: 'Asia/Shanghai' })).toEqual(sundayNight);
  });

  it('honours custom working hours from the tenant settings and ignores malformed ones', () => {
    const hours = workingHoursFromSettings({
      workingHours: { days: [1, 2, 3, 4, 5, 6], start: '10:00', end: '20:00' },
    });
    const saturday = new Date('2026-11-28T04:00:00Z');
    expect(isWithinWorkingHours(saturday, 'Asia/Shanghai', hours)).toBe(true);
    expect(nextAllowedTime(new Date('2026-11-25T01:30:00Z'), { ...shanghai, workingHours: hours }).toISOString()).toBe(
      '2026-11-25T02:00:00.000Z',
    );
    expect(workingHoursFromSettings({ workingHours: { days: [], start: '25:00', end: '1' } })).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
    });
  });
});
