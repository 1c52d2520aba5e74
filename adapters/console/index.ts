// The console platform: the default when no chat platform is configured. Messages print to the service's
// terminal and are answered in `teampulse console --as <external id>`.
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import { ConsoleClient, type WritableLike } from './client.js';
import { renderConsole, type ConsolePayload } from './render.js';

export { ConsoleClient } from './client.js';
export { renderConsole, displayWidth, type ConsoleButton, type ConsolePayload } from './render.js';
export { parseConsoleInput, type ConsoleInput, type ConsoleParseContext } from './parse.js';

export function createConsoleAdapter(out: WritableLike): PlatformAdapter<ConsolePayload> {
  return {
    name: 'console',
    // The console sees no chat activity; buttons work through `teampulse console`; no threads.
    capabilities: { messageVisibility: 'none', interactiveButtons: true, threads: false, idempotentSend: true },
    rateLimits: PLATFORM_RATE_LIMITS.console,
    render: (message: OutboundMessage) => renderConsole(message),
    client: new ConsoleClient(out),
  };
}
