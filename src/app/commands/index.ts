// The command layer: verbs with aliases and a minimum role, wired to the inbound dispatcher (registry.ts).
import type { InboundRegistration } from '../inbound/handlers.js';
import { CommandRegistry, registerCommandLayer } from './registry.js';
import { COMMAND_VERBS } from './verbs/index.js';
import { registerPrivacyActions } from '../privacy/actions.js';

export * from './types.js';
export * from './args.js';
export { CommandRegistry, registerCommandLayer } from './registry.js';
export { COMMAND_VERBS } from './verbs/index.js';
export { personOf, teamOf } from './subjects.js';
export { message, riskBlocks, riskText, reasonsText, levelText } from './replies.js';

/** The registration main.ts and the console use (via INBOUND_REGISTRATIONS). */
export const registerCommands: InboundRegistration = (dispatcher, deps) => {
  registerCommandLayer(dispatcher, deps, new CommandRegistry(COMMAND_VERBS));
  // HR's confirm / decline buttons on an erasure request (the `delete` verb sends them).
  registerPrivacyActions(dispatcher, deps);
};
