// Working calendars: weekdays, regional public holidays and make-up working days (调休), tenant overrides, counting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  dayOfNumber,
  isKnownRegion,
  loadCalendar,
  loadRegionHolidays,
  MONDAY_TO_FRIDAY,
  normaliseRegion,
  parseWeekdays,
  regionForTimeZone,
} from '../../src/core/calendar/index.js';

describe('China (chinese-days): Spring Festival 2026 with its make-up Saturdays', () => {
  it('holidays are days off, 调休 Saturdays are working days, ordinary weekends are not', async () => {
    const cn = await loadCalendar({ region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY }, '2026-01-01', '2026-12-31');
    expect(cn.describe('2026-02-14')).toMatchObject({ working: true, kind: 'make_up_working_day', weekday: 6 });
    expect(cn.describe('2026-02-16')).toMatchObject({
      working: false,
      kind: 'public_holiday',
      name: 'Spring Festival',
    });
    expect(cn.describe('2026-02-21')).toMatchObject({ working: false, kind: 'public_holiday' });
    expect(cn.isWorkingDay('2026-02-28')).toBe(true);
    expect(cn.isWorkingDay('2026-03-07')).toBe(false);
    expect(cn.isWorkingDay('2026-02-24')).toBe(true);
    // Feb 9–13 and the make-up Saturday; Feb 15–23 is the holiday.
    expect(cn.workingDaysBetween('2026-02-09', '2026-02-23')).toBe(6);
    expect(cn.nextWorkingDays('2026-02-13', 3)).toEqual(['2026-02-13', '2026-02-14', '2026-02-24']);
    expect(cn.workingDaysIn('2026-09-28', '2026-10-10')).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
    expect(cn.dataCoverage('2026-01-01', '2026-12-31')).toEqual({
      region: 'CN',
      source: 'chinese-days',
      coveredYears: [2026],
      missingYears: [],
    });
    const zh = await loadCalendar(
      { region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY },
      '2026-02-01',
      '2026-02-28',
      'zh',
    );
    expect(zh.describe('2026-02-17').name).toBe('春节');
  });

  it('a year the data set does not cover falls back to the working weekdays and says so', async () => {
    const cn = await loadCalendar({ region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY }, '2026-12-01', '2027-12-31');
    expect(cn.dataCoverage('2026-12-01', '2027-12-31')).toMatchObject({ coveredYears: [2026], missingYears: [2027] });
    expect(cn.isWorkingDay('2027-10-01')).toBe(true); // National Day, but 2027 has no data yet
    expect(cn.isWorkingDay('2027-10-02')).toBe(false); // a Saturday
  });
});

describe('other regions (date-holidays)', () => {
  it('GB: Christmas and the Boxing Day substitute Monday are days off', async () => {
    const gb = await loadCalendar({ region: 'GB', workingWeekdays: MONDAY_TO_FRIDAY }, '2026-12-01', '2026-12-31');
    expect(gb.describe('2026-12-25')).toMatchObject({ working: false, kind: 'public_holiday', name: 'Christmas Day' });
    expect(gb.isWorkingDay('2026-12-28')).toBe(false);
    expect(gb.workingDaysIn('2026-12-21', '2026-12-31')).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
  });

  it('US: Thanksgiving; subdivisions and unknown codes', async () => {
    const us = await loadCalendar({ region: 'US', workingWeekdays: MONDAY_TO_FRIDAY }, '2026-11-01', '2026-11-30');
    expect(us.describe('2026-11-26')).toMatchObject({ working: false, kind: 'public_holiday' });
    expect(await isKnownRegion('GB-ENG')).toBe(true);
    expect(await isKnownRegion('us-ca')).toBe(true);
    expect(await isKnownRegion('ZZ')).toBe(false);
    expect(await isKnownRegion('GB-XXX')).toBe(false);
    expect(await loadRegionHolidays('ZZ', 2026, 2026)).toBeNull();
    const england = await loadRegionHolidays('GB-ENG', 2026, 2026);
    expect(england?.holidays.map((h) => h.day)).toContain('2026-08-31'); // summer bank holiday, England only
    expect(normaliseRegion(' gb-eng ')).toBe('GB-ENG');
    expect(normaliseRegion('Britain')).toBeNull();
  });
});

