// Composition of the chat platforms (used by src/main.ts only): each adapter's runtime is built from the service
// configuration and the ports (installations, inbound sink). Runtimes exist whether credentials come from the
// environment or from stored installations (`teampulse platform add`, Slack OAuth): a platform without any
// installation simply answers its webhooks with 401/404 and sends nothing.
import type { Config } from '../config.js';
import type { ChatPlatformRuntime, PlatformPorts } from '../../adapters/shared/runtime.js';
import { createSlackRuntime } from '../../adapters/slack/runtime.js';
import { createDingTalkRuntime, DEFAULT_API_URL, DEFAULT_OAPI_URL } from '../../adapters/dingtalk/runtime.js';

export type { ChatPlatformRuntime, PlatformPorts };

export function createPlatformRuntimes(config: Config, ports: PlatformPorts): ChatPlatformRuntime[] {
  const runtimes: ChatPlatformRuntime[] = [];
  // Each chat adapter adds one line here as it lands.
  runtimes.push(createSlackRuntime(config.slack, ports));
  runtimes.push(
    createDingTalkRuntime(
      { apiUrl: config.dingtalk?.apiUrl ?? DEFAULT_API_URL, oapiUrl: config.dingtalk?.oapiUrl ?? DEFAULT_OAPI_URL },
      ports,
    ),
  );
  return runtimes;
}
