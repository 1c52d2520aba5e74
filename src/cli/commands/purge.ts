// `teampulse purge [--retention-days N] [--json]`: delete raw signal events past the retention window now
// (the scheduler runs the same purge daily at 03:30). Rollups are kept.
import type { Command } from 'commander';
import { t } from '../../core/i18n/index.js';
import { purgeRawEvents } from '../../app/signals/retention.js';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

export function registerPurge(command: Command, io: CliIo): void {
  command
    .option('--retention-days <n>', 'override the configured retention in days')
    .option('--json', 'print JSON')
    .action(async (opts: { retentionDays?: string; json?: boolean }) => {
      if (opts.retentionDays !== undefined && (!/^\d+$/.test(opts.retentionDays) || Number(opts.retentionDays) < 1)) {
        throw new CliError('--retention-days must be a whole number ≥ 1');
      }
      await withDatabase(io, async ({ db, config }) => {
        const retentionDays =
          opts.retentionDays !== undefined ? Number(opts.retentionDays) : config.rawEventRetentionDays;
        const result = await purgeRawEvents(db, { retentionDays, now: new Date() });
        output(
          io,
          opts.json,
          { ...result, retentionDays },
          t('en', 'signals.purge.summary', { deleted: result.deleted, cutoff: result.cutoff }),
        );
      });
    });
}
