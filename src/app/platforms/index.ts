// Platform installations and channel links: the use cases the CLI, the HTTP routes and the adapters' composition
// call. Secrets are sealed with the service's encryption key (secret-box.ts).
import type { Kysely } from 'kysely';
import type { ChatPlatform, InstallationLookup } from '../../core/inbound-port.js';
import type { Config } from '../../config.js';
import type { Database } from '../../storage/database.js';
import { findTenantBySlug } from '../../storage/repositories/tenants.js';
import { findTeamByRef } from '../../storage/repositories/refs.js';
import {
  channelTeams,
  linkChannel,
  setTenantPlatformIfUnset,
  unlinkChannel,
} from '../../storage/repositories/platforms.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { NotFoundError } from '../errors.js';
import { SecretBox } from './secret-box.js';
import { savePlatformInstallation } from './installations.js';
import { splitCredentials } from './credentials.js';
import { inboundLookupsChanged } from '../inbound/lookup-cache.js';

export * from './installations.js';
export * from './credentials.js';
export { createInstallationRegistry } from './registry.js';
export { SecretBox, SecretBoxError, parseEncryptionKey } from './secret-box.js';

export const CHAT_PLATFORMS: readonly ChatPlatform[] = ['slack', 'dingtalk', 'wecom'];

/** The service's SecretBox, or undefined when no encryption key is configured. */
export function secretBoxFromConfig(
  config: Pick<Config, 'encryptionKeys' | 'encryptionAlgorithm'>,
): SecretBox | undefined {
  return config.encryptionKeys.length ? new SecretBox(config.encryptionKeys, config.encryptionAlgorithm) : undefined;
}

async function tenantIdOf(db: Kysely<Database>, slug: string): Promise<string> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new NotFoundError(`unknown tenant "${slug}"`, [{ path: '/tenant', message: 'no such tenant' }]);
  return tenant.id;
}

/**
 * At start: every tenant with an installation (stored, or the environment's for the default tenant) routes its
 * messages to that platform, unless tenants.settings.platform already names one. Returns the tenants changed.
 */
export async function connectTenantPlatforms(db: Kysely<Database>, installations: InstallationLookup): Promise<number> {
  let changed = 0;
  for (const platform of CHAT_PLATFORMS) {
    for (const installation of await installations.list(platform)) {
      if (await setTenantPlatformIfUnset(db, installation.tenantId, platform)) changed++;
    }
  }
  return changed;
}

/** `teampulse platform add`: validates the fields, seals the secrets, stores the installation for the tenant. */
export async function addPlatformInstallation(
  db: Kysely<Database>,
  secretBox: SecretBox | undefined,
  input: { tenantSlug: string; platform: ChatPlatform; values: Record<string, string>; actor: string },
): Promise<{ id: string; created: boolean; installationKey: string }> {
  const tenantId = await tenantIdOf(db, input.tenantSlug);
  const { installationKey, secrets, settings } = splitCredentials(input.platform, input.values);
  const result = await savePlatformInstallation(db, secretBox, {
    tenantId,
    platform: input.platform,
    installationKey,
    secrets,
    settings,
    actor: input.actor,
  });
  return { ...result, installationKey };
}

/** Marks a platform channel as a team's channel (its messages count as team-channel activity). */
export async function linkTeamChannel(
  db: Kysely<Database>,
  input: { tenantId: string; platform: ChatPlatform; channelId: string; team: string; actor: string },
): Promise<{ teamId: string; teamExternalId: string }> {
  const team = await findTeamByRef(db, input.tenantId, input.team);
  if (!team) throw new NotFoundError(`unknown team "${input.team}"`, [{ path: '/team', message: 'no such team' }]);
  await linkChannel(db, {
    tenantId: input.tenantId,
    platform: input.platform,
    channelId: input.channelId,
    teamId: team.id,
  });
  inboundLookupsChanged(input.tenantId);
  await recordAudit(db, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'channel.link',
    subjectType: 'team',
    subjectId: team.id,
    details: { platform: input.platform, channelId: input.channelId },
  });
  return { teamId: team.id, teamExternalId: team.external_id };
}

export async function unlinkTeamChannel(
  db: Kysely<Database>,
  input: { tenantId: string; platform: ChatPlatform; channelId: string; actor: string },
): Promise<boolean> {
  const removed = await unlinkChannel(db, input.tenantId, input.platform, input.channelId);
  if (removed) {
    inboundLookupsChanged(input.tenantId);
    await recordAudit(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'channel.unlink',
      subjectType: 'channel',
      subjectId: input.channelId,
      details: { platform: input.platform },
    });
  }
  return removed;
}

/** The team of each linked channel (adapters classify messages with it). */
export const teamsOfChannels = channelTeams;
