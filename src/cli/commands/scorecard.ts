// `teampulse scorecard <person> --tenant <slug> --period 2026-11|2026-Q4 [--locale] [--json]`: a person's scorecard
// with each component, its weight and where the weight came from (audited like every read of a person).
import type { Command } from 'commander';
import { readScorecard } from '../../app/performance/scorecard.js';
import { renderScorecard } from '../../core/performance/index.js';
import type { Locale } from '../../core/i18n/index.js';
import { output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

export function registerScorecard(command: Command, io: CliIo): void {
  command
    .argument('<person>', 'external id (or internal id) of the person')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--period <period>', 'a month YYYY-MM or a quarter YYYY-Qn')
    .option('--locale <locale>', "zh-CN or en (default: the tenant's)")
    .option('--json', 'print JSON')
    .action(async (person: string, opts: { tenant: string; period: string; locale?: string; json?: boolean }) => {
      if (opts.locale !== undefined && opts.locale !== 'en' && opts.locale !== 'zh-CN')
        throw new CliError('--locale must be zh-CN or en');
      await withOperator(io, opts.tenant, async ({ access, tenant }) => {
        const card = await readScorecard(access, person, {
          period: opts.period,
          now: new Date(),
        });
        output(io, opts.json, card, renderScorecard((opts.locale as Locale | undefined) ?? tenant.locale, card));
      });
    });
}
