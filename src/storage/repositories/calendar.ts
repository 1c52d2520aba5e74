// A tenant's calendar settings (region, working weekdays) and its company overrides.
import type { Db } from '../database.js';
import type { CalendarOverrideRow } from '../tables/calendar.js';

export interface CalendarSettingsRow {
  tenantId: string;
  timezone: string;
  locale: 'zh-CN' | 'en';
  region: string | null;
  workingWeekdays: number[];
}

export async function loadCalendarSettings(db: Db, tenantId: string): Promise<CalendarSettingsRow | undefined> {
  const row = await db
    .selectFrom('tenants')
    .select(['id as tenantId', 'timezone', 'locale', 'region', 'working_weekdays as workingWeekdays'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  return row && { ...row, workingWeekdays: row.workingWeekdays.map(Number) };
}

export async function updateCalendarSettings(
  db: Db,
  tenantId: string,
  changes: { region?: string | null; workingWeekdays?: number[] },
): Promise<void> {
  const set: { region?: string | null; working_weekdays?: number[] } = {};
  if (changes.region !== undefined) set.region = changes.region;
  if (changes.workingWeekdays !== undefined) set.working_weekdays = changes.workingWeekdays;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('tenants').set(set).where('id', '=', tenantId).execute();
}

export async function listCalendarOverrides(db: Db, tenantId: string): Promise<CalendarOverrideRow[]> {
  return db.selectFrom('calendar_overrides').selectAll().where('tenant_id', '=', tenantId).orderBy('day').execute();
}

/** Adds the override of a day, or replaces the one it has. */
export async function upsertCalendarOverride(
  db: Db,
  row: { tenantId: string; day: string; kind: 'day_off' | 'working_day'; note: string | null; createdBy: string },
): Promise<void> {
  await db
    .insertInto('calendar_overrides')
    .values({ tenant_id: row.tenantId, day: row.day, kind: row.kind, note: row.note, created_by: row.createdBy })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'day']).doUpdateSet({ kind: row.kind, note: row.note, created_by: row.createdBy }),
    )
    .execute();
}

export async function deleteCalendarOverride(db: Db, tenantId: string, day: string): Promise<boolean> {
  const result = await db
    .deleteFrom('calendar_overrides')
    .where((eb) => eb.and({ tenant_id: tenantId, day }))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteAllCalendarOverrides(db: Db, tenantId: string): Promise<void> {
  await db.deleteFrom('calendar_overrides').where('tenant_id', '=', tenantId).execute();
}
