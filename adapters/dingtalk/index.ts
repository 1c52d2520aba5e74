// The DingTalk (钉钉) platform: an enterprise internal app with a robot. Outbound: cards with buttons, ActionCards
// and markdown sent 1:1 by the robot. Inbound (runtime.ts): robot messages (commands only), card clicks, address
// book and OA approval events, over the Stream gateway or HTTP callbacks.
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { PLATFORM_RATE_LIMITS, type PlatformAdapter } from '../../src/core/platform.js';
import { DingTalkApi, type DingTalkApiOptions } from './api.js';
import { DingTalkClient } from './client.js';
import { renderDingTalk, type DingTalkPayload } from './render.js';

export { renderDingTalk, buttonsOfPayload, type DingTalkPayload } from './render.js';
export { DingTalkApi, type DingTalkApiOptions } from './api.js';
export { DingTalkClient } from './client.js';

export function createDingTalkAdapter(client: DingTalkClient): PlatformAdapter<DingTalkPayload> {
  return {
    name: 'dingtalk',
    capabilities: {
      // The robot receives 1:1 messages and group messages that @mention it — nothing else of group chat. We do
      // not even count those as activity (they are commands), so activity rules see "no data" here, not a drop.
      messageVisibility: 'mentions_and_dms',
      interactiveButtons: true,
      threads: false,
      // Cards carry cardBizId = hash(idempotency key); markdown via batchSend is at-least-once.
      idempotentSend: false,
    },
    rateLimits: PLATFORM_RATE_LIMITS.dingtalk,
    render: (message: OutboundMessage) => renderDingTalk(message),
    client,
  };
}

/** An adapter with its own API caller (tests, single-purpose tools). */
export function createDingTalkAdapterFor(
  options: DingTalkApiOptions,
  installations: InstallationLookup,
): PlatformAdapter<DingTalkPayload> {
  return createDingTalkAdapter(new DingTalkClient(new DingTalkApi(options), installations));
}
