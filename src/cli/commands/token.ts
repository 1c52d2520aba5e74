// `teampulse token create --tenant <slug> --role <role> [--employee <external id>] [--name …]`: prints a new API
// token once; only its hash is stored. `token list --tenant <slug>` shows the tenant's tokens (never their secrets);
// `token revoke <id> --tenant <slug>` revokes one by the id `create --json` printed.
import { Option, type Command } from 'commander';
import { withDatabase, output, outputRows, type CliIo } from '../context.js';
import { issueToken, ROLES } from '../../app/directory/index.js';
import { listTokens, revokeToken, type TokenView } from '../../app/tokens/index.js';

/** A token's line in `token list`. */
const tokenCells = (t: TokenView) => [
  t.id,
  t.role,
  t.status,
  t.name,
  t.employeeExternalId ? `employee:${t.employeeExternalId}` : '-',
  t.scopeTeamExternalId ? `team:${t.scopeTeamExternalId}` : '-',
  `last used ${t.lastUsedAt ?? 'never'}`,
];

export function registerToken(token: Command, io: CliIo): void {
  registerCreate(token, io);
  registerList(token, io);
  registerRevoke(token, io);
}

function registerCreate(token: Command, io: CliIo): void {
  token
    .command('create')
    .description('create an API token for one tenant and role; it is printed once')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .option('--employee <external id>', 'the employee this token acts for (their own data, their reports)')
    .option('--scope-team <external id>', 'limit the token to this team and the teams below it')
    .option('--scope-entity <legal entity>', "limit the token to one legal entity's people and teams")
    .option('--name <name>', 'a label to recognise the token by')
    .option('--json', 'print the token and its metadata as JSON')
    .action(
      async (opts: {
        tenant: string;
        role: string;
        employee?: string;
        scopeTeam?: string;
        scopeEntity?: string;
        name?: string;
        json?: boolean;
      }) => {
        await withDatabase(io, async ({ db }) => {
          const {
            token: secret,
            row,
            tenant,
          } = await issueToken(db, {
            tenantSlug: opts.tenant,
            role: opts.role,
            ...(opts.employee !== undefined ? { employee: opts.employee } : {}),
            ...(opts.scopeTeam !== undefined ? { scopeTeam: opts.scopeTeam } : {}),
            ...(opts.scopeEntity !== undefined ? { scopeEntity: opts.scopeEntity } : {}),
            ...(opts.name !== undefined ? { name: opts.name } : {}),
            actor: 'cli',
          });
          output(
            io,
            opts.json,
            {
              token: secret,
              id: row.id,
              tenant: tenant.slug,
              role: row.role,
              name: row.name,
              employeeId: row.employee_id,
              scopeTeamId: row.scope_team_id,
            },
            secret,
          );
          io.stderr.write(
            `token "${row.name}" (${row.role}) for tenant ${tenant.slug} created. Store it now: it will not be shown again.\n`,
          );
        });
      },
    );
}

function registerList(token: Command, io: CliIo): void {
  token
    .command('list')
    .description(
      "list a tenant's API tokens: id, role, status (active, revoked, inactive: its employee left), last use",
    )
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print the tokens as JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        const tokens = await listTokens(db, { tenantSlug: opts.tenant });
        outputRows(
          io,
          opts.json,
          tokens,
          tokenCells,
          `no tokens in tenant ${opts.tenant}: teampulse token create --tenant ${opts.tenant} --role …`,
        );
      });
    });
}

function registerRevoke(token: Command, io: CliIo): void {
  token
    .command('revoke')
    .description('revoke an API token: its next request is refused with 401')
    .argument('<id>', 'the token id (from `token create --json` or `token list`)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print the revoked token as JSON')
    .action(async (id: string, opts: { tenant: string; json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        const revoked = await revokeToken(db, { tenantSlug: opts.tenant, id, actor: 'cli' });
        output(
          io,
          opts.json,
          revoked,
          revoked.alreadyRevoked
            ? `token ${revoked.id} ("${revoked.name}") was already revoked at ${revoked.revokedAt}`
            : `revoked token ${revoked.id} ("${revoked.name}", ${revoked.role}): it is refused from now on`,
        );
      });
    });
}
