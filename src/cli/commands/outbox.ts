// `teampulse outbox list [--dead] [--tenant <slug>] [--json]` and `teampulse outbox retry <id>`:
// inspect outgoing messages and give dead-lettered ones another round of attempts.
import type { Command } from 'commander';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { OUTBOX_STATUSES as STATUSES, outboxMessages, retryDeadMessage } from '../../app/outbox/operator.js';
import type { OutboxStatus } from '../../storage/tables/delivery.js';

export function registerOutbox(outbox: Command, io: CliIo): void {
  outbox
    .command('list')
    .description('list outgoing messages (newest last)')
    .option('--dead', 'only dead-lettered messages')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--tenant <slug>', 'only this tenant')
    .option('--limit <n>', 'at most this many rows', '200')
    .option('--json', 'print JSON')
    .action(async (opts: { dead?: boolean; status?: string; tenant?: string; limit: string; json?: boolean }) => {
      if (opts.status && !STATUSES.includes(opts.status as OutboxStatus))
        throw new CliError(`--status must be one of ${STATUSES.join(', ')}`);
      if (!/^\d+$/.test(opts.limit) || Number(opts.limit) < 1)
        throw new CliError('--limit must be a positive whole number');
      const status = opts.dead ? 'dead' : (opts.status as OutboxStatus | undefined);
      await withDatabase(io, async ({ db }) => {
        const items = await outboxMessages(db, {
          ...(opts.tenant ? { tenantSlug: opts.tenant } : {}),
          ...(status ? { status } : {}),
          limit: Number(opts.limit),
        });
        const header = ['ID', 'TENANT', 'KIND', 'RECIPIENT', 'PLATFORM', 'STATUS', 'TRIES', 'WHEN', 'LAST ERROR'];
        const table = items.map((i) => [
          i.id,
          i.tenant,
          i.kind,
          i.recipient,
          i.platform,
          i.status,
          String(i.attempts),
          i.sentAt ?? i.nextAttemptAt,
          i.lastErrorCode ? `${i.lastErrorCode}: ${i.lastError ?? ''}` : '',
        ]);
        const text =
          items.length === 0
            ? status === 'dead'
              ? 'no dead messages'
              : 'no messages'
            : formatTable([header, ...table]);
        output(io, opts.json, items, text);
      });
    });

  outbox
    .command('retry <id>')
    .description('send a dead-lettered message again (attempts start from zero)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        await retryDeadMessage(db, id, new Date());
        output(
          io,
          opts.json,
          { id, status: 'pending' },
          `message ${id} queued again; the outbox worker sends it shortly`,
        );
      });
    });
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
