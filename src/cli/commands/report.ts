// `teampulse report exits|accuracy|onboarding|reasons --tenant <slug>`: who left and why (and whether teampulse saw it
// coming), how accurate high-risk flags were, new joiners' onboarding pulses (aggregated, never per person), and the
// tenant's list of departure reason codes. Text is in the tenant's locale;
// both reports read a window of days (--from/--to; default the last 12 months of the tenant's data, report-window.ts).
import type { Command } from 'commander';
import { Access, operatorActor } from '../../app/access/index.js';
import { requireTenant } from '../../app/directory/index.js';
import { exitReport, type PeriodUnit } from '../../app/performance/exits.js';
import { accuracyReport } from '../../app/performance/accuracy.js';
import { onboardingReport } from '../../app/performance/onboarding-report.js';
import { accuracyReportText, exitReportText, onboardingReportText } from '../../app/performance/report-text.js';
import { readExitReasons, setExitReasons } from '../../app/performance/exit-reasons.js';
import { isDay } from '../../core/time.js';
import { output, withDatabase, type CliIo } from '../context.js';
import { windowOptions } from '../options.js';
import { CliError } from '../errors.js';

/** A bad --from/--to fails before the database is opened, with the flag's name (exit 1, one line). */
function checkWindow(opts: { from?: string; to?: string }): void {
  for (const [flag, value] of [
    ['--from', opts.from],
    ['--to', opts.to],
  ] as const)
    if (value !== undefined && !isDay(value)) throw new CliError(`${flag} must be a day YYYY-MM-DD (got "${value}")`);
  if (opts.from !== undefined && opts.to !== undefined && opts.from > opts.to)
    throw new CliError(`--from (${opts.from}) must be on or before --to (${opts.to})`);
}

async function operator(db: Parameters<typeof requireTenant>[0], slug: string): Promise<Access> {
  const tenant = await requireTenant(db, slug);
  return new Access(db, operatorActor(tenant.id));
}

export function registerReport(command: Command, io: CliIo): void {
  command
    .command('exits')
    .description('leavers by team and period with their reason code, and whether and how early teampulse flagged them')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--from <day>', 'leavers from this day (YYYY-MM-DD; default: 12 months before --to)')
    .option('--to <day>', 'leavers up to this day (YYYY-MM-DD; default: the latest scored day or departure)')
    .option('--by <unit>', 'period: month or quarter', 'quarter')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; from?: string; to?: string; by: string; json?: boolean }) => {
      checkWindow(opts);
      if (opts.by !== 'month' && opts.by !== 'quarter') throw new CliError('--by must be month or quarter');
      await withDatabase(io, async ({ db }) => {
        const access = await operator(db, opts.tenant);
        const report = await exitReport(access, { ...windowOptions(opts), by: opts.by as PeriodUnit });
        output(io, opts.json, report, exitReportText(report, (await access.tenant()).locale));
      });
    });
  command
    .command('accuracy')
    .description('precision and recall of high-risk flags at 30/60/90 days, lead time, rules, a suggested threshold')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--from <day>', 'scored days from this day (YYYY-MM-DD; default: 12 months before --to)')
    .option('--to <day>', 'scored days up to this day (YYYY-MM-DD; default: the latest scored day or departure)')
    .option('--accept', 'store the suggested high threshold as a new rule version')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; from?: string; to?: string; accept?: boolean; json?: boolean }) => {
      checkWindow(opts);
      await withDatabase(io, async ({ db }) => {
        const access = await operator(db, opts.tenant);
        const report = await accuracyReport(access, { ...windowOptions(opts), accept: opts.accept === true });
        output(io, opts.json, report, accuracyReportText(report, (await access.tenant()).locale));
      });
    });
  command
    .command('onboarding')
    .description("new joiners' day-7/30/60 pulses: sent, answered and the average per question, all joiners together")
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--from <day>', 'pulses sent from this month (YYYY-MM-DD; default: 12 months before --to)')
    .option('--to <day>', 'pulses sent up to this month (YYYY-MM-DD; default: the latest scored day or departure)')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; from?: string; to?: string; json?: boolean }) => {
      checkWindow(opts);
      await withDatabase(io, async ({ db }) => {
        const access = await operator(db, opts.tenant);
        const report = await onboardingReport(access, windowOptions(opts));
        output(io, opts.json, report, onboardingReportText(report, (await access.tenant()).locale));
      });
    });
  command
    .command('reasons')
    .description("the tenant's departure reason codes (departure signals carry one as reasonCode)")
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--set <codes>', 'replace the list (comma-separated, e.g. manager_change,growth,pay,other)')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; set?: string; json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        const access = await operator(db, opts.tenant);
        const result =
          opts.set !== undefined
            ? await setExitReasons(
                access,
                opts.set
                  .split(',')
                  .map((c) => c.trim())
                  .filter((c) => c !== ''),
              )
            : await readExitReasons(access);
        output(io, opts.json, result, result.codes.join('\n'));
      });
    });
}
