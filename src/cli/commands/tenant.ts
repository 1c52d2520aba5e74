// `teampulse tenant create <slug> …`, `teampulse tenant list` and `teampulse tenant delete <slug> --confirm` (erases the
// tenant's data; its audit log is kept for its retention period).
import { Option, type Command } from 'commander';
import { withDatabase, output, outputRows, type CliIo } from '../context.js';
import { regionOption } from '../options.js';
import { allTenants, createTenant, deleteTenant, describeDeletion, LOCALES } from '../../app/directory/index.js';
import type { Tenant } from '../../storage/tables/directory.js';

const view = (t: Tenant) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  locale: t.locale,
  timezone: t.timezone,
  legalEntity: t.legal_entity,
  quietHours: t.quiet_hours,
  region: t.region,
  workingWeekdays: t.working_weekdays,
  createdAt: t.created_at.toISOString(),
});

/** A tenant's line in `tenant list`. */
const tenantCells = (t: ReturnType<typeof view>) => [
  t.slug,
  t.name,
  t.locale,
  t.timezone,
  t.legalEntity ?? '-',
  t.quietHours ? 'quiet-hours:on' : 'quiet-hours:off',
];

export function registerTenant(tenant: Command, io: CliIo): void {
  registerCreate(tenant, io);
  registerList(tenant, io);
  registerDelete(tenant, io);
}

function registerCreate(tenant: Command, io: CliIo): void {
  tenant
    .command('create')
    .description('create a tenant')
    .argument('<slug>', 'short unique name used by the CLI, e.g. acme')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--locale <locale>', 'language of messages').choices([...LOCALES]).default('zh-CN'))
    .option('--timezone <zone>', 'IANA time zone (default: TEAMPULSE_TIMEZONE)')
    .option('--legal-entity <name>', 'legal entity this tenant stands for')
    .option('--region <code>', 'holiday calendar: CN, HK, GB, GB-ENG, US, … or "none" (default: from the time zone)')
    .addOption(
      new Option('--quiet-hours <on|off>', 'no sends at weekends and after hours').choices(['on', 'off']).default('on'),
    )
    .option('--json', 'print the tenant as JSON')
    .action(
      async (
        slug: string,
        opts: {
          name: string;
          locale: string;
          timezone?: string;
          legalEntity?: string;
          region?: string;
          quietHours: string;
          json?: boolean;
        },
      ) => {
        await withDatabase(io, async ({ db, config }) => {
          const created = await createTenant(db, {
            slug,
            name: opts.name,
            locale: opts.locale,
            timezone: opts.timezone ?? config.timezone,
            legalEntity: opts.legalEntity ?? null,
            quietHours: opts.quietHours === 'on',
            ...regionOption(opts.region),
            actor: 'cli',
          });
          output(
            io,
            opts.json,
            view(created),
            `created tenant ${created.slug} (${created.name}, ${created.locale}, ${created.timezone}, ` +
              `calendar ${created.region ?? 'weekdays only'}) id ${created.id}`,
          );
        });
      },
    );
}

function registerList(tenant: Command, io: CliIo): void {
  tenant
    .command('list')
    .description('list tenants')
    .option('--json', 'print the tenants as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(io, async ({ db }) => {
        const tenants = (await allTenants(db)).map(view);
        outputRows(io, opts.json, tenants, tenantCells, 'no tenants yet: teampulse tenant create <slug> --name …');
      });
    });
}

function registerDelete(tenant: Command, io: CliIo): void {
  tenant
    .command('delete')
    .description(
      'erase a tenant and all its data; its audit log is kept for the audit retention, TEAMPULSE_AUDIT_RETENTION_YEARS (asks for --confirm)',
    )
    .argument('<slug>', 'the tenant to delete')
    .option('--confirm', 'really delete it (without: say what would be erased, change nothing, exit 1)')
    .option('--json', 'print what was erased as JSON')
    .action(async (slug: string, opts: { confirm?: boolean; json?: boolean }) => {
      await withDatabase(io, async ({ db, config }) => {
        const deletion = await deleteTenant(db, {
          slug,
          confirm: opts.confirm === true,
          actor: 'cli',
          auditRetentionYears: config.auditRetentionYears,
        });
        output(
          io,
          opts.json,
          deletion,
          `deleted tenant ${deletion.tenant.slug} (${deletion.tenant.name}): erased ${describeDeletion(deletion)}; ` +
            `its ${deletion.counts.auditEntries} audit entries are kept until ${deletion.auditKeptUntil}`,
        );
      });
    });
}
