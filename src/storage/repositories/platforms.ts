// Platform installations (sealed secrets) and channel → team links.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { InstalledPlatform, PlatformInstallationsTable } from '../tables/platforms.js';

export interface InstallationRecord {
  id: string;
  tenantId: string;
  platform: InstalledPlatform;
  installationKey: string;
  sealedSecrets: string;
  settings: Record<string, unknown>;
  updatedAt: Date;
}

const COLUMNS = ['id', 'tenant_id', 'platform', 'installation_key', 'secrets', 'settings', 'updated_at'] as const;

type Row = Pick<Selectable<PlatformInstallationsTable>, (typeof COLUMNS)[number]>;

const toRecord = (row: Row): InstallationRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  platform: row.platform,
  installationKey: row.installation_key,
  sealedSecrets: row.secrets,
  settings: row.settings ?? {},
  updatedAt: row.updated_at,
});

const installations = (db: Db) => db.selectFrom('platform_installations').select(COLUMNS);

async function firstInstallation(query: ReturnType<typeof installations>): Promise<InstallationRecord | undefined> {
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function findInstallationByKey(
  db: Db,
  platform: InstalledPlatform,
  installationKey: string,
): Promise<InstallationRecord | undefined> {
  return firstInstallation(installations(db).where((eb) => eb.and({ platform, installation_key: installationKey })));
}

export async function findInstallationOfTenant(
  db: Db,
  tenantId: string,
  platform: InstalledPlatform,
): Promise<InstallationRecord | undefined> {
  return firstInstallation(
    installations(db)
      .where((eb) => eb.and({ tenant_id: tenantId, platform }))
      .orderBy('updated_at', 'desc'),
  );
}

export async function listInstallations(
  db: Db,
  filter: { tenantId?: string; platform?: InstalledPlatform } = {},
): Promise<InstallationRecord[]> {
  let query = installations(db).orderBy('platform').orderBy('installation_key');
  if (filter.tenantId) query = query.where('tenant_id', '=', filter.tenantId);
  if (filter.platform) query = query.where('platform', '=', filter.platform);
  return (await query.execute()).map(toRecord);
}

/** Inserts or replaces the installation with this (platform, key); refuses to move it to another tenant. */
export async function upsertInstallation(
  db: Db,
  input: {
    tenantId: string;
    platform: InstalledPlatform;
    installationKey: string;
    sealedSecrets: string;
    settings: Record<string, unknown>;
  },
): Promise<{ id: string; created: boolean } | { conflictTenantId: string }> {
  const existing = await findInstallationByKey(db, input.platform, input.installationKey);
  if (existing && existing.tenantId !== input.tenantId) return { conflictTenantId: existing.tenantId };
  if (existing) {
    await db
      .updateTable('platform_installations')
      .set({ secrets: input.sealedSecrets, settings: JSON.stringify(input.settings), updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('platform_installations')
    .values({
      tenant_id: input.tenantId,
      platform: input.platform,
      installation_key: input.installationKey,
      secrets: input.sealedSecrets,
      settings: JSON.stringify(input.settings),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function deleteInstallation(
  db: Db,
  tenantId: string,
  platform: InstalledPlatform,
  installationKey: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('platform_installations')
    .where((eb) => eb.and({ tenant_id: tenantId, platform, installation_key: installationKey }))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function updateSealedSecrets(db: Db, id: string, sealedSecrets: string): Promise<void> {
  await db
    .updateTable('platform_installations')
    .set({ secrets: sealedSecrets, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function linkChannel(
  db: Db,
  input: { tenantId: string; platform: string; channelId: string; teamId: string },
): Promise<void> {
  await db
    .insertInto('channel_links')
    .values({ tenant_id: input.tenantId, platform: input.platform, channel_id: input.channelId, team_id: input.teamId })
    .onConflict((oc) => oc.columns(['tenant_id', 'platform', 'channel_id']).doUpdateSet({ team_id: input.teamId }))
    .execute();
}

export async function unlinkChannel(db: Db, tenantId: string, platform: string, channelId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('channel_links')
    .where((eb) => eb.and({ tenant_id: tenantId, platform, channel_id: channelId }))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The team each linked channel belongs to (absent ⇒ not a team channel). */
export async function channelTeams(
  db: Db,
  tenantId: string,
  platform: string,
  channelIds: readonly string[],
): Promise<Map<string, string>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('channel_links')
    .select(['channel_id', 'team_id'])
    .where((eb) => eb.and({ tenant_id: tenantId, platform }))
    .where('channel_id', 'in', [...new Set(channelIds)])
    .execute();
  return new Map(rows.map((r) => [r.channel_id, r.team_id]));
}

/**
 * Records the tenant's chat platform (tenants.settings.platform, which routes its messages) unless it names one
 * already; returns whether it changed.
 */
export async function setTenantPlatformIfUnset(
  db: Db,
  tenantId: string,
  platform: InstalledPlatform,
): Promise<boolean> {
  const result = await db
    .updateTable('tenants')
    .set({ settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('platform', ${platform}::text)` })
    .where('id', '=', tenantId)
    .where(sql<boolean>`not (coalesce(settings, '{}'::jsonb) ? 'platform')`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
