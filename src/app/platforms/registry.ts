// The InstallationRegistry the adapters are given (src/core/inbound-port.ts): Slack OAuth installs are stored
// sealed like `teampulse platform add` does it (audited, the tenant's platform set), uninstalls forget them. The
// directory's cache is dropped after each change so the next request sees it.
import type { Kysely } from 'kysely';
import type { InstallationRegistry } from '../../core/inbound-port.js';
import type { Database } from '../../storage/database.js';
import { findInstallationByKey } from '../../storage/repositories/platforms.js';
import { findTenantBySlug } from '../../storage/repositories/tenants.js';
import type { SecretBox } from './secret-box.js';
import { removePlatformInstallation, savePlatformInstallation, type InstallationDirectory } from './installations.js';

export function createInstallationRegistry(deps: {
  db: Kysely<Database>;
  secretBox: SecretBox | undefined;
  directory: InstallationDirectory;
}): InstallationRegistry {
  const { db, directory } = deps;
  return {
    async tenantFor(slug) {
      if (slug === undefined) return directory.defaultTenantId();
      return (await findTenantBySlug(db, slug))?.id;
    },
    async save(input) {
      await savePlatformInstallation(db, deps.secretBox, input);
      directory.invalidate();
    },
    async remove(platform, installationKey, actor) {
      const record = await findInstallationByKey(db, platform, installationKey);
      if (!record) return false;
      await removePlatformInstallation(db, { tenantId: record.tenantId, platform, installationKey, actor });
      directory.invalidate();
      return true;
    },
  };
}