describe('tenant settings', () => {
  it('overrides win over holidays and weekdays; working weekdays are the tenant’s', async () => {
    const cn = await loadCalendar(
      {
        region: 'CN',
        workingWeekdays: [1, 2, 3, 4, 5, 6],
        overrides: [
          { day: '2026-02-16', kind: 'working_day', note: 'skeleton crew' },
          { day: '2026-03-02', kind: 'day_off', note: 'company day' },
        ],
      },
      '2026-01-01',
      '2026-12-31',
    );
    expect(cn.describe('2026-02-16')).toMatchObject({
      working: true,
      kind: 'company_working_day',
      name: 'skeleton crew',
    });
    expect(cn.describe('2026-03-02')).toMatchObject({ working: false, kind: 'company_day_off' });
    expect(cn.isWorkingDay('2026-03-07')).toBe(true); // a Saturday, and this tenant works Saturdays
    expect(cn.isWorkingDay('2026-02-21')).toBe(false); // a Saturday inside the holiday
    expect(cn.workingDaysPerWeek).toBe(6);
  });

  it('without a region: working weekdays only', () => {
    const plain = createWorkingCalendar({ region: null, workingWeekdays: MONDAY_TO_FRIDAY });
    expect(plain.workingDaysBetween('2026-11-23', '2026-12-06')).toBe(10);
    expect(plain.workingDaysBetween('2026-11-24', '2026-11-23')).toBe(0);
    expect(plain.describe('2026-11-28')).toMatchObject({ working: false, kind: 'weekend', weekday: 6 });
    expect(plain.dataCoverage('2026-01-01', '2027-12-31').missingYears).toEqual([]);
    expect(() => createWorkingCalendar({ region: null, workingWeekdays: [] })).toThrow(/at least one/);
  });

  it('weekday lists parse from names, numbers and ranges', () => {
    expect(parseWeekdays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('1,2,3,4,5,6')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays('sun,mon-thu')).toEqual([1, 2, 3, 4, 7]);
    expect(parseWeekdays('fri-mon')).toBeNull();
    expect(parseWeekdays('funday')).toBeNull();
  });

  it('time zones map to regions; unknown zones to none', () => {
    expect(regionForTimeZone('Asia/Shanghai')).toBe('CN');
    expect(regionForTimeZone('Asia/Hong_Kong')).toBe('HK');
    expect(regionForTimeZone('America/New_York')).toBe('US');
    expect(regionForTimeZone('Europe/London')).toBe('GB');
    expect(regionForTimeZone('UTC')).toBeNull();
  });
});

describe('counting', () => {
  it('workingDaysBetween, workingDaysIn and isWorkingDay agree on any range (property)', async () => {
    const cn = await loadCalendar(
      { region: 'CN', workingWeekdays: MONDAY_TO_FRIDAY, overrides: [{ day: '2026-05-06', kind: 'day_off' }] },
      '2025-01-01',
      '2026-12-31',
    );
    const base = Math.round(Date.parse('2025-01-01T00:00:00Z') / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 120 }), (offset, length) => {
        const from = dayOfNumber(base + offset);
        const to = dayOfNumber(base + offset + length);
        let brute = 0;
        for (let n = base + offset; n <= base + offset + length; n++) if (cn.isWorkingDay(dayOfNumber(n))) brute++;
        expect(cn.workingDaysBetween(from, to)).toBe(brute);
        expect(cn.workingDaysIn(from, to)).toHaveLength(brute);
      }),
      { numRuns: 200 },
    );
  });
});
