// Where a platform request's credentials and tenant come from. Two origins: the service's environment (SLACK_*,
// DINGTALK_*, WECOM_* — they belong to the tenant named by TEAMPULSE_DEFAULT_TENANT, or to the only tenant) and
// the database (`teampulse platform add`, Slack OAuth installs), whose secrets are sealed with the SecretBox.
// Lookups are cached briefly: every webhook request needs one, and installations change rarely.
import type { Kysely } from 'kysely';
import type { ChatPlatform, InstallationInfo, InstallationInput, InstallationLookup } from '../../core/inbound-port.js';
import type { Database } from '../../storage/database.js';
import {
  deleteInstallation,
  findInstallationByKey,
  findInstallationOfTenant,
  listInstallations,
  setTenantPlatformIfUnset,
  updateSealedSecrets,
  upsertInstallation,
  type InstallationRecord,
} from '../../storage/repositories/platforms.js';
import { findTenantBySlug } from '../../storage/repositories/tenants.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { SecretBoxError, type SecretBox } from './secret-box.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';

/** Credentials from the environment, not yet bound to a tenant. */
export interface EnvInstallation {
  platform: ChatPlatform;
  /**
   * The key requests carry (DingTalk client id, WeCom "<corp>:<agent>"); '*' matches any key that has no
   * installation in the database — a single Slack workspace configured by hand does not know its team id upfront.
   */
  installationKey: string;
  secrets: Record<string, string>;
  settings: Record<string, unknown>;
}

export interface InstallationDirectoryDeps {
  db: Kysely<Database>;
  secretBox?: SecretBox;
  env?: readonly EnvInstallation[];
  /** config.defaultTenant. */
  defaultTenantSlug?: string;
  logger?: { warn(obj: object, msg?: string): void };
  cacheMs?: number;
  now?: () => number;
}

export class InstallationDirectory implements InstallationLookup {
  private readonly cache = new Map<string, { at: number; value: InstallationInfo | undefined }>();
  private envTenantId: string | undefined;
  private warned = false;

  constructor(private readonly deps: InstallationDirectoryDeps) {}

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async find(platform: ChatPlatform, installationKey: string): Promise<InstallationInfo | undefined> {
    const key = `${platform}|${installationKey}`;
    const cached = this.cache.get(key);
    if (cached && this.now - cached.at < (this.deps.cacheMs ?? 30_000)) return cached.value;
    const value = await this.lookup(platform, installationKey);
    this.cache.set(key, { at: this.now, value });
    return value;
  }

  private async lookup(platform: ChatPlatform, installationKey: string): Promise<InstallationInfo | undefined> {
    const exact = (this.deps.env ?? []).find((e) => e.platform === platform && e.installationKey === installationKey);
    if (exact) return this.fromEnv(exact);
    const record = await findInstallationByKey(this.deps.db, platform, installationKey);
    if (record) return this.open(record);
    const wildcard = (this.deps.env ?? []).find((e) => e.platform === platform && e.installationKey === '*');
    return wildcard ? this.fromEnv(wildcard, installationKey) : undefined;
  }

  async forTenant(tenantId: string, platform: ChatPlatform): Promise<InstallationInfo | undefined> {
    const record = await findInstallationOfTenant(this.deps.db, tenantId, platform);
    if (record) return this.open(record);
    const env = (this.deps.env ?? []).find((e) => e.platform === platform);
    if (!env) return undefined;
    const info = await this.fromEnv(env);
    return info?.tenantId === tenantId ? info : undefined;
  }

  async list(platform: ChatPlatform): Promise<InstallationInfo[]> {
    const out: InstallationInfo[] = [];
    for (const env of (this.deps.env ?? []).filter((e) => e.platform === platform)) {
      const info = await this.fromEnv(env);
      if (info) out.push(info);
    }
    for (const record of await listInstallations(this.deps.db, { platform })) {
      if (out.some((i) => i.installationKey === record.installationKey)) continue;
      const info = this.open(record);
      if (info) out.push(info);
    }
    return out;
  }

  /** Forget cached lookups (after `platform add/remove` in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  private async fromEnv(env: EnvInstallation, key = env.installationKey): Promise<InstallationInfo | undefined> {
    const tenantId = await this.resolveEnvTenant();
    if (!tenantId) return undefined;
    return {
      tenantId,
      platform: env.platform,
      installationKey: key,
      secrets: env.secrets,
      settings: env.settings,
      origin: 'env',
    };
  }

  /** The tenant the environment's credentials (and installs that name no tenant) belong to. */
  defaultTenantId(): Promise<string | undefined> {
    return this.resolveEnvTenant();
  }

