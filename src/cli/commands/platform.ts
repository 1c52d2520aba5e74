// `teampulse platform add|list|remove|rotate-key`: connect a tenant to Slack, DingTalk or WeCom. Secrets are sealed
// with TEAMPULSE_ENCRYPTION_KEY before they are stored; `list` shows field names, never values. Pass secrets with
// --from-env (the same SLACK_*/DINGTALK_*/WECOM_* variables the service reads) or --set name=value.
import type { Command } from 'commander';
import { withDatabase, output, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import {
  addPlatformInstallation,
  CHAT_PLATFORMS,
  credentialValuesFromEnv,
  listPlatformInstallations,
  PLATFORM_CREDENTIALS,
  removePlatformInstallation,
  resealPlatformSecrets,
  secretBoxFromConfig,
  tenantBySlug,
} from '../../app/platforms/cli.js';
import type { ChatPlatform } from '../../core/inbound-port.js';

function parseSets(sets: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const item of sets) {
    const at = item.indexOf('=');
    if (at <= 0) throw new CliError(`--set expects name=value (got "${item}")`);
    values[item.slice(0, at)] = item.slice(at + 1);
  }
  return values;
}

/** Each platform's credential fields, for `platform add --help`. */
const fieldHelp = () =>
  CHAT_PLATFORMS.map(
    (p) =>
      `  ${p}: ${PLATFORM_CREDENTIALS[p].fields.map((f) => `${f.name}${f.required ? '' : '?'}${f.secret ? ' (secret)' : ''}`).join(', ')}`,
  ).join('\n');

export function registerPlatform(platform: Command, io: CliIo): void {
  registerAdd(platform, io);
  registerList(platform, io);
  registerRemove(platform, io);
  registerRotateKey(platform, io);
}

function registerAdd(platform: Command, io: CliIo): void {
  installationCommand(platform, 'add', 'connect a tenant to a platform (secrets are stored sealed)')
    .option('--set <name=value...>', 'a field of the installation (repeatable)', [])
    .option('--from-env', 'take the fields from the SLACK_*/DINGTALK_*/WECOM_* environment variables')
    .option('--json', 'machine-readable output')
    .addHelpText('after', `\nFields:\n${fieldHelp()}`)
    .action(async (name: string, opts: { tenant: string; set: string[]; fromEnv?: boolean; json?: boolean }) => {
      const chat = toPlatform(name);
      await withDatabase(io, async ({ db, config }) => {
        const fromEnv = opts.fromEnv ? credentialValuesFromEnv(chat, config) : {};
        if (opts.fromEnv && !fromEnv) throw new CliError(`no ${chat} credentials in the environment`);
        const values = { ...fromEnv, ...parseSets(opts.set) };
        if (chat === 'slack' && !values.signingSecret && config.slack)
          values.signingSecret = config.slack.signingSecret;
        const result = await addPlatformInstallation(db, secretBoxFromConfig(config), {
          tenantSlug: opts.tenant,
          platform: chat,
          values,
          actor: 'cli',
        });
        output(
          io,
          opts.json,
          { platform: chat, installationKey: result.installationKey, created: result.created },
          `${result.created ? 'connected' : 'updated'} ${chat} installation ${result.installationKey} for ${opts.tenant}`,
        );
      });
    });
}

function registerList(platform: Command, io: CliIo): void {
  platform
    .command('list')
    .description('list installations (field names only, never secret values)')
    .option('--tenant <slug>', 'only this tenant')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withDatabase(io, async ({ db, config }) => {
        const tenantId = opts.tenant ? (await tenantBySlug(db, opts.tenant!)).id : undefined;
        const rows = await listPlatformInstallations(db, secretBoxFromConfig(config), tenantId);
        const text = rows.length
          ? rows
              .map(
                (r) =>
                  `${r.platform.padEnd(9)} ${r.installationKey.padEnd(28)} sealed with key ${r.sealedWithKey}  fields: ${r.secretFields?.join(', ') ?? '(cannot open: key missing)'}`,
              )
              .join('\n')
          : 'no installations stored (credentials from the environment are not listed here)';
        output(io, opts.json, rows, text);
      });
    });
}

function registerRemove(platform: Command, io: CliIo): void {
  installationCommand(platform, 'remove', 'disconnect an installation')
    .argument('<installation key>', 'as `platform list` shows it')
    .option('--json', 'machine-readable output')
    .action(async (name: string, key: string, opts: { tenant: string; json?: boolean }) => {
      const chat = toPlatform(name);
      await withDatabase(io, async ({ db }) => {
        const tenant = await tenantBySlug(db, opts.tenant);
        await removePlatformInstallation(db, {
          tenantId: tenant.id,
          platform: chat,
          installationKey: key,
          actor: 'cli',
        });
        output(
          io,
          opts.json,
          { platform: chat, installationKey: key, removed: true },
          `removed ${chat} installation ${key} from ${opts.tenant}`,
        );
      });
    });
}

function registerRotateKey(platform: Command, io: CliIo): void {
  platform
    .command('rotate-key')
    .description(
      're-seal every stored secret with the first TEAMPULSE_ENCRYPTION_KEY (list the old key after it until this has run)',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(io, async ({ db, config }) => {
        const box = secretBoxFromConfig(config);
        if (!box) throw new CliError('TEAMPULSE_ENCRYPTION_KEY is not set');
        const result = await resealPlatformSecrets(db, box);
        output(
          io,
          opts.json,
          { ...result, keyId: box.currentKeyId },
          `re-sealed ${result.resealed} installation(s) with key ${box.currentKeyId}; ${result.unchanged} already current`,
        );
      });
    });
}

/** A sub-verb about one tenant's installation of a platform: `<platform> … --tenant <slug>`. */
function installationCommand(platform: Command, name: string, description: string): Command {
  return platform
    .command(name)
    .description(description)
    .argument('<platform>', `one of ${CHAT_PLATFORMS.join(', ')}`)
    .requiredOption('--tenant <slug>', 'tenant slug');
}

function toPlatform(name: string): ChatPlatform {
  if (!(CHAT_PLATFORMS as readonly string[]).includes(name)) {
    throw new CliError(`unknown platform "${name}": one of ${CHAT_PLATFORMS.join(', ')}`);
  }
  return name as ChatPlatform;
}
