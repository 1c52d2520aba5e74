// Tenants: one row per company (or legal entity that must stay isolated). Looked up by slug from the CLI.
import type { Db } from '../database.js';
import type { Locale, Tenant } from '../tables/directory.js';

export interface NewTenantInput {
  slug: string;
  name: string;
  locale: Locale;
  timezone: string;
  legalEntity?: string | null;
  quietHours?: boolean;
  region?: string | null;
}

export async function insertTenant(db: Db, input: NewTenantInput): Promise<Tenant> {
  return db
    .insertInto('tenants')
    .values({
      slug: input.slug,
      name: input.name,
      locale: input.locale,
      timezone: input.timezone,
      legal_entity: input.legalEntity ?? null,
      quiet_hours: input.quietHours ?? true,
      region: input.region ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
