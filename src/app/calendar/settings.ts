// Use cases of a tenant's working calendar: show the resolved days of a range (holidays with names, make-up working
// days, overrides), change the region and working weekdays, add or remove company overrides. Every change re-spreads
// the leaves whose working days it moves and is audited, in one transaction. Roles are checked here (calendar.read:
// hr/admin; calendar.write: hr/admin over the whole tenant) and so are the values, for every caller alike.
import { isKnownRegion, normaliseRegion, type CalendarDay, type OverrideKind } from '../../core/calendar/index.js';
import { addDays, isDay, localDay } from '../../core/time.js';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../../storage/database.js';
import {
  deleteAllCalendarOverrides,
  deleteCalendarOverride,
  listCalendarOverrides,
  loadCalendarSettings,
  updateCalendarSettings,
  upsertCalendarOverride,
} from '../../storage/repositories/calendar.js';
import { InvalidInputError, type ErrorDetail } from '../errors.js';
import { Access } from '../access/index.js';
import { respreadLeaves, type RespreadScope } from '../signals/leave-spread.js';
import { tenantCalendar } from './tenant-calendar.js';

type CalendarProblem = ErrorDetail;

/** Every bad field at once, named the way the API names it ('/from', '/overrides/0/day'). */
const invalid = (problems: CalendarProblem[]) => new InvalidInputError('invalid calendar request', problems);

export interface OverrideInput {
  day: string;
  kind: OverrideKind;
  note?: string | null;
}

export interface CalendarView {
  region: string | null;
  workingWeekdays: number[];
  workingDaysPerWeek: number;
  from: string;
  to: string;
  /** Working days in [from, to]. */
  workingDays: number;
  days: CalendarDay[];
  holidays: { day: string; name: string | null }[];
  makeUpWorkingDays: { day: string; name: string | null }[];
  /** All of the tenant's overrides (not only those in the range). */
  overrides: { day: string; kind: OverrideKind; note: string | null; createdBy: string }[];
  dataCoverage: { source: string | null; coveredYears: number[]; missingYears: number[] };
  warnings: string[];
}

const MAX_RANGE_DAYS = 366;
const NOTE_MAX = 200;
/** Dates a calendar accepts (the edge validation of K1 uses the same bounds). */
const inBounds = (day: string) => day >= '1900-01-01' && day <= '2200-12-31';

function checkDay(problems: CalendarProblem[], path: string, day: unknown): day is string {
  if (typeof day !== 'string' || !isDay(day) || !inBounds(day)) {
    problems.push({ path, message: 'must be a calendar day YYYY-MM-DD between 1900 and 2200' });
    return false;
  }
  return true;
}

