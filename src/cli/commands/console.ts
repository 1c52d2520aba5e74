// `teampulse console --as <employee> [--tenant <slug>]`: an interactive session on the console platform.
// With the service running it talks to it over loopback HTTP (PGlite allows one process per data directory),
// sending the secret the service wrote to its data directory (0600: only the service's user can read it);
// otherwise it opens the database itself and delivers pending console messages on its own.
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { withDatabase, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import { buildInboundDispatcher } from '../../app/inbound/handlers.js';
import { LocalConsoleBackend, RemoteConsoleBackend } from '../console/backend.js';
import { runConsoleSession } from '../console/session.js';
import { consoleSecretPath, readConsoleSecret } from '../../app/console/secret.js';

interface ConsoleOptions {
  as: string;
  tenant?: string;
  url?: string;
  local?: boolean;
}

export function registerConsole(command: Command, io: CliIo): void {
  command
    .requiredOption('--as <employee>', "the person's external id (or internal id)")
    .option('--tenant <slug>', 'the tenant (needed when there are several)')
    .option('--url <url>', 'the running service (default: http://127.0.0.1:<PORT>)')
    .option('--local', 'do not look for a running service; open the database directly')
    .action(async (opts: ConsoleOptions) => {
      const config = loadConfig(io.env);
      const input = io.stdin;
      if (!input) throw new CliError('console needs an interactive input');
      const prompt = Boolean(input.isTTY);
      const run = (backend: LocalConsoleBackend | RemoteConsoleBackend) =>
        runConsoleSession({ backend, input, output: io.stdout, tenant: opts.tenant, as: opts.as, prompt });

      if (!opts.local) {
        const url = (opts.url ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
        const secret = await readConsoleSecret(config.dataDir);
        if (secret && (await RemoteConsoleBackend.probe(url, secret)))
          return run(new RemoteConsoleBackend(url, secret));
        if (opts.url) {
          throw new CliError(
            secret
              ? `no teampulse service with the console platform answers at ${url} (to the secret in ${consoleSecretPath(config.dataDir)})`
              : `no console secret at ${consoleSecretPath(config.dataDir)}: run this as the service's user with its TEAMPULSE_DATA_DIR`,
          );
        }
      }
      await withDatabase(io, async ({ db }) => {
        const dispatcher = buildInboundDispatcher({
          db,
          now: () => new Date(),
          quietHours: config.quietHours,
          baseUrl: config.baseUrl,
        });
        await run(new LocalConsoleBackend(db, dispatcher, () => new Date(), config.outboxMaxAttempts));
      });
    });
}
