// `teampulse calendar show|set|add|remove --tenant <slug>`: the tenant's working calendar. Thin: the use cases in
// src/app/calendar check the values, re-spread leaves on a change and write the audit row.
import { Option, type Command } from 'commander';
import { asOperator, output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { regionOption, windowOptions } from '../options.js';
import {
  addCalendarOverride,
  removeCalendarOverride,
  showCalendar,
  updateCalendar,
  type CalendarView,
} from '../../app/calendar/index.js';
import { parseWeekdays } from '../../core/calendar/index.js';

const NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function describe(view: CalendarView): string {
  const lines = [
    `region ${view.region ?? 'none (working weekdays only)'}${view.dataCoverage.source ? ` (${view.dataCoverage.source})` : ''}, ` +
      `working weekdays ${view.workingWeekdays.map((d) => NAMES[d]).join(' ')}`,
    `${view.from} … ${view.to}: ${view.workingDays} working days`,
  ];
  for (const h of view.holidays)
    lines.push(`  ${h.day} ${NAMES[new Date(`${h.day}T00:00:00Z`).getUTCDay() || 7]}  holiday      ${h.name ?? ''}`);
  for (const m of view.makeUpWorkingDays)
    lines.push(
      `  ${m.day} ${NAMES[new Date(`${m.day}T00:00:00Z`).getUTCDay() || 7]}  working day  ${m.name ?? ''} (make-up)`,
    );
  for (const o of view.overrides)
    lines.push(`  ${o.day} override ${o.kind === 'day_off' ? 'day off' : 'working day'}${o.note ? `  ${o.note}` : ''}`);
  for (const w of view.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export function registerCalendar(calendar: Command, io: CliIo): void {
  registerSettings(calendar, io);
  registerOverrides(calendar, io);
}

interface SetOptions {
  tenant: string;
  region?: string;
  weekdays?: string;
  json?: boolean;
}

/** `calendar show|set`: the calendar of a range, the tenant's region and working weekdays. */
function registerSettings(calendar: Command, io: CliIo): void {
  calendar
    .command('show')
    .description('the working days, holidays and overrides of a range (default: this year)')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--from <day>', 'first day YYYY-MM-DD')
    .option('--to <day>', 'last day YYYY-MM-DD (at most 366 days after --from)')
    .option('--json', 'print the calendar as JSON (every day of the range)')
    .action(
      asOperator(io, async ({ access }, opts: { tenant: string; from?: string; to?: string; json?: boolean }) => {
        const view = await showCalendar(access, windowOptions(opts));
        output(io, opts.json, view, describe(view));
      }),
    );

  calendar
    .command('set')
    .description('change the region (holiday data) and/or the working weekdays; leaves are re-spread')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--region <code>', 'CN, HK, GB, GB-ENG, US, US-CA, … or "none" for working weekdays only')
    .option('--weekdays <list>', 'working weekdays, e.g. mon-fri or mon-sat or 1,2,3,4,5')
    .option('--json', 'print the calendar as JSON')
    .action(
      asOperator(io, async ({ access }, opts: SetOptions) => {
        const weekdays = opts.weekdays === undefined ? undefined : parseWeekdays(opts.weekdays);
        if (weekdays === null)
          throw new CliError(`invalid --weekdays "${opts.weekdays}": use e.g. mon-fri or 1,2,3,4,5`);
        if (opts.region === undefined && weekdays === undefined)
          throw new CliError('nothing to set: give --region and/or --weekdays');
        const settings = { ...regionOption(opts.region), ...(weekdays ? { workingWeekdays: weekdays } : {}) };
        const view = await updateCalendar(access, settings, new Date());
        output(io, opts.json, view, describe(view));
      }),
    );
}

/** `calendar add|remove <day>`: one day's override (a day off, or a working day). */
function registerOverrides(calendar: Command, io: CliIo): void {
  dayCommand(calendar, 'add', 'add a company day off or an extra working day (replaces an override of that day)')
    .addOption(
      new Option('--kind <kind>', 'day_off or working_day').choices(['day_off', 'working_day']).makeOptionMandatory(),
    )
    .option('--note <text>', 'why (shown in the calendar)')
    .option('--json', 'print the result as JSON')
    .action(
      async (day: string, opts: { tenant: string; kind: 'day_off' | 'working_day'; note?: string; json?: boolean }) => {
        await withOperator(io, opts.tenant, async ({ access, tenant }) => {
          const override = { day, kind: opts.kind, note: opts.note ?? null };
          await addCalendarOverride(access, override);
          output(
            io,
            opts.json,
            override,
            `${day}: ${opts.kind === 'day_off' ? 'day off' : 'working day'} for ${tenant.slug}`,
          );
        });
      },
    );

  dayCommand(calendar, 'remove', 'remove the override of a day (the regional calendar applies again)')
    .option('--json', 'print the result as JSON')
    .action(async (day: string, opts: { tenant: string; json?: boolean }) => {
      await withOperator(io, opts.tenant, async ({ access, tenant }) => {
        const removed = await removeCalendarOverride(access, day);
        if (!removed) throw new CliError(`${day} has no override in tenant "${tenant.slug}"`);
        output(io, opts.json, { day, removed: true }, `${day}: override removed for ${tenant.slug}`);
      });
    });
}

/** An override sub-verb: it names one day of one tenant. */
function dayCommand(calendar: Command, name: string, description: string): Command {
  return calendar
    .command(name)
    .description(description)
    .argument('<day>', 'YYYY-MM-DD')
    .requiredOption('--tenant <slug>', 'tenant');
}