/** The resolved calendar of [from, to]; default: the current year of `today`. */
export async function showCalendar(
  access: Access,
  range: { from?: string; to?: string; now: Date },
): Promise<CalendarView> {
  access.require('calendar.read');
  const problems: CalendarProblem[] = [];
  const year = localDay(range.now, (await access.tenant()).timezone).slice(0, 4);
  const fromOk = range.from === undefined || checkDay(problems, '/from', range.from);
  const toOk = range.to === undefined || checkDay(problems, '/to', range.to);
  const from = range.from ?? (range.to && toOk ? `${range.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = range.to ?? (range.from && fromOk ? `${range.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  if (fromOk && toOk) {
    if (from > to) problems.push({ path: '/to', message: 'must not be before from' });
    else if (addDays(from, MAX_RANGE_DAYS - 1) < to)
      problems.push({ path: '/to', message: `at most ${MAX_RANGE_DAYS} days after from` });
  }
  if (problems.length) throw invalid(problems);
  return viewOf(access.db, access.tenantId, from, to);
}

async function viewOf(db: Db, tenantId: string, from: string, to: string): Promise<CalendarView> {
  const settings = await loadCalendarSettings(db, tenantId);
  if (!settings) throw new Error(`unknown tenant ${tenantId}`);
  const calendar = await tenantCalendar(db, tenantId, from, to);
  const days = calendar.daysIn(from, to);
  const coverage = calendar.dataCoverage(from, to);
  const warnings = coverage.missingYears.length
    ? [
        `no ${coverage.source ?? 'holiday'} data for ${settings.region} in ${coverage.missingYears.join(', ')}: ` +
          'those years use the working weekdays and overrides only (update the package when the data is published)',
      ]
    : [];
  const overrides = await listCalendarOverrides(db, tenantId);
  return {
    region: settings.region,
    workingWeekdays: settings.workingWeekdays,
    workingDaysPerWeek: calendar.workingDaysPerWeek,
    from,
    to,
    workingDays: calendar.workingDaysBetween(from, to),
    days,
    holidays: days.filter((d) => d.kind === 'public_holiday').map((d) => ({ day: d.day, name: d.name })),
    makeUpWorkingDays: days.filter((d) => d.kind === 'make_up_working_day').map((d) => ({ day: d.day, name: d.name })),
    overrides: overrides.map((o) => ({ day: o.day, kind: o.kind, note: o.note, createdBy: o.created_by })),
    dataCoverage: { source: coverage.source, coveredYears: coverage.coveredYears, missingYears: coverage.missingYears },
    warnings,
  };
}

export interface CalendarUpdate {
  /** A region code ('CN', 'GB-ENG', …) or null for working weekdays only. */
  region?: string | null;
  workingWeekdays?: number[];
  /** The complete list of overrides (replaces the stored one). */
  overrides?: OverrideInput[];
}

async function checkRegion(problems: CalendarProblem[], path: string, region: string | null): Promise<string | null> {
  if (region === null) return null;
  const code = normaliseRegion(region);
  if (code === null || !(await isKnownRegion(code))) {
    problems.push({ path, message: `unknown region "${region}": a country code (CN, GB, US) or subdivision (GB-ENG)` });
    return null;
  }
  return code;
}

function checkWeekdays(problems: CalendarProblem[], path: string, weekdays: number[]): void {
  if (
    weekdays.length === 0 ||
    weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7) ||
    new Set(weekdays).size !== weekdays.length
  )
    problems.push({ path, message: 'must list distinct ISO weekdays 1 (Monday) … 7 (Sunday), at least one' });
}

function checkOverride(problems: CalendarProblem[], path: string, o: OverrideInput): void {
  checkDay(problems, `${path}day`, o.day);
  if (o.kind !== 'day_off' && o.kind !== 'working_day')
    problems.push({ path: `${path}kind`, message: 'must be day_off or working_day' });
  if (o.note !== undefined && o.note !== null && o.note.length > NOTE_MAX)
    problems.push({ path: `${path}note`, message: `at most ${NOTE_MAX} characters` });
}

/** Replaces what the update names; re-spreads leaves; returns the view of the current year. */
export async function updateCalendar(access: Access, update: CalendarUpdate, now: Date): Promise<CalendarView> {
  access.require('calendar.write');
  const tenantId = access.tenantId;
  const problems: CalendarProblem[] = [];
  const region = update.region === undefined ? undefined : await checkRegion(problems, '/region', update.region);
  if (update.workingWeekdays !== undefined) checkWeekdays(problems, '/workingWeekdays', update.workingWeekdays);
  const seen = new Set<string>();
  update.overrides?.forEach((o, i) => {
    checkOverride(problems, `/overrides/${i}/`, o);
    if (seen.has(o.day)) problems.push({ path: `/overrides/${i}/day`, message: `${o.day} is listed twice` });
    seen.add(o.day);
  });
  if (problems.length) throw invalid(problems);

  await inTransaction(access.db, async (trx) => {
    const before = await listCalendarOverrides(trx, tenantId);
    await updateCalendarSettings(trx, tenantId, {
      ...(region !== undefined ? { region } : {}),
      ...(update.workingWeekdays ? { workingWeekdays: [...update.workingWeekdays].sort((a, b) => a - b) } : {}),
    });
    if (update.overrides) {
      await deleteAllCalendarOverrides(trx, tenantId);
      for (const o of update.overrides)
        await upsertCalendarOverride(trx, { tenantId, ...o, note: o.note ?? null, createdBy: access.actor.name });
    }
    // A new region or week moves every leave; changed overrides move the leaves around those days.
    const scope: RespreadScope =
      region !== undefined || update.workingWeekdays !== undefined
        ? { all: true }
        : { days: changedDays(before, update.overrides ?? before) };
    await respreadLeaves(trx, tenantId, scope);
    await new Access(trx, access.actor).audit(
      'calendar.update',
      { type: 'tenant', id: tenantId },
      {
        ...(region !== undefined ? { region } : {}),
        ...(update.workingWeekdays ? { workingWeekdays: update.workingWeekdays } : {}),
        ...(update.overrides ? { overrides: update.overrides.length } : {}),
      },
    );
  });
  const year = localDay(now, (await access.tenant()).timezone).slice(0, 4);
  return viewOf(access.db, tenantId, `${year}-01-01`, `${year}-12-31`);
}

function changedDays(
  before: readonly { day: string; kind: string; note: string | null }[],
  after: readonly { day: string; kind: string; note?: string | null }[],
): string[] {
  const key = (o: { day: string; kind: string }) => `${o.day}|${o.kind}`;
  const a = new Set(before.map(key));
  const b = new Set(after.map(key));
  const days = new Set<string>();
  for (const o of before) if (!b.has(key(o))) days.add(o.day);
  for (const o of after) if (!a.has(key(o))) days.add(o.day);
  return [...days];
}

/** Adds (or replaces) one override; re-spreads the leaves around that day. */
export async function addCalendarOverride(access: Access, input: OverrideInput): Promise<void> {
  access.require('calendar.write');
  refuseProblems((problems) => checkOverride(problems, '/', input));
  const tenantId = access.tenantId;
  await inTransaction(access.db, async (trx) => {
    const { day, kind } = input;
    await upsertCalendarOverride(trx, { tenantId, day, kind, note: input.note ?? null, createdBy: access.actor.name });
    await respreadLeaves(trx, tenantId, { days: [day] });
    await new Access(trx, access.actor).audit('calendar.override.add', { type: 'tenant', id: tenantId }, { day, kind });
  });
}

/** Removes the override of a day; false when there was none. */
export async function removeCalendarOverride(access: Access, day: string): Promise<boolean> {
  access.require('calendar.write');
  refuseProblems((problems) => checkDay(problems, '/day', day));
  const tenantId = access.tenantId;
  return inTransaction(access.db, async (trx) => {
    const removed = await deleteCalendarOverride(trx, tenantId, day);
    if (!removed) return false;
    await respreadLeaves(trx, tenantId, { days: [day] });
    await new Access(trx, access.actor).audit('calendar.override.remove', { type: 'tenant', id: tenantId }, { day });
    return true;
  });
}

/** Runs one input check; InvalidInputError naming each problem it found. */
function refuseProblems(check: (problems: CalendarProblem[]) => void): void {
  const problems: CalendarProblem[] = [];
  check(problems);
  if (problems.length) throw invalid(problems);
}

async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute(work);
}
