// `teampulse weights set|list --tenant <slug>`: scorecard weight overrides, tenant-wide or per team or person. Every
// change is a new version and audited; `list` shows the defaults and every version.
import type { Command } from 'commander';
import { listWeights, setWeights } from '../../app/performance/weights.js';
import type { WeightSet } from '../../core/performance/index.js';
import { asOperator, output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';

/** "25%" or "0.25" → 0.25 for shares; multipliers as plain numbers ("1.1"). */
function share(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(value.trim());
  if (!m) throw new CliError(`${flag} must be a number or a percentage (e.g. 25% or 0.25)`);
  return m[2] === '%' ? Number(m[1]) / 100 : Number(m[1]);
}

interface SetOptions {
  tenant: string;
  team?: string;
  employee?: string;
  helping?: string;
  projects?: string;
  resources?: string;
  metMultiplier?: string;
  missedMultiplier?: string;
  note?: string;
  json?: boolean;
}

export function registerWeights(command: Command, io: CliIo): void {
  command
    .command('set')
    .description('override scorecard weights (tenant-wide, --team or --employee); a new audited version')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--team <team>', 'only this team')
    .option('--employee <person>', 'only this person')
    .option('--helping <share>', 'helping colleagues (default 10%)')
    .option('--projects <share>', 'team projects (default 15%)')
    .option('--resources <share>', 'resource sharing (default 5%)')
    .option('--met-multiplier <x>', 'individual weight × this when the team met its goal (default 1.10)')
    .option('--missed-multiplier <x>', 'individual weight × this when it missed (default 0.95)')
    .option('--note <text>', 'why (kept with the version)')
    .option('--json', 'print JSON')
    .action(async (opts: SetOptions) => {
      const weights: Partial<WeightSet> = {};
      if (opts.helping !== undefined) weights.helping = share('--helping', opts.helping);
      if (opts.projects !== undefined) weights.projects = share('--projects', opts.projects);
      if (opts.resources !== undefined) weights.resources = share('--resources', opts.resources);
      if (opts.metMultiplier !== undefined) weights.metMultiplier = share('--met-multiplier', opts.metMultiplier);
      if (opts.missedMultiplier !== undefined)
        weights.missedMultiplier = share('--missed-multiplier', opts.missedMultiplier);
      if (Object.keys(weights).length === 0) throw new CliError('name at least one weight to set (see --help)');
      await withOperator(io, opts.tenant, async ({ access }) => {
        const version = await setWeights(access, {
          ...(opts.team !== undefined ? { team: opts.team } : {}),
          ...(opts.employee !== undefined ? { employee: opts.employee } : {}),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
          weights,
        });
        output(
          io,
          opts.json,
          version,
          `weights v${version.version} (${version.scope}${version.subject ? ` ${version.subject}` : ''}): ` +
            Object.entries(version.weights)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
        );
      });
    });
  command
    .command('list')
    .description('the default weights and every override version')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print JSON')
    .action(
      asOperator(io, async ({ access }, opts: { tenant: string; json?: boolean }) => {
        const list = await listWeights(access);
        const lines = [
          `defaults: ${Object.entries(list.defaults)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
          ...list.versions.map(
            (v) =>
              `v${v.version} ${v.scope}${v.subject ? ` ${v.subject}` : ''}: ${Object.entries(v.weights)
                .map(([k, x]) => `${k} ${x}`)
                .join(', ')} — ${v.createdBy} ${v.createdAt}${v.note ? ` (${v.note})` : ''}`,
          ),
        ];
        output(io, opts.json, list, lines.join('\n'));
      }),
    );
}
