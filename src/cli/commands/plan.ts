// `teampulse plan start <person> <template> --tenant <slug>`, `plan list <person>`, `plan nudge` (send the due step
// nudges and, with --progress, the managers' weekly lines now — what the scheduler does daily and on Mondays).
import type { Command } from 'commander';
import { listPlans, startPlan } from '../../app/performance/plans/start.js';
import { sendDueStepNudges } from '../../app/performance/plans/nudges.js';
import { sendWeeklyProgress } from '../../app/performance/plans/progress.js';
import type { PlanView } from '../../app/performance/plans/templates.js';
import { PLAN_TEMPLATE_NAMES } from '../../core/performance/index.js';
import { isDay, localDay } from '../../core/time.js';
import { output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

/** `started` — the answer to `plan start`: says when the template was already running for the person. */
const planText = (plan: PlanView, started = false) =>
  [
    `${plan.employee.name} (${plan.employee.externalId}): ${plan.template} — ${plan.status}, started ${plan.startDay}` +
      (started && !plan.created ? ' (already running)' : ''),
    ...plan.steps.map((s) => `  ${s.doneAt ? '✓' : '•'} ${s.dueDay}  ${s.step} (${s.owner})`),
  ].join('\n');

export function registerPlan(command: Command, io: CliIo): void {
  command
    .command('start')
    .description(`start a development plan (${PLAN_TEMPLATE_NAMES.join(', ')}); the person is told at once`)
    .argument('<person>', 'external id (or internal id)')
    .argument('<template>', PLAN_TEMPLATE_NAMES.join(' | '))
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (person: string, template: string, opts: { tenant: string; json?: boolean }) => {
      await withOperator(io, opts.tenant, async ({ access, config }) => {
        const plan = await startPlan(access, person, template, {
          now: new Date(),
          quietHours: config.quietHours,
        });
        output(io, opts.json, plan, planText(plan, true));
      });
    });
  command
    .command('list')
    .description("a person's development plans and their steps")
    .argument('<person>', 'external id (or internal id)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(async (person: string, opts: { tenant: string; json?: boolean }) => {
      await withOperator(io, opts.tenant, async ({ access }) => {
        const plans = await listPlans(access, person);
        output(io, opts.json, plans, plans.length ? plans.map((p) => planText(p)).join('\n\n') : 'no plans');
      });
    });
  command
    .command('nudge')
    .description('send the nudges of steps due now (the daily job) and, with --progress, the weekly manager lines')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--as-of <day>', 'as if today were this day (YYYY-MM-DD)')
    .option('--progress', 'also send each manager the weekly progress line')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; asOf?: string; progress?: boolean; json?: boolean }) => {
      if (opts.asOf !== undefined && !isDay(opts.asOf)) throw new CliError('--as-of must be a day YYYY-MM-DD');
      await withOperator(io, opts.tenant, async ({ db, config, tenant }) => {
        const today = opts.asOf ?? localDay(new Date(), tenant.timezone);
        const deps = { db, quietHours: config.quietHours };
        const nudges = await sendDueStepNudges(deps, tenant.id, today);
        const managers = opts.progress ? await sendWeeklyProgress(deps, tenant.id, today) : 0;
        output(
          io,
          opts.json,
          { today, nudges, managers },
          `${nudges} step nudges queued${opts.progress ? `, ${managers} manager progress lines` : ''} (as of ${today})`,
        );
      });
    });
}
