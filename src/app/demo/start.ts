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

/** Where the demo's HR token may be shown: the operator's terminal (stderr), never the log. */
export interface DemoTerminal {
  write(text: string): unknown;
  isTTY?: boolean;
}

export async function startDemoIfEmpty(
  deps: DemoDeps & { db: Kysely<Database>; baseUrl?: string; terminal?: DemoTerminal },
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
  // The token is shown this once (only its hash is stored), on the terminal and never in the log: logs are shipped
  // and kept. Without a terminal (a container, a pipe) nobody would see it: the operator creates one instead.
  const url = `${deps.baseUrl ?? 'http://localhost:3000'}/api/v1/alerts`;
  if (deps.terminal?.isTTY) {
    deps.terminal.write(
      `\ndemo HR API token (shown once, not logged): ${result.hrToken}\n` +
        `  curl -H "Authorization: Bearer ${result.hrToken}" ${url}\n\n`,
    );
    deps.logger?.info({ tenant: 'demo' }, 'demo HR API token printed on the terminal (it is not logged)');
  } else {
    deps.logger?.info(
      { tenant: 'demo' },
      'demo HR API token not shown (no terminal; tokens are never logged): create one with ' +
        '`npx teampulse token create --tenant demo --role hr` (on the embedded PGlite with the service stopped: ' +
        'one process per data directory)',
    );
  }
  deps.logger?.info(
    { asOf: result.asOf, alerts: result.alerts.alerts, warnings: result.alerts.warnings },
    'demo scored and alerts planned: they print below as the outbox delivers them to the console',
  );
  return result;
}
