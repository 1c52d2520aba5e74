// The Slack runtime the composition root registers: the outbound adapter (Block Kit DMs through the outbox).
// Credentials: a tenant's installation (OAuth install or `teampulse platform add slack`) or, for the default
// tenant, the single workspace configured in the environment.
import type { ChatPlatformRuntime, PlatformPorts } from '../shared/runtime.js';
import { createSlackAdapter } from './index.js';

/** What the runtime needs from the service configuration (config.slack; undefined when no SLACK_* is set). */
export interface SlackSettings {
  botToken?: string | undefined;
  signingSecret: string;
  appToken?: string | undefined;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  apiUrl: string;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export function createSlackRuntime(settings: SlackSettings | undefined, ports: PlatformPorts): ChatPlatformRuntime {
  const apiUrl = settings?.apiUrl ?? DEFAULT_SLACK_API_URL;
  const adapter = createSlackAdapter({
    apiUrl,
    logger: ports.logger,
    tokenFor: async (tenantId) => {
      if (tenantId === undefined) return settings?.botToken;
      return (await ports.installations.forTenant(tenantId, 'slack'))?.secrets.botToken;
    },
  });
  return { adapter };
}
