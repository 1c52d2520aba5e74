import { describe, expect, it } from 'vitest';
import { registeredCatalog, t, tDynamic } from '../../src/core/i18n/index.js';
import { addDays, dayRange, daysBetween, isDay, localClock, localDay, weekdayOf } from '../../src/core/time.js';

describe('i18n catalogue', () => {
  it('has both locales for every key, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(registeredCatalog())) {
      expect(entry['zh-CN'], key).toBeTruthy();
      expect(entry.en, key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry['zh-CN']), key).toEqual(names(entry.en));
    }
  });

  it('translates by locale; a key built at run time that the catalogue lacks stays visible', () => {
    expect(t('zh-CN', 'common.noData')).toBe('无数据');
    expect(t('en', 'common.noData')).toBe('no data');
    expect(tDynamic('en', 'reason.not_a_code')).toBe('reason.not_a_code');
    expect(tDynamic('zh-CN', `alerts.level.${'high'}`)).toBe(t('zh-CN', 'alerts.level.high'));
  });

  it('keys are typed: a misspelt key fails the type check (npm run typecheck)', () => {
    // @ts-expect-error — 'common.nodata' is not a key of the catalogue; were it accepted, typecheck would fail here.
    const misspelt = t('en', 'common.nodata');
    expect(misspelt).toBe('common.nodata');
  });
});

describe('calendar helpers', () => {
  it('computes tenant-local days across the date line', () => {
    const instant = new Date('2026-03-01T18:30:00Z');
    expect(localDay(instant, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(localDay(instant, 'America/New_York')).toBe('2026-03-01');
    expect(localClock(instant, 'Asia/Shanghai')).toEqual({ weekday: 1, hour: 2, minute: 30 });
  });

  it('does day arithmetic', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(dayRange('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
  });
});
