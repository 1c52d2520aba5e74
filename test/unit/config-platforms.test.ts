// Chat platform and encryption settings: a platform is configured only when its required variables come together,
// and a partial set is reported variable by variable (one line each).
import { describe, expect, it } from 'vitest';
import { envInstallations } from '../../src/app/platforms/credentials.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('platform configuration', () => {
  it('configures no platform and no encryption key by default', () => {
    const config = loadConfig({}, '/srv');
    expect(config.slack).toBeUndefined();
    expect(config.dingtalk).toBeUndefined();
    expect(config.wecom).toBeUndefined();
    expect(config.encryptionKeys).toEqual([]);
    expect(config.defaultTenant).toBeUndefined();
  });

  it('reads each platform with its API host overridable', () => {
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'sig',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        DINGTALK_CLIENT_ID: 'ding1',
        DINGTALK_CLIENT_SECRET: 'dsecret',
        DINGTALK_MODE: 'http',
        DINGTALK_API_URL: 'http://127.0.0.1:9',
        DINGTALK_OAPI_URL: 'http://127.0.0.1:10',
        WECOM_CORP_ID: 'ww1',
        WECOM_AGENT_ID: '1000002',
        WECOM_SECRET: 's',
        WECOM_TOKEN: 't',
        WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
        WECOM_API_URL: 'http://127.0.0.1:11',
        TEAMPULSE_DEFAULT_TENANT: 'acme',
        TEAMPULSE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      '/srv',
    );
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/', oauth: undefined });
    expect(config.dingtalk).toMatchObject({ mode: 'http', robotCode: 'ding1', oapiUrl: 'http://127.0.0.1:10' });
    expect(config.wecom).toMatchObject({ corpId: 'ww1', agentId: 1000002, apiUrl: 'http://127.0.0.1:11' });
    expect(config.defaultTenant).toBe('acme');
    expect(config.encryptionKeys).toHaveLength(1);
  });

  it('runs DingTalk in Stream mode unless DINGTALK_MODE says http', () => {
    const config = loadConfig({ DINGTALK_CLIENT_ID: 'ding1', DINGTALK_CLIENT_SECRET: 'dsecret' }, '/srv');
    expect(config.dingtalk).toMatchObject({ mode: 'stream', robotCode: 'ding1' });
    expect(problemsOf({ DINGTALK_CLIENT_ID: 'ding1', DINGTALK_CLIENT_SECRET: 's', DINGTALK_MODE: 'webhook' })).toEqual([
      'DINGTALK_MODE: must be stream or http (got "webhook")',
    ]);
  });

  it("turns every DINGTALK_* credential into the default tenant's installation (secrets apart from settings)", () => {
    const config = loadConfig(
      {
        DINGTALK_CLIENT_ID: 'ding1',
        DINGTALK_CLIENT_SECRET: 'dsecret',
        DINGTALK_MODE: 'http',
        DINGTALK_ROBOT_CODE: 'robot9',
        DINGTALK_CORP_ID: 'dingcorp9',
        DINGTALK_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
        DINGTALK_TOKEN: 'tok',
      },
      '/srv',
    );
    expect(envInstallations(config)).toEqual([
      {
        platform: 'dingtalk',
        installationKey: 'ding1',
        secrets: { clientSecret: 'dsecret', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', token: 'tok' },
        settings: { clientId: 'ding1', mode: 'http', robotCode: 'robot9', corpId: 'dingcorp9' },
      },
    ]);
  });

  it('reads the DingTalk API hosts without DINGTALK_CLIENT_ID (apps stored with `platform add` use them)', () => {
    const config = loadConfig(
      { DINGTALK_API_URL: 'http://127.0.0.1:9', DINGTALK_OAPI_URL: 'http://127.0.0.1:10' },
      '/srv',
    );
    expect(config.dingtalk).toBeUndefined();
    expect(config.dingtalkHosts).toEqual({ apiUrl: 'http://127.0.0.1:9', oapiUrl: 'http://127.0.0.1:10' });
    expect(loadConfig({}, '/srv').dingtalkHosts).toEqual({
      apiUrl: 'https://api.dingtalk.com',
      oapiUrl: 'https://oapi.dingtalk.com',
    });
  });

  it("reads SLACK_API_URL and WECOM_API_URL without that platform's credentials (stored and OAuth installs use them)", () => {
    const config = loadConfig(
      { SLACK_API_URL: 'http://127.0.0.1:9/api/', WECOM_API_URL: 'http://127.0.0.1:11' },
      '/srv',
    );
    expect(config.slack).toBeUndefined();
    expect(config.wecom).toBeUndefined();
    expect(config.slackApiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.wecomApiUrl).toBe('http://127.0.0.1:11');
    const defaults = loadConfig({}, '/srv');
    expect([defaults.slackApiUrl, defaults.wecomApiUrl]).toEqual([
      'https://slack.com/api/',
      'https://qyapi.weixin.qq.com',
    ]);
    // A malformed host is refused at start even while the platform has no credentials in the environment.
    expect(problemsOf({ WECOM_API_URL: 'qyapi.weixin.qq.com' })).toEqual([
      'WECOM_API_URL: must be an http(s) URL (got "qyapi.weixin.qq.com")',
    ]);
  });

  it('names every missing or malformed variable of a partial configuration', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_SIGNING_SECRET: required when Slack is configured',
    ]);
    expect(problemsOf({ SLACK_CLIENT_ID: 'c', SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_CLIENT_SECRET: required when Slack OAuth is configured (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
      'SLACK_STATE_SECRET: required when Slack OAuth is configured (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
      'TEAMPULSE_ENCRYPTION_KEY: required for Slack OAuth (installations are stored sealed)',
    ]);
    expect(
      problemsOf({
        WECOM_CORP_ID: 'ww1',
        WECOM_AGENT_ID: 'x',
        WECOM_SECRET: 's',
        WECOM_TOKEN: 't',
        WECOM_AES_KEY: 'short',
      }),
    ).toEqual([
      `WECOM_AGENT_ID: must be the app's numeric AgentId (got "x")`,
      'WECOM_AES_KEY: must be the 43-character EncodingAESKey',
    ]);
    expect(problemsOf({ DINGTALK_CLIENT_ID: 'd' })).toEqual([
      'DINGTALK_CLIENT_SECRET: required when DingTalk is configured',
    ]);
    expect(problemsOf({ TEAMPULSE_ENCRYPTION_KEY: 'nope', TEAMPULSE_ENCRYPTION_ALGORITHM: 'des' })).toEqual([
      'TEAMPULSE_ENCRYPTION_KEY: key 1: an encryption key must be 32 bytes, as 64 hex characters or base64 (openssl rand -base64 32)',
      'TEAMPULSE_ENCRYPTION_ALGORITHM: must be aes-256-gcm or sm4 (got "des")',
    ]);
  });
});
