import type { Command } from 'commander';
import { startService } from '../../main.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the service: HTTP API, scheduler and outbox worker (what `npm start` runs)')
    .action(async () => {
      await startService(process.env);
    });
}
