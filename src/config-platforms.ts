// The chat platforms' sections of the configuration: each read from its own variables, with the rules that tie them
// together (all of a group or none, formats of keys and ids), problems collected by the reader.
import type { EnvReader } from './config-env.js';
import type { Config, DingTalkConfig, DingTalkHosts, SlackConfig, WeComConfig } from './config.js';

/**
 * SLACK_API_URL. Read whether or not Slack credentials are in the environment: workspaces installed through OAuth or
 * stored with `teampulse platform add slack` use it too (an egress proxy, a test fake).
 */
export function slackApiUrl(env: EnvReader): string {
  return env.httpUrl('SLACK_API_URL', 'https://slack.com/api/');
}

/** Slack (a bot token, or OAuth for many workspaces; a signing secret either way), or undefined when not set up. */
export function slackConfig(env: EnvReader, hasEncryptionKey: boolean, apiUrl: string): SlackConfig | undefined {
  const slackOAuth = env.together(
    ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'],
    'Slack OAuth is configured (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
  );
  if (env.read('SLACK_BOT_TOKEN') || slackOAuth || env.read('SLACK_SIGNING_SECRET') || env.read('SLACK_APP_TOKEN')) {
    const signingSecret = env.read('SLACK_SIGNING_SECRET');
    if (!signingSecret) env.problems.push('SLACK_SIGNING_SECRET: required when Slack is configured');
    if (!env.read('SLACK_BOT_TOKEN') && !slackOAuth) {
      env.problems.push('SLACK_BOT_TOKEN: required unless Slack OAuth (SLACK_CLIENT_ID, …) is configured');
    }
    if (slackOAuth && !hasEncryptionKey) {
      env.problems.push('TEAMPULSE_ENCRYPTION_KEY: required for Slack OAuth (installations are stored sealed)');
    }
    const appToken = env.read('SLACK_APP_TOKEN');
    if (appToken && !appToken.startsWith('xapp-'))
      env.problems.push('SLACK_APP_TOKEN: must be an app-level token (xapp-…)');
    return {
      botToken: env.read('SLACK_BOT_TOKEN'),
      signingSecret: signingSecret ?? '',
      appToken,
      oauth: slackOAuth
        ? {
            clientId: env.read('SLACK_CLIENT_ID') ?? '',
            clientSecret: env.read('SLACK_CLIENT_SECRET') ?? '',
            stateSecret: env.read('SLACK_STATE_SECRET') ?? '',
          }
        : undefined,
      apiUrl,
    };
  }
  return undefined;
}

/**
 * The two DingTalk API hosts. Read whether or not DINGTALK_CLIENT_ID is set: apps registered with
 * `teampulse platform add dingtalk` use them too (an egress proxy, a test fake).
 */
export function dingtalkHosts(env: EnvReader): DingTalkHosts {
  return {
    apiUrl: env.httpUrl('DINGTALK_API_URL', 'https://api.dingtalk.com'),
    oapiUrl: env.httpUrl('DINGTALK_OAPI_URL', 'https://oapi.dingtalk.com'),
  };
}

/** DingTalk (an internal app's client id and secret; Stream mode by default), or undefined when not set up. */
export function dingtalkConfig(env: EnvReader, hosts: DingTalkHosts): DingTalkConfig | undefined {
  if (env.together(['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'], 'DingTalk is configured')) {
    const mode = env.read('DINGTALK_MODE')?.toLowerCase() ?? 'stream';
    if (mode !== 'stream' && mode !== 'http')
      env.problems.push(`DINGTALK_MODE: must be stream or http (got "${mode}")`);
    env.together(['DINGTALK_AES_KEY', 'DINGTALK_TOKEN'], 'DingTalk event subscription is configured');
    const aesKey = env.read('DINGTALK_AES_KEY');
    if (aesKey && !/^[A-Za-z0-9+/]{43}$/.test(aesKey))
      env.problems.push('DINGTALK_AES_KEY: must be the 43-character aes_key');
    return {
      mode: mode as DingTalkConfig['mode'],
      clientId: env.read('DINGTALK_CLIENT_ID') ?? '',
      clientSecret: env.read('DINGTALK_CLIENT_SECRET') ?? '',
      robotCode: env.read('DINGTALK_ROBOT_CODE') ?? env.read('DINGTALK_CLIENT_ID'),
      aesKey,
      token: env.read('DINGTALK_TOKEN'),
      corpId: env.read('DINGTALK_CORP_ID'),
      ...hosts,
    };
  } else if (env.read('DINGTALK_MODE') || env.read('DINGTALK_AES_KEY') || env.read('DINGTALK_TOKEN')) {
    env.problems.push('DINGTALK_CLIENT_ID: required when other DINGTALK_* variables are set');
  }
  return undefined;
}

/**
 * WECOM_API_URL. Read whether or not WECOM_CORP_ID and the rest are set: apps registered with
 * `teampulse platform add wecom` use it too (an egress proxy with a fixed IP, a test fake).
 */
export function wecomApiUrl(env: EnvReader): string {
  return env.httpUrl('WECOM_API_URL', 'https://qyapi.weixin.qq.com');
}

/** WeCom (a self-built app: corp id, agent id, secret and the callback token and key), or undefined when not set up. */
export function wecomConfig(env: EnvReader, apiUrl: string): WeComConfig | undefined {
  if (
    env.together(
      ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'],
      'WeCom is configured (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY)',
    )
  ) {
    const agentId = env.read('WECOM_AGENT_ID') ?? '';
    if (!/^\d{1,10}$/.test(agentId))
      env.problems.push(`WECOM_AGENT_ID: must be the app's numeric AgentId (got "${agentId}")`);
    const aesKey = env.read('WECOM_AES_KEY') ?? '';
    if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey))
      env.problems.push('WECOM_AES_KEY: must be the 43-character EncodingAESKey');
    return {
      corpId: env.read('WECOM_CORP_ID') ?? '',
      agentId: Number(agentId),
      secret: env.read('WECOM_SECRET') ?? '',
      token: env.read('WECOM_TOKEN') ?? '',
      aesKey,
      contactSecret: env.read('WECOM_CONTACT_SECRET'),
      approvalSecret: env.read('WECOM_APPROVAL_SECRET'),
      apiUrl,
    };
  } else if (env.read('WECOM_CONTACT_SECRET') || env.read('WECOM_APPROVAL_SECRET')) {
    env.problems.push('WECOM_CORP_ID: required when other WECOM_* variables are set');
  }
  return undefined;
}

/** The chat platforms from the environment, each with its API host(s), read Slack, DingTalk, WeCom in that order. */
export function readPlatforms(
  env: EnvReader,
  hasEncryptionKey: boolean,
): Pick<Config, 'slack' | 'slackApiUrl' | 'dingtalk' | 'dingtalkHosts' | 'wecom' | 'wecomApiUrl'> {
  const slackApi = slackApiUrl(env);
  const slack = slackConfig(env, hasEncryptionKey, slackApi);
  const dingtalkApiHosts = dingtalkHosts(env);
  const dingtalk = dingtalkConfig(env, dingtalkApiHosts);
  const wecomApi = wecomApiUrl(env);
  const wecom = wecomConfig(env, wecomApi);
  return { slack, slackApiUrl: slackApi, dingtalk, dingtalkHosts: dingtalkApiHosts, wecom, wecomApiUrl: wecomApi };
}
