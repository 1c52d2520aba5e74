// Tenants: one row per company (or legal entity that must stay isolated). Looked up by slug from the CLI.
import type { Db } from '../database.js';
import type { NewTenant, Tenant } from '../tables/directory.js';

export async function insertTenant(db: Db, tenant: NewTenant): Promise<Tenant> {
  return db.insertInto('tenants').values(tenant).returningAll().executeTakeFirstOrThrow();
}

export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findTenantById(db: Db, id: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  return db.selectFrom('tenants').selectAll().orderBy('slug').execute();
}
