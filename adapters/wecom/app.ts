// A WeCom installation as the adapter uses it: the fields of `platform add wecom` / WECOM_* (see
// src/app/platforms/credentials.ts) read out of the neutral InstallationInfo. Each secret is its own WeCom "app" for
// access tokens: the self-built app's Secret (messages, cards), the contacts-sync Secret (address book) and the
// approval Secret (OA data); without the optional ones the app's own Secret is tried (it sees what the app's
// visibility range and API permissions allow).
import type { InstallationInfo } from '../../src/core/inbound-port.js';
import type { AppReader } from '../shared/installed-app.js';

export interface WeComCredentials {
  corpId: string;
  secret: string;
}

export interface WeComApp {
  tenantId: string;
  corpId: string;
  agentId: number;
  /** The self-built app's Secret. */
  secret: string;
  /** Callback Token and EncodingAESKey. */
  token: string;
  aesKey: string;
  contactSecret: string | undefined;
  approvalSecret: string | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function appOf(info: InstallationInfo): WeComApp | undefined {
  const [keyCorp, keyAgent] = info.installationKey.split(':');
  const corpId = str(info.settings.corpId) ?? str(keyCorp);
  const agentText = str(info.settings.agentId) ?? str(keyAgent) ?? '';
  const secret = str(info.secrets.secret);
  const token = str(info.secrets.token);
  const aesKey = str(info.secrets.aesKey);
  if (!corpId || !/^\d{1,10}$/.test(agentText) || !secret || !token || !aesKey) return undefined;
  return {
    tenantId: info.tenantId,
    corpId,
    agentId: Number(agentText),
    secret,
    token,
    aesKey,
    contactSecret: str(info.secrets.contactSecret),
    approvalSecret: str(info.secrets.approvalSecret),
  };
}

/** How the shared code reads a tenant's WeCom app. */
export const weComApps: AppReader<WeComApp> = { platform: 'wecom', label: 'WeCom', appOf };

/** Credentials for messages and cards. */
export const messaging = (app: WeComApp): WeComCredentials => ({ corpId: app.corpId, secret: app.secret });
/** Credentials for the address book (contacts-sync Secret, else the app's). */
export const contacts = (app: WeComApp): WeComCredentials => ({
  corpId: app.corpId,
  secret: app.contactSecret ?? app.secret,
});
/** Credentials for approvals (approval Secret, else the app's — which must then be listed under 审批 → API). */
export const approvals = (app: WeComApp): WeComCredentials => ({
  corpId: app.corpId,
  secret: app.approvalSecret ?? app.secret,
});
