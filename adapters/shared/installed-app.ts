// A tenant's app on a platform whose installations carry app credentials (DingTalk, WeCom): the stored installation
// read through the platform's appOf, which says whether its settings and secrets make a usable app. Every caller
// that sends, reads or pulls for a tenant starts here; what makes an app is each platform's app.ts.
import type { DirectorySnapshot, DirectorySource } from '../../src/core/directory-port.js';
import type { InstallationInfo, InstallationLookup } from '../../src/core/inbound-port.js';
import { PlatformSendError } from '../../src/core/platform.js';

/** How a platform reads its app out of an installation. */
export interface AppReader<App> {
  platform: 'dingtalk' | 'wecom';
  /** The platform's name in messages ('DingTalk', 'WeCom'). */
  label: string;
  appOf(info: InstallationInfo): App | undefined;
}

/** The tenant's app; undefined when the tenant has no installation, or one whose credentials make no app. */
export async function tenantApp<App>(
  installations: InstallationLookup,
  apps: AppReader<App>,
  tenantId: string,
): Promise<App | undefined> {
  const info = await installations.forTenant(tenantId, apps.platform);
  return info ? apps.appOf(info) : undefined;
}

/** The tenant's app (without a tenant, for single-tenant callers: the only installation); else unauthorized. */
export async function requireApp<App>(
  installations: InstallationLookup,
  apps: AppReader<App>,
  tenantId: string | undefined,
): Promise<App> {
  const info = tenantId
    ? await installations.forTenant(tenantId, apps.platform)
    : (await installations.list(apps.platform))[0];
  const app = info ? apps.appOf(info) : undefined;
  if (!app) throw new PlatformSendError('unauthorized', `no ${apps.label} installation for this tenant`);
  return app;
}

/** The address book of each tenant's app, read by the platform's `read`. */
export function appDirectorySource<App>(
  installations: InstallationLookup,
  apps: AppReader<App>,
  read: (app: App, signal?: AbortSignal) => Promise<DirectorySnapshot>,
): DirectorySource {
  return {
    platform: apps.platform,
    async read(tenantId, options = {}) {
      return read(await requireApp(installations, apps, tenantId), options.signal);
    },
  };
}
