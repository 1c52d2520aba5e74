// The WeCom (企业微信) platform: a self-built app (自建应用). Outbound: template cards (button_interaction for alerts
// and survey questions, text_notice for digests) and markdown, sent 1:1 with message/send. Inbound (runtime.ts):
// encrypted callbacks — text to the app (commands only), card clicks, contact changes, approvals — plus a scheduled
// pull of approved leave.
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import { WeComApi, type WeComApiOptions } from './api.js';
import { WeComClient } from './client.js';
import { renderWeCom, type WeComPayload } from './render.js';

export { renderWeCom, buttonsOfPayload, type WeComPayload } from './render.js';
export { WeComApi, type WeComApiOptions } from './api.js';
export { WeComClient } from './client.js';

export function createWeComAdapter(client: WeComClient): PlatformAdapter<WeComPayload> {
  return {
    name: 'wecom',
    capabilities: {
      // A self-built app receives only what members send to the app itself; group chat is invisible without the
      // paid chat archive (会话内容存档). Activity rules therefore see "no data" for WeCom, never a drop to zero.
      messageVisibility: 'none',
      interactiveButtons: true,
      threads: false,
      // Cards carry task_id = hash(idempotency key) and WeCom refuses a repeated task_id; markdown is at-least-once.
      idempotentSend: false,
    },
    // 30/min and 1,000/h per member per app — above that WeCom drops messages silently.
    rateLimits: PLATFORM_RATE_LIMITS.wecom,
    render: (message: OutboundMessage) => renderWeCom(message),
    client,
  };
}

/** An adapter with its own API caller (tests, single-purpose tools). */
export function createWeComAdapterFor(
  options: WeComApiOptions,
  installations: InstallationLookup,
): PlatformAdapter<WeComPayload> {
  return createWeComAdapter(new WeComClient(new WeComApi(options), installations));
}
