// `teampulse slack install-link --tenant <slug>`: prints the signed install link for a tenant (send it to the
// workspace admin; installing through it binds that workspace to the tenant). Requires Slack OAuth.
import type { Command } from 'commander';
import { output, withDatabase, type CliIo } from '../context.js';
import { slackInstallLink } from '../../app/platforms/slack-install-link.js';

export function registerSlack(slack: Command, io: CliIo): void {
  slack
    .command('install-link')
    .description('print the signed /slack/install link that installs a Slack workspace for a tenant (needs OAuth)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withDatabase(io, async ({ db, config }) => {
        const link = await slackInstallLink(db, {
          tenantSlug: opts.tenant,
          stateSecret: config.slack?.oauth?.stateSecret,
          baseUrl: config.baseUrl,
        });
        output(io, opts.json, link, link.url);
      });
    });
}
