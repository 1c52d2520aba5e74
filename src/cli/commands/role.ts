// `teampulse role grant|revoke|list`: who is HR or admin, tenant-wide or for a team sub-tree. HR grants decide
// who receives alerts that cannot go to a manager, team warnings and the weekly digest.
import { Option, type Command } from 'commander';
import { withDatabase, output, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { grantRole, revokeRole, roleGrantsOf, ROLES } from '../../app/directory/index.js';

interface GrantOptions {
  tenant: string;
  employee: string;
  role: string;
  team?: string;
  entity?: string;
  json?: boolean;
}

export function registerRole(role: Command, io: CliIo): void {
  const withGrantOptions = (command: Command) =>
    command
      .requiredOption('--tenant <slug>', 'tenant slug')
      .requiredOption('--employee <external id>', 'the person')
      .addOption(new Option('--role <role>', 'the role').choices([...ROLES]).makeOptionMandatory())
      .option('--team <external id>', 'limit the grant to this team and the teams below it (default: whole tenant)')
      .option('--entity <legal entity>', "limit the grant to one legal entity's people and teams")
      .option('--json', 'machine-readable output');

  withGrantOptions(role.command('grant').description('grant a role (idempotent)')).action(
    async (opts: GrantOptions) => {
      await withDatabase(io, async ({ db }) => {
        const { created } = await grantRole(db, grantInput(opts));
        const scope = opts.team
          ? `team ${opts.team} and below`
          : opts.entity
            ? `legal entity ${opts.entity}`
            : 'the whole tenant';
        output(
          io,
          opts.json,
          { created },
          created
            ? `granted ${opts.role} to ${opts.employee} for ${scope}`
            : `${opts.employee} already has ${opts.role} for ${scope}`,
        );
      });
    },
  );

  withGrantOptions(role.command('revoke').description('revoke a role')).action(async (opts: GrantOptions) => {
    await withDatabase(io, async ({ db }) => {
      const { removed } = await revokeRole(db, grantInput(opts));
      if (removed === 0)
        throw new CliError(
          `${opts.employee} has no ${opts.role} grant${opts.team ? ` for team ${opts.team}` : ' for the whole tenant'}`,
        );
      output(io, opts.json, { removed }, `revoked ${opts.role} from ${opts.employee}`);
    });
  });

  role
    .command('list')
    .description('list the role grants of a tenant')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        const grants = await roleGrantsOf(db, opts.tenant);
        const lines = grants.map(
          (g) =>
            `${g.role.padEnd(8)} ${g.employeeExternalId} (${g.employeeName})  ${g.scopeTeamExternalId ? `team ${g.scopeTeamExternalId} and below` : g.scopeLegalEntity ? `legal entity ${g.scopeLegalEntity}` : 'whole tenant'}`,
        );
        output(io, opts.json, grants, lines.length ? lines.join('\n') : 'no role grants');
      });
    });
}

/** The grant the options name, as the CLI (actor "cli") asks for it. */
function grantInput(opts: GrantOptions) {
  return {
    tenantSlug: opts.tenant,
    employee: opts.employee,
    role: opts.role,
    ...(opts.team ? { team: opts.team } : {}),
    ...(opts.entity ? { entity: opts.entity } : {}),
    actor: 'cli',
  };
}
