// What the plans' scheduler jobs share. They run per tenant, on the tenant's local day, with the slot's time as the
// clock of the run (so a caught-up or late run acts as of its slot).
import type { Locale } from '../../../storage/tables/directory.js';
import type { Db } from '../../../storage/database.js';
import type { AlertDeps } from '../../alerts/deps.js';

export function tenantPlanJob<D extends AlertDeps>(
  deps: D,
  job: { name: string; cron: string; catchUp?: true },
  send: (deps: D, tenantId: string, day: string) => Promise<unknown>,
) {
  return {
    ...job,
    perTenant: true as const,
    async run(ctx: { tenantId: string | null; localDay: string; scheduledAt: Date }): Promise<void> {
      if (!ctx.tenantId) return;
      await send({ ...deps, now: deps.now ?? (() => ctx.scheduledAt) }, ctx.tenantId, ctx.localDay);
    },
  };
}

/** The tenant's language: plan nudges and progress lines are written in it. */
export async function tenantLocale(db: Db, tenantId: string): Promise<Locale> {
  const tenant = await db.selectFrom('tenants').select('locale').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return tenant.locale;
}
