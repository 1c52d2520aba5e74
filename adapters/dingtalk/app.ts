// A DingTalk installation as the adapter uses it: the fields of `platform add dingtalk` / DINGTALK_* (see
// src/app/platforms/credentials.ts) read out of the neutral InstallationInfo, plus the key that signs card buttons.
import { createHmac } from 'node:crypto';
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import type { AppReader } from '../shared/installed-app.js';
import type { AppCredentials } from './token.js';

export interface DingTalkApp extends AppCredentials {
  tenantId: string;
  robotCode: string;
  corpId: string | undefined;
  /** Event subscription crypto (HTTP mode). */
  aesKey: string | undefined;
  token: string | undefined;
  mode: 'stream' | 'http';
  /** callbackRouteKey registered for card button callbacks in HTTP mode (optional setting). */
  cardCallbackRouteKey: string | undefined;
  /** Approval process codes that are leave requests (setting `leaveProcessCodes`, comma-separated). */
  leaveProcessCodes: string[];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function appOf(info: InstallationInfo): DingTalkApp | undefined {
  const clientId = str(info.settings.clientId) ?? str(info.installationKey);
  const clientSecret = str(info.secrets.clientSecret);
  if (!clientId || clientId === '*' || !clientSecret) return undefined;
  return {
    tenantId: info.tenantId,
    clientId,
    clientSecret,
    robotCode: str(info.settings.robotCode) ?? clientId,
    corpId: str(info.settings.corpId),
    aesKey: str(info.secrets.aesKey),
    token: str(info.secrets.token),
    mode: info.settings.mode === 'http' ? 'http' : 'stream',
    cardCallbackRouteKey: str(info.settings.cardCallbackRouteKey),
    leaveProcessCodes: (str(info.settings.leaveProcessCodes) ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
  };
}

/** How the shared code reads a tenant's DingTalk app. */
export const dingTalkApps: AppReader<DingTalkApp> = { platform: 'dingtalk', label: 'DingTalk', appOf };

/**
 * Does a payload's corp id (decrypted event `CorpId`, Stream `eventCorpId`, card callback `corpId`) belong to this
 * app's corp? Only a stated mismatch fails: the corp id is optional in the settings and absent from some payloads.
 */
export function sameCorp(app: Pick<DingTalkApp, 'corpId'>, corpId: string | undefined): boolean {
  return !app.corpId || !corpId || app.corpId === corpId;
}

/** The key that signs card button tokens: derived from the app secret, so only this app's cards verify. */
export function buttonKey(app: AppCredentials): Buffer {
  return createHmac('sha256', app.clientSecret).update('teampulse/dingtalk/card-button/v1').digest();
}
