// A tenant's working calendar, built once per use (a scoring run, an ingestion, an API call) from its settings, its
// overrides and its region's holiday data: callers then ask it per day or per range without further queries.
import { loadCalendar, type Weekday, type WorkingCalendar } from '../../core/calendar/index.js';
import type { Db } from '../../storage/database.js';
import { listCalendarOverrides, loadCalendarSettings } from '../../storage/repositories/calendar.js';

/**
 * The calendar of a tenant with holiday data for the years of [from, to] (other years: weekdays and overrides only).
 * Holiday names come in the tenant's language.
 */
export async function tenantCalendar(db: Db, tenantId: string, from: string, to: string): Promise<WorkingCalendar> {
  const settings = await loadCalendarSettings(db, tenantId);
  if (!settings) throw new Error(`unknown tenant ${tenantId}`);
  const overrides = await listCalendarOverrides(db, tenantId);
  return loadCalendar(
    {
      region: settings.region,
      workingWeekdays: settings.workingWeekdays as Weekday[],
      overrides: overrides.map((o) => ({ day: o.day, kind: o.kind, note: o.note })),
    },
    from,
    to,
    settings.locale === 'zh-CN' ? 'zh' : 'en',
  );
}