  /** TEAMPULSE_DEFAULT_TENANT, else the only tenant; remembered once found. */
  private async resolveEnvTenant(): Promise<string | undefined> {
    if (this.envTenantId) return this.envTenantId;
    const slug = this.deps.defaultTenantSlug;
    if (slug) {
      const tenant = await findTenantBySlug(this.deps.db, slug);
      if (tenant) return (this.envTenantId = tenant.id);
      this.warnOnce(`TEAMPULSE_DEFAULT_TENANT is "${slug}" but no such tenant exists (teampulse tenant create)`);
      return undefined;
    }
    const tenants = await this.deps.db.selectFrom('tenants').select('id').limit(2).execute();
    if (tenants.length === 1) return (this.envTenantId = tenants[0]!.id);
    this.warnOnce(
      tenants.length === 0
        ? 'platform credentials are configured but there is no tenant yet: create one with `teampulse tenant create`'
        : 'platform credentials are configured and there are several tenants: set TEAMPULSE_DEFAULT_TENANT to the one they belong to',
    );
    return undefined;
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.deps.logger?.warn({}, message);
  }

  private open(record: InstallationRecord): InstallationInfo | undefined {
    if (!this.deps.secretBox) {
      this.warnOnce('platform installations are stored but TEAMPULSE_ENCRYPTION_KEY is not set: they cannot be used');
      return undefined;
    }
    try {
      return {
        tenantId: record.tenantId,
        platform: record.platform,
        installationKey: record.installationKey,
        secrets: JSON.parse(this.deps.secretBox.open(record.sealedSecrets)) as Record<string, string>,
        settings: record.settings,
        origin: 'db',
      };
    } catch (error) {
      this.deps.logger?.warn(
        { platform: record.platform, installationKey: record.installationKey, error: (error as Error).message },
        'cannot open a stored platform installation',
      );
      return undefined;
    }
  }
}

export type SaveInstallationInput = InstallationInput;

/** Stores (or replaces) an installation, sealed; audited without its secrets. */
export async function savePlatformInstallation(
  db: Kysely<Database>,
  secretBox: SecretBox | undefined,
  input: SaveInstallationInput,
): Promise<{ id: string; created: boolean }> {
  if (!secretBox) {
    throw new InvalidInputError('set TEAMPULSE_ENCRYPTION_KEY first: platform secrets are only stored sealed');
  }
  const result = await upsertInstallation(db, {
    tenantId: input.tenantId,
    platform: input.platform,
    installationKey: input.installationKey,
    sealedSecrets: secretBox.seal(JSON.stringify(input.secrets)),
    settings: input.settings,
  });
  if ('conflictTenantId' in result) {
    throw new ConflictError(`${input.platform} installation "${input.installationKey}" belongs to another tenant`);
  }
  // The tenant's messages now go to this platform (for people with an identity there).
  await setTenantPlatformIfUnset(db, input.tenantId, input.platform);
  await recordAudit(db, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: result.created ? 'platform.install' : 'platform.update',
    subjectType: 'platform_installation',
    subjectId: result.id,
    details: { platform: input.platform, installationKey: input.installationKey, fields: Object.keys(input.secrets) },
  });
  return result;
}

export async function removePlatformInstallation(
  db: Kysely<Database>,
  input: { tenantId: string; platform: ChatPlatform; installationKey: string; actor: string },
): Promise<void> {
  const removed = await deleteInstallation(db, input.tenantId, input.platform, input.installationKey);
  if (!removed) throw new NotFoundError(`no ${input.platform} installation "${input.installationKey}" in this tenant`);
  await recordAudit(db, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'platform.remove',
    subjectType: 'platform_installation',
    subjectId: undefined,
    details: { platform: input.platform, installationKey: input.installationKey },
  });
}

export interface InstallationSummary {
  tenantId: string;
  platform: ChatPlatform;
  installationKey: string;
  settings: Record<string, unknown>;
  /** Secret field names only, never values. */
  secretFields: string[] | null;
  sealedWithKey: string;
  updatedAt: string;
}

export async function listPlatformInstallations(
  db: Kysely<Database>,
  secretBox: SecretBox | undefined,
  tenantId?: string,
): Promise<InstallationSummary[]> {
  const records = await listInstallations(db, tenantId ? { tenantId } : {});
  return records.map((r) => {
    let secretFields: string[] | null = null;
    try {
      if (secretBox) secretFields = Object.keys(JSON.parse(secretBox.open(r.sealedSecrets)) as object).sort();
    } catch {
      secretFields = null;
    }
    return {
      tenantId: r.tenantId,
      platform: r.platform,
      installationKey: r.installationKey,
      settings: r.settings,
      secretFields,
      sealedWithKey: r.sealedSecrets.split('.')[1] ?? '?',
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** Re-seals every stored installation with the current (first) key and algorithm; returns how many changed. */
export async function resealPlatformSecrets(
  db: Kysely<Database>,
  secretBox: SecretBox,
): Promise<{ resealed: number; unchanged: number }> {
  let resealed = 0;
  let unchanged = 0;
  for (const record of await listInstallations(db)) {
    if (!secretBox.needsReseal(record.sealedSecrets)) {
      unchanged++;
      continue;
    }
    let plain: string;
    try {
      plain = secretBox.open(record.sealedSecrets);
    } catch (error) {
      const why = error instanceof SecretBoxError ? error.message : String(error);
      throw new InvalidInputError(`${record.platform} installation "${record.installationKey}": ${why}`);
    }
    await updateSealedSecrets(db, record.id, secretBox.seal(plain));
    resealed++;
  }
  return { resealed, unchanged };
}
