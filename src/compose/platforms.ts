// Composition of the chat platforms (used by src/main.ts, and by `teampulse sync` for the address books): each
// adapter's runtime is built from the service configuration and the ports (installations, inbound sink). Runtimes
// exist whether credentials come from the environment or from stored installations (`teampulse platform add`, Slack
// OAuth): a platform without any installation simply answers its webhooks with 401/404 and sends nothing.
import type { Config } from '../config.js';
import type { ChatPlatformRuntime, PlatformPorts } from '../../adapters/shared/runtime.js';
import type { DirectorySource } from '../core/directory-port.js';
import type { ChatPlatform, InstallationLookup } from '../core/inbound-port.js';
import { createLazySlackRuntime } from '../../adapters/slack/lazy.js';
import { createDingTalkRuntime } from '../../adapters/dingtalk/runtime.js';
import { DingTalkApi } from '../../adapters/dingtalk/api.js';
import { dingTalkDirectorySource } from '../../adapters/dingtalk/reads.js';
import { createWeComRuntime } from '../../adapters/wecom/runtime.js';
import { WeComApi } from '../../adapters/wecom/api.js';
import { weComDirectorySource } from '../../adapters/wecom/reads.js';

export type { ChatPlatformRuntime, PlatformPorts };

// The API hosts apply to every installation of a platform, also those stored with `platform add` (or, for Slack,
// installed through OAuth) while that platform's credentials are not in the environment.
const dingTalkUrls = (config: Config) => config.dingtalkHosts;

const weComUrl = (config: Config) => config.wecomApiUrl;

export interface PlatformRuntimeOptions {
  /**
   * Whether a Slack workspace is stored (OAuth install or `platform add slack`); default true. With none and no
   * SLACK_* configuration, the Slack SDKs are imported on first use only (adapters/slack/lazy.ts): ~35 MB of RSS
   * a console-only service (the demo) never needs.
   */
  slackInstalled?: boolean;
}

export async function createPlatformRuntimes(
  config: Config,
  ports: PlatformPorts,
  options: PlatformRuntimeOptions = {},
): Promise<ChatPlatformRuntime[]> {
  const runtimes: ChatPlatformRuntime[] = [];
  // Each chat adapter adds one line here as it lands.
  const slackSettings = { ...config.slack, apiUrl: config.slackApiUrl };
  if (config.slack === undefined && options.slackInstalled === false)
    runtimes.push(createLazySlackRuntime(slackSettings, ports));
  else runtimes.push((await import('../../adapters/slack/runtime.js')).createSlackRuntime(slackSettings, ports));
  runtimes.push(createDingTalkRuntime(dingTalkUrls(config), ports));
  runtimes.push(createWeComRuntime({ apiUrl: weComUrl(config) }, ports));
  return runtimes;
}

/**
 * A platform's address book without the rest of its runtime (`teampulse sync <platform>` runs outside the service);
 * undefined ⇒ the platform has no address book to sync. Each adapter with one adds a line here.
 */
export function createDirectorySource(
  config: Config,
  platform: ChatPlatform,
  installations: InstallationLookup,
): DirectorySource | undefined {
  if (platform === 'dingtalk') return dingTalkDirectorySource(new DingTalkApi(dingTalkUrls(config)), installations);
  if (platform === 'wecom') return weComDirectorySource(new WeComApi({ apiUrl: weComUrl(config) }), installations);
  return undefined;
}
