// What each platform's installation holds: which fields are secrets (sealed) and which are settings, how its
// installation key is formed, and how the service's environment (src/config.ts) maps onto it. One table, used by
// `teampulse platform add` and by the composition root for the environment's credentials.
import type { ChatPlatform } from '../../core/inbound-port.js';
import type { Config } from '../../config.js';
import type { EnvInstallation } from './installations.js';
import { InvalidInputError } from '../errors.js';

export interface CredentialField {
  name: string;
  secret: boolean;
  required: boolean;
  description: string;
}

export interface PlatformCredentialSpec {
  fields: readonly CredentialField[];
  /** The key requests of this installation carry. */
  installationKey(values: Readonly<Record<string, string>>): string;
}

/**
 * A platform's spec from its fields as data: each field's description by name (in the order `platform add --help`
 * lists them), then which of them are required and which are secrets.
 */
function credentialSpec<Name extends string>(spec: {
  fields: Record<Name, string>;
  required: readonly NoInfer<Name>[];
  secrets: readonly NoInfer<Name>[];
  installationKey: PlatformCredentialSpec['installationKey'];
}): PlatformCredentialSpec {
  const fields = (Object.entries(spec.fields) as [Name, string][]).map(([name, description]) => ({
    name,
    secret: spec.secrets.includes(name),
    required: spec.required.includes(name),
    description,
  }));
  return { fields, installationKey: spec.installationKey };
}

export const PLATFORM_CREDENTIALS: Record<ChatPlatform, PlatformCredentialSpec> = {
  slack: credentialSpec({
    fields: {
      teamId: 'workspace id (T…), or the enterprise id (E…) of an org-wide install',
      botToken: 'bot token (xoxb-…)',
      signingSecret: "the app's signing secret (defaults to SLACK_SIGNING_SECRET)",
      botUserId: "the bot's own user id (U…), to ignore its own messages",
    },
    required: ['teamId', 'botToken'],
    secrets: ['botToken', 'signingSecret'],
    installationKey: (v) => v.teamId ?? '',
  }),
  dingtalk: credentialSpec({
    fields: {
      clientId: 'AppKey (client id) of the internal app',
      clientSecret: 'AppSecret (client secret)',
      robotCode: 'robot code (defaults to the client id)',
      corpId: 'corp id (checked inside event payloads)',
      aesKey: 'event subscription aes_key (43 characters)',
      token: 'event subscription token',
      mode: 'stream (default) or http',
      cardCallbackRouteKey: 'callbackRouteKey registered for card clicks (HTTP mode)',
      leaveProcessCodes: 'approval process codes that are leave requests (comma-separated)',
    },
    required: ['clientId', 'clientSecret'],
    secrets: ['clientSecret', 'aesKey', 'token'],
    installationKey: (v) => v.clientId ?? '',
  }),
  wecom: credentialSpec({
    fields: {
      corpId: 'CorpID',
      agentId: 'AgentId of the self-built app',
      secret: "the app's Secret",
      token: 'callback Token',
      aesKey: 'callback EncodingAESKey (43 characters)',
      contactSecret: 'contacts-sync Secret',
      approvalSecret: 'approval (OA) Secret',
    },
    required: ['corpId', 'agentId', 'secret', 'token', 'aesKey'],
    secrets: ['secret', 'token', 'aesKey', 'contactSecret', 'approvalSecret'],
    installationKey: (v) => `${v.corpId ?? ''}:${v.agentId ?? ''}`,
  }),
};

const hasControlCharacter = (value: string): boolean => [...value].some((c) => c.charCodeAt(0) < 0x20);

/** Splits validated values into sealed secrets and plain settings; one error lists every problem. */
export function splitCredentials(
  platform: ChatPlatform,
  values: Readonly<Record<string, string>>,
): { installationKey: string; secrets: Record<string, string>; settings: Record<string, string> } {
  const spec = PLATFORM_CREDENTIALS[platform];
  const known = new Set(spec.fields.map((f) => f.name));
  const problems: { field: string; message: string }[] = [];
  for (const name of Object.keys(values)) {
    if (!known.has(name)) problems.push({ field: name, message: `unknown field "${name}" (${[...known].join(', ')})` });
  }
  for (const f of spec.fields) {
    const value = values[f.name];
    if (f.required && (value === undefined || value.trim() === '')) {
      problems.push({ field: f.name, message: `${f.name} is required (${f.description})` });
    }
    if (value !== undefined && hasControlCharacter(value)) {
      problems.push({ field: f.name, message: `${f.name} contains control characters` });
    }
  }
  if (problems.length) {
    throw new InvalidInputError(
      `${platform}: ${problems.map((p) => p.message).join('; ')}`,
      problems.map((p) => ({ path: `/${p.field}`, message: p.message })),
    );
  }
  const secrets: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const f of spec.fields) {
    const value = values[f.name];
    if (value === undefined) continue;
    (f.secret ? secrets : settings)[f.name] = value.trim();
  }
  return { installationKey: spec.installationKey(values), secrets, settings };
}

/** The credentials of the service's environment, one per configured platform (bound to the default tenant). */
export function envInstallations(config: Pick<Config, 'slack' | 'dingtalk' | 'wecom'>): EnvInstallation[] {
  const out: EnvInstallation[] = [];
  if (config.slack?.botToken) {
    out.push({
      platform: 'slack',
      installationKey: '*',
      secrets: {
        botToken: config.slack.botToken,
        signingSecret: config.slack.signingSecret,
        ...(config.slack.appToken ? { appToken: config.slack.appToken } : {}),
      },
      settings: {},
    });
  }
  const d = config.dingtalk;
  if (d) {
    out.push({
      platform: 'dingtalk',
      installationKey: d.clientId,
      secrets: {
        clientSecret: d.clientSecret,
        ...(d.aesKey ? { aesKey: d.aesKey } : {}),
        ...(d.token ? { token: d.token } : {}),
      },
      settings: {
        clientId: d.clientId,
        mode: d.mode,
        ...(d.robotCode ? { robotCode: d.robotCode } : {}),
        ...(d.corpId ? { corpId: d.corpId } : {}),
      },
    });
  }
  const w = config.wecom;
  if (w) {
    out.push({
      platform: 'wecom',
      installationKey: `${w.corpId}:${w.agentId}`,
      secrets: {
        secret: w.secret,
        token: w.token,
        aesKey: w.aesKey,
        ...(w.contactSecret ? { contactSecret: w.contactSecret } : {}),
        ...(w.approvalSecret ? { approvalSecret: w.approvalSecret } : {}),
      },
      settings: { corpId: w.corpId, agentId: String(w.agentId) },
    });
  }
  return out;
}

/** The same values `platform add --from-env` stores: the environment's credentials of one platform. */
export function credentialValuesFromEnv(
  platform: ChatPlatform,
  config: Pick<Config, 'slack' | 'dingtalk' | 'wecom'>,
): Record<string, string> | undefined {
  const env = envInstallations(config).find((e) => e.platform === platform);
  if (!env) return undefined;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...env.settings, ...env.secrets })) values[k] = String(v);
  return values;
}
