// `teampulse audit --tenant <slug> [--action …] [--subject <id>] [--since <instant>] [--limit n] [--before <id>]`:
// the append-only audit log, newest first — who read or changed what about whom, when, through which platform.
import type { Command } from 'commander';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { auditLogOfTenant } from '../../app/privacy/audit.js';

interface AuditOptions {
  tenant: string;
  action?: string;
  subject?: string;
  since?: string;
  limit: string;
  before?: string;
  json?: boolean;
}

export function registerAudit(audit: Command, io: CliIo): void {
  audit
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--action <action>', 'only this action (e.g. risk.read, profile.read, personal.export, erasure.done)')
    .option('--subject <id>', "only rows about this person's or team's id")
    .option('--since <instant>', 'only rows at or after this ISO 8601 instant')
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--before <id>', 'only rows older than this row id (paging)')
    .option('--json', 'print JSON')
    .action(async (opts: AuditOptions) => {
      if (!/^\d+$/.test(opts.limit) || Number(opts.limit) < 1 || Number(opts.limit) > 10_000)
        throw new CliError('--limit must be a whole number from 1 to 10000');
      const since = opts.since !== undefined ? new Date(opts.since) : undefined;
      if (since !== undefined && Number.isNaN(since.getTime()))
        throw new CliError('--since must be an ISO 8601 instant');
      await withDatabase(io, async ({ db }) => {
        const page = await auditLogOfTenant(db, opts.tenant, {
          limit: Number(opts.limit),
          ...(opts.before !== undefined ? { before: opts.before } : {}),
          ...(opts.action !== undefined ? { action: opts.action } : {}),
          ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
          ...(since !== undefined ? { since } : {}),
        });
        const text =
          page.items.length === 0
            ? 'no audit rows'
            : page.items
                .map(
                  (r) =>
                    `${r.id.padStart(6)}  ${r.at}  ${(r.source ?? '-').padEnd(8)} ${r.actor.padEnd(46)} ${r.action.padEnd(22)} ${r.subject ? `${r.subject.type}:${r.subject.id ?? '*'}` : ''}`,
                )
                .join('\n') + (page.nextCursor ? `\n… more: --before ${page.nextCursor}` : '');
        output(io, opts.json, page, text);
      });
    });
}
