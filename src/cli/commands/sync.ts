// `teampulse sync <platform> --tenant <slug> [--json]`: reads the platform's address book with the tenant's
// installation (stored, or DINGTALK_* for the default tenant) and upserts it into the directory — departments as
// teams, department managers as managers, members as employees linked to their platform user id. Re-running it
// changes nothing unless the address book changed; an existing employee's new manager is stored as a manager change.
import type { Command } from 'commander';
import { output, withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { envInstallations, InstallationDirectory, secretBoxFromConfig, tenantBySlug } from '../../app/platforms/cli.js';
import { syncPlatformDirectory } from '../../app/platforms/sync.js';
import { createDirectorySource } from '../../compose/platforms.js';
import type { ChatPlatform } from '../../core/inbound-port.js';

const SYNCABLE = ['dingtalk', 'wecom'] as const;

export function registerSync(sync: Command, io: CliIo): void {
  sync
    .argument('<platform>', `one of ${SYNCABLE.join(', ')}`)
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print a machine-readable summary')
    .action(async (name: string, opts: { tenant: string; json?: boolean }) => {
      if (!(SYNCABLE as readonly string[]).includes(name))
        throw new CliError(`cannot sync "${name}": one of ${SYNCABLE.join(', ')}`);
      const platform = name as ChatPlatform;
      await withDatabase(io, async ({ db, config }) => {
        const tenant = await tenantBySlug(db, opts.tenant);
        const secretBox = secretBoxFromConfig(config);
        const installations = new InstallationDirectory({
          db,
          env: envInstallations(config),
          ...(secretBox ? { secretBox } : {}),
          ...(config.defaultTenant ? { defaultTenantSlug: config.defaultTenant } : {}),
        });
        const source = createDirectorySource(config, platform, installations);
        if (!source) throw new CliError(`${platform} has no address book to sync in this version`);
        if (!(await installations.forTenant(tenant.id, platform)))
          throw new CliError(
            `tenant ${tenant.slug} has no ${platform} installation (teampulse platform add ${platform} --tenant ${tenant.slug} …)`,
          );
        const result = await syncPlatformDirectory(db, tenant.id, source, { actor: 'cli', now: () => new Date() });
        const c = (x: { created: number; updated: number; unchanged: number }) =>
          `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`;
        output(
          io,
          opts.json,
          { ok: true, tenant: tenant.slug, ...result },
          `synced ${platform} into ${tenant.slug}: ${result.departments} departments, ${result.members} members; ` +
            `teams ${c(result.teams)}; employees ${c(result.employees)}; ${result.managerChanges} manager change(s)` +
            (result.unreadable.length
              ? `\n${platform} would not show ${result.unreadable.join(', ')}: left as they were (ids only)`
              : ''),
        );
      });
    });
}
