// Called by main.ts after migrations: builds Demo Co on the very first start (see bootstrap.ts) and tells the
// newcomer what is about to happen on this terminal.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import {
  createDemoOrganisation,
  shouldCreateDemo,
  type DemoConditions,
  type DemoDeps,
  type DemoResult,
} from './bootstrap.js';

export async function startDemoIfEmpty(
  deps: DemoDeps & { db: Kysely<Database>; baseUrl?: string },
  conditions: DemoConditions,
): Promise<DemoResult | undefined> {
  if (!(await shouldCreateDemo(deps.db, conditions))) return undefined;
  deps.logger?.info(
    {},
    'empty database and no chat platform: creating the demo organisation "Demo Co" (TEAMPULSE_DEMO=off to skip)',
  );
  let result: DemoResult;
  try {
    result = await createDemoOrganisation(deps);
  } catch (error) {
    // The service still starts: the demo is a convenience, and `teampulse demo --reset` can rebuild it.
    deps.logger?.error(
      { err: error },
      'the demo organisation could not be created; run `npx teampulse demo --reset` to retry',
    );
    return undefined;
  }
  // The token is shown this once (only its hash is stored). The key is deliberately not one the logger redacts.
  deps.logger?.info(
    { tenant: 'demo', hrApiToken: result.hrToken },
    `demo HR API token (shown once): curl -H "Authorization: Bearer <hrApiToken>" ${deps.baseUrl ?? 'http://localhost:3000'}/api/v1/alerts`,
  );
  deps.logger?.info(
    { asOf: result.asOf, alerts: result.alerts.alerts, warnings: result.alerts.warnings },
    'demo scored and alerts planned: they print below as the outbox delivers them to the console',
  );
  return result;
}
