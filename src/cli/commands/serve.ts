// `teampulse serve`: the composition root (src/main.ts) is loaded only here, so other verbs do not load the service.
import type { Command } from 'commander';
import type { CliIo } from '../context.js';

export function registerServe(command: Command, io: CliIo): void {
  command.action(async () => {
    const { startService } = await import('../../main.js');
    await startService(io.env);
  });
}
