// The span a report reads: `from`..`to`, tenant-local days, both inclusive. Without them a report covers the 12 months
// up to the tenant's latest data (its latest scored day or departure, whichever is later; today when there is none),
// so a report reads a year of scores, never the whole history, and the same stored history gives the same report
// whatever day it is printed on. The window is pushed into each query (see history.ts).
import { sql } from 'kysely';
import { addDays, isDay, localDay } from '../../core/time.js';
import type { Db } from '../../storage/database.js';
import { InvalidInputError } from '../errors.js';

export interface ReportWindow {
  from: string;
  to: string;
}

export interface WindowInput {
  from?: string | undefined;
  to?: string | undefined;
}

export const DEFAULT_WINDOW_MONTHS = 12;

/** Refuses a day that is not YYYY-MM-DD (a real date) and a window that ends before it starts, naming the field. */
export function checkWindowInput(input: WindowInput): void {
  const details = (['from', 'to'] as const)
    .filter((field) => input[field] !== undefined && !isDay(input[field]!))
    .map((field) => ({ path: `/${field}`, message: `must be a day YYYY-MM-DD (got "${input[field]}")` }));
  if (details.length === 0 && input.from !== undefined && input.to !== undefined && input.from > input.to)
    details.push({ path: '/from', message: `must be on or before to (${input.to})` });
  if (details.length > 0) throw new InvalidInputError('invalid report window', details);
}

/** A day twelve months earlier, plus one: 2026-11-30 ⇒ 2025-12-01 (29 February counts as the 28th). */
export function yearBefore(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return addDays(`${String(year).padStart(4, '0')}-${monthDay}`, 1);
}

/** The window of a report: the given days, or the defaults above (two single-row aggregate queries). */
export async function resolveWindow(
  db: Db,
  tenant: { id: string; timezone: string },
  input: WindowInput,
  now: Date,
): Promise<ReportWindow> {
  checkWindowInput(input);
  let to = input.to;
  if (to === undefined) {
    const scored = await db
      .selectFrom('employee_scores')
      .select((eb) => eb.fn.max('as_of').as('day'))
      .where((eb) => eb.and({ tenant_id: tenant.id, status: 'scored' }))
      .executeTakeFirst();
    const left = await db
      .selectFrom('employees')
      .select((eb) => eb.fn.max('left_at').as('at'))
      .where((eb) => eb.and({ tenant_id: tenant.id, status: 'left' }))
      .executeTakeFirst();
    const days = [
      scored?.day ? String(scored.day) : null,
      left?.at ? localDay(new Date(left.at), tenant.timezone) : null,
    ].filter((d): d is string => d !== null);
    to = days.length > 0 ? days.sort().at(-1)! : localDay(now, tenant.timezone);
    if (input.from !== undefined && input.from > to) to = input.from;
  }
  const from = input.from ?? yearBefore(to);
  return { from, to };
}

/** The tenant-local day of employees.left_at, in SQL (for windows over departures). */
export const leftDay = (timezone: string) => sql<string>`cast((left_at at time zone ${timezone}) as date)`;
