// What `teampulse platform` needs from the app layer, in one import.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { findTenantBySlug } from '../../storage/repositories/tenants.js';
import { NotFoundError } from '../errors.js';

export * from './index.js';

export async function tenantBySlug(db: Kysely<Database>, slug: string): Promise<{ id: string; slug: string }> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new NotFoundError(`unknown tenant "${slug}"`, [{ path: '/tenant', message: 'no such tenant' }]);
  return { id: tenant.id, slug: tenant.slug };
}
