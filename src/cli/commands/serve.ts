import type { Command } from 'commander';
import { startService } from '../../main.js';
import type { CliIo } from '../context.js';

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the service: HTTP API, scheduler and outbox worker (what `npm start` runs)')
    .action(async () => {
      await startService(io.env);
    });
}
