// `teampulse demo [--reset]`: build the demo organisation "Demo Co" (or rebuild it from scratch with --reset).
// Its alerts are queued in the outbox; the next `npm start` delivers them to the console.
import type { Command } from 'commander';
import { DEMO_SLUG, createDemoOrganisation, demoExists, resetDemoOrganisation } from '../../app/demo/bootstrap.js';
import { CliError } from '../errors.js';
import { output, withDatabase, type CliIo } from '../context.js';

export function registerDemo(command: Command, io: CliIo): void {
  command
    .option('--reset', 'delete Demo Co and everything in it, then build it again')
    .option('--json', 'print the result as JSON')
    .action(async (options: { reset?: boolean; json?: boolean }) => {
      await withDatabase(io, async ({ db, config }) => {
        if (!options.reset && (await demoExists(db)))
          throw new CliError(`the demo tenant "${DEMO_SLUG}" already exists; use --reset to rebuild it`);
        const deps = { db, quietHours: config.quietHours };
        const result = options.reset ? await resetDemoOrganisation(deps) : await createDemoOrganisation(deps);
        output(
          io,
          options.json,
          {
            tenantId: result.tenantId,
            asOf: result.asOf,
            hrToken: result.hrToken,
            alerts: result.alerts.alerts,
            warnings: result.alerts.warnings,
          },
          [
            `Demo Co ${options.reset ? 'rebuilt' : 'created'} (tenant "${DEMO_SLUG}", scored as of ${result.asOf}).`,
            `${result.alerts.alerts} alert(s) and ${result.alerts.warnings} HR warning(s) queued — \`npm start\` prints them on the console.`,
            `HR API token (shown once): ${result.hrToken}`,
          ].join('\n'),
        );
      });
    });
}
