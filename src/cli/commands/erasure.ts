// `teampulse erasure lift --tenant <slug> [--external-id <id>] [--identity <platform>:<user id> …]`: lift the
// tombstone an erasure left (e.g. the person is hired again), so the next import or directory sync creates them
// anew. Thin: src/app/privacy/tombstones.ts checks, deletes and audits (erasure.lift).
import type { Command } from 'commander';
import { output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { liftErasure } from '../../app/privacy/tombstones.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerErasure(command: Command, io: CliIo): void {
  command
    .command('lift')
    .description("lift an erased person's tombstone so a later import or sync may create them again (audited)")
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--external-id <id>', "the person's external id (HR system)")
    .option('--identity <platform:user id>', 'a platform user id, e.g. wecom:zhangsan (repeatable)', collect)
    .option('--json', 'print as JSON')
    .action(async (opts: { tenant: string; externalId?: string; identity?: string[]; json?: boolean }) => {
      const identities = (opts.identity ?? []).map((value) => {
        const at = value.indexOf(':');
        if (at <= 0 || at === value.length - 1)
          throw new CliError(`--identity must be <platform>:<user id> (got "${value}")`);
        return { platform: value.slice(0, at), userId: value.slice(at + 1) };
      });
      if (!opts.externalId && identities.length === 0) throw new CliError('name --external-id or --identity');
      await withOperator(io, opts.tenant, async ({ access }) => {
        const result = await liftErasure(access, {
          ...(opts.externalId ? { externalId: opts.externalId } : {}),
          identities,
        });
        output(io, opts.json, result, `${result.lifted} tombstone(s) lifted`);
      });
    });
}
