// `teampulse outbox list [--dead] [--tenant <slug>] [--json]` and `teampulse outbox retry <id>`:
// inspect outgoing messages and give dead-lettered ones another round of attempts.
import type { Command } from 'commander';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { findOutboxById, listOutbox, reviveDeadOutbox } from '../../storage/repositories/outbox.js';
import { isUuid } from '../../storage/repositories/refs.js';
import type { OutboxStatus } from '../../storage/tables/delivery.js';

const STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

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
        let tenantId: string | undefined;
        if (opts.tenant) {
          const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', opts.tenant).executeTakeFirst();
          if (!tenant) throw new CliError(`no tenant with slug "${opts.tenant}"`);
          tenantId = tenant.id;
        }
        const rows = await listOutbox(db, {
          ...(tenantId ? { tenantId } : {}),
          ...(status ? { status } : {}),
          limit: Number(opts.limit),
        });
        const people = new Map<string, string>();
        const tenants = new Map<string, string>();
        if (rows.length) {
          for (const e of await db
            .selectFrom('employees')
            .select(['id', 'external_id'])
            .where('id', 'in', [...new Set(rows.map((r) => r.recipient_employee_id))])
            .execute())
            people.set(e.id, e.external_id);
          for (const t of await db
            .selectFrom('tenants')
            .select(['id', 'slug'])
            .where('id', 'in', [...new Set(rows.map((r) => r.tenant_id))])
            .execute())
            tenants.set(t.id, t.slug);
        }
        const items = rows.map((r) => ({
          id: r.id,
          tenant: tenants.get(r.tenant_id) ?? r.tenant_id,
          kind: r.kind,
          recipient: people.get(r.recipient_employee_id) ?? r.recipient_employee_id,
          platform: r.platform,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
          sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
          lastErrorCode: r.last_error_code,
          lastError: r.last_error,
          idempotencyKey: r.idempotency_key,
        }));
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
      if (!isUuid(id)) throw new CliError(`"${id}" is not an outbox id (see: teampulse outbox list --dead)`);
      await withDatabase(io, async ({ db }) => {
        const row = await findOutboxById(db, id);
        if (!row) throw new CliError(`no outbox message ${id}`);
        if (row.status !== 'dead')
          throw new CliError(`message ${id} is ${row.status}; only dead messages can be retried`);
        if (!(await reviveDeadOutbox(db, id, new Date())))
          throw new CliError(`message ${id} changed meanwhile; list it again`);
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
