// `teampulse score [--tenant <slug>] [--as-of YYYY-MM-DD] [--json]`: runs the scoring on demand (the same use-case
// as the daily schedule, including alert planning unless --no-alerts) and prints a summary.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { isDay } from '../../core/time.js';
import { runScoring, type ScoringSummary } from '../../app/scoring/run.js';
import { alertsAfterTenantScored } from '../../app/alerts/index.js';
import { requireTenant } from '../../app/directory/index.js';

interface ScoreOptions {
  tenant?: string;
  asOf?: string;
  json?: boolean;
  alerts: boolean;
}

export function summaryText(summary: ScoringSummary): string {
  const lines = summary.tenants.map(
    (t) =>
      `${t.tenantSlug} as of ${t.asOf} (rules v${t.ruleVersion}): ${t.employees} employees — ${t.scored} scored, ` +
      `${t.insufficientHistory} insufficient history, ${t.noData} no data; risk high ${t.levels.high}, medium ${t.levels.medium}, low ${t.levels.low}; ` +
      `teams positive ${t.teams.positive}, neutral ${t.teams.neutral}, negative ${t.teams.negative}`,
  );
  if (summary.tenants.length > 1) {
    const sum = (pick: (t: ScoringSummary['tenants'][number]) => number) =>
      summary.tenants.reduce((a, t) => a + pick(t), 0);
    lines.push(
      `total: ${summary.tenants.length} tenants, ${sum((t) => t.scored)} scored, ${sum((t) => t.insufficientHistory)} insufficient history, ` +
        `${sum((t) => t.noData)} no data, ` +
        `high ${sum((t) => t.levels.high)}, medium ${sum((t) => t.levels.medium)}, low ${sum((t) => t.levels.low)}`,
    );
  }
  if (summary.tenants.length === 0) lines.push('no tenants to score');
  return lines.join('\n');
}

export function registerScore(command: Command, io: CliIo): void {
  command
    .option('--tenant <slug>', 'only this tenant')
    .option('--as-of <day>', 'score as of this day (YYYY-MM-DD)')
    .option('--no-alerts', 'do not plan alerts after scoring')
    .option('--json', 'print the summary as JSON')
    .action(async (options: ScoreOptions) => {
      if (options.asOf !== undefined && !isDay(options.asOf))
        throw new CliError(`--as-of must be a calendar day YYYY-MM-DD (got "${options.asOf}")`);
      await withDatabase(io, async ({ db, config }) => {
        const tenantId = options.tenant !== undefined ? (await requireTenant(db, options.tenant)).id : undefined;
        const bar = io.stderr.isTTY
          ? new cliProgress.SingleBar(
              { stream: io.stderr, format: 'scoring {tenant} [{bar}] {value}/{total} employees', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        let current: string | undefined;
        try {
          const summary = await runScoring(
            {
              db,
              ...(options.alerts
                ? { afterTenantScored: alertsAfterTenantScored({ db, quietHours: config.quietHours }) }
                : {}),
            },
            {
              ...(tenantId ? { tenantId } : {}),
              ...(options.asOf ? { asOf: options.asOf } : {}),
              onProgress: (p) => {
                if (!bar) return;
                if (current !== p.tenantId) {
                  if (current !== undefined) bar.stop();
                  bar.start(p.total, p.done, { tenant: p.tenantSlug });
                  current = p.tenantId;
                } else bar.update(p.done);
              },
            },
          );
          bar?.stop();
          output(io, options.json, summary, summaryText(summary));
        } catch (error) {
          bar?.stop();
          throw error;
        }
      });
    });
}
