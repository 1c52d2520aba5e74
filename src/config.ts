// Configuration is read once, here, from the environment handed in by the composition root.
// Every variable is validated; all problems are reported together, one line per bad variable.
import { resolve } from 'node:path';
import { EnvReader, type Env } from './config-env.js';
import { readPlatforms } from './config-platforms.js';
import {
  readBaseUrl,
  readDatabaseUrl,
  readDefaultTenant,
  readDemo,
  readEncryption,
  readListener,
  readLogging,
  readOperation,
  readSchedules,
  readTimezone,
  readTrustProxy,
} from './config-service.js';

export { isValidTimeZone } from './config-service.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** PostgreSQL connection string; undefined ⇒ embedded PGlite in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** 'auto' ⇒ human-readable on a terminal, JSON lines otherwise. */
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly baseUrl: string;
  /** Default IANA timezone for new tenants and for the scheduler. */
  readonly timezone: string;
  /** false ⇒ quiet hours are off service-wide (TEAMPULSE_QUIET_HOURS=off). */
  readonly quietHours: boolean;
  /** Raw events older than this are purged daily; rollups are kept. */
  readonly rawEventRetentionDays: number;
  /**
   * Audit rows older than this many years are deleted daily. At least 6 (seed §security): the audit table's trigger
   * refuses to delete younger rows, so a shorter value is rejected here instead of failing at 03:45.
   */
  readonly auditRetentionYears: number;
  /**
   * Closed alerts (no longer open: raised, snoozed and last answered more than this many days ago) and their feedback
   * are deleted daily. At least 90: the accuracy report and the close-the-loop views look 30/60/90 days back.
   */
  readonly alertRetentionDays: number;
  /** Maximum accepted HTTP body size in bytes. */
  readonly bodyLimitBytes: number;
  /**
   * TEAMPULSE_TRUST_PROXY: whose X-Forwarded-For / Forwarded / X-Real-IP to believe for the client address — false
   * (default: nobody), true (every hop), a hop count, or addresses/CIDRs/`loopback`/`linklocal`/`uniquelocal`.
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** TEAMPULSE_AUTH_FAILURE_LIMIT: failed bearer-token attempts per client address and minute before 429. */
  readonly authFailuresPerMinute: number;
  /** Run the cron scheduler in this process (several replicas may all run it: slots are claimed in the DB). */
  readonly scheduler: boolean;
  /** Daily scoring cron expression, evaluated in each tenant's timezone. */
  readonly scoringCron: string;
  /** Weekly digest cron expression, evaluated in each tenant's timezone. */
  readonly digestCron: string;
  /** How long a scheduled job's claim on its slot lasts unrenewed: a replica that died mid-run is replaced after it. */
  readonly jobLeaseMs: number;
  /** PostgreSQL connections in this process's pool (DATABASE_POOL_SIZE). */
  readonly poolSize: number;
  /** Longest a request may take from its first byte to the response, in ms (0: no limit). A stalled upload ends. */
  readonly requestTimeoutMs: number;
  /** Longest an idle connection is kept open without a byte received, in ms (0: no limit). */
  readonly connectionTimeoutMs: number;
  /** Run the outbox worker in this process. */
  readonly outboxWorker: boolean;
  /** Outbox: attempts before a message is dead-lettered. */
  readonly outboxMaxAttempts: number;
  /** 'auto' ⇒ create the demo organisation on first start with an empty embedded DB and no platform. */
  readonly demo: 'auto' | 'off';
  /** TEAMPULSE_ENCRYPTION_KEY (comma-separated; the first seals, all open): seals platform secrets at rest. */
  readonly encryptionKeys: readonly Buffer[];
  /** TEAMPULSE_ENCRYPTION_ALGORITHM: aes-256-gcm (default) or sm4 (国密 SM4 + HMAC-SM3). */
  readonly encryptionAlgorithm: 'aes-256-gcm' | 'sm4';
  /** TEAMPULSE_DEFAULT_TENANT: the tenant (slug) that platform credentials from the environment belong to. */
  readonly defaultTenant: string | undefined;
  /** Slack from the environment (single workspace and/or OAuth app); undefined ⇒ not configured. */
  readonly slack: SlackConfig | undefined;
  /** SLACK_API_URL, also for OAuth-installed and stored workspaces when no SLACK_* credentials are set. */
  readonly slackApiUrl: string;
  readonly dingtalk: DingTalkConfig | undefined;
  /** DINGTALK_API_URL / DINGTALK_OAPI_URL, also for stored installations when DINGTALK_CLIENT_ID is not set. */
  readonly dingtalkHosts: DingTalkHosts;
  readonly wecom: WeComConfig | undefined;
  /** WECOM_API_URL, also for stored installations when the WECOM_* credentials are not set. */
  readonly wecomApiUrl: string;
}

export interface DingTalkHosts {
  /** DINGTALK_API_URL (new-style api.dingtalk.com) and DINGTALK_OAPI_URL (legacy oapi.dingtalk.com). */
  readonly apiUrl: string;
  readonly oapiUrl: string;
}

export interface SlackConfig {
  /** SLACK_BOT_TOKEN: one workspace, installed by hand. */
  readonly botToken: string | undefined;
  readonly signingSecret: string;
  /** SLACK_APP_TOKEN (xapp-…): Socket Mode, no public URL needed. */
  readonly appToken: string | undefined;
  /** SLACK_CLIENT_ID / SLACK_CLIENT_SECRET / SLACK_STATE_SECRET: multi-workspace OAuth installs. */
  readonly oauth: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  /** SLACK_API_URL: Web API base URL (tests and proxies); default https://slack.com/api/. */
  readonly apiUrl: string;
}

export interface DingTalkConfig {
  /** DINGTALK_MODE: stream (default; no public URL) or http (callbacks). */
  readonly mode: 'stream' | 'http';
  /** DINGTALK_CLIENT_ID (AppKey) and DINGTALK_CLIENT_SECRET (AppSecret). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly robotCode: string | undefined;
  /** DINGTALK_AES_KEY and DINGTALK_TOKEN: event-subscription crypto (HTTP mode). */
  readonly aesKey: string | undefined;
  readonly token: string | undefined;
  readonly corpId: string | undefined;
  /** DINGTALK_API_URL (new-style api.dingtalk.com) and DINGTALK_OAPI_URL (legacy oapi.dingtalk.com). */
  readonly apiUrl: string;
  readonly oapiUrl: string;
}

export interface WeComConfig {
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: string;
  readonly token: string;
  readonly aesKey: string;
  readonly contactSecret: string | undefined;
  readonly approvalSecret: string | undefined;
  /** WECOM_API_URL: default https://qyapi.weixin.qq.com. */
  readonly apiUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const reader = new EnvReader(env);
  // Sections are read in this order so that the problems are listed in it.
  const databaseUrl = readDatabaseUrl(reader);
  const listener = readListener(reader);
  const logging = readLogging(reader);
  const baseUrl = readBaseUrl(reader, listener.port);
  const timezone = readTimezone(reader);
  const schedules = readSchedules(reader);
  const demo = readDemo(reader);
  const encryption = readEncryption(reader);
  const platforms = readPlatforms(reader, encryption.encryptionKeys.length > 0);
  const trustProxy = readTrustProxy(reader);
  const defaultTenant = readDefaultTenant(reader);
  const dataDir = resolve(cwd, reader.read('TEAMPULSE_DATA_DIR') ?? './data');
  const operation = readOperation(reader);

  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  const config: Config = {
    databaseUrl,
    dataDir,
    ...listener,
    ...logging,
    baseUrl,
    timezone,
    ...operation,
    trustProxy,
    ...schedules,
    demo,
    ...encryption,
    defaultTenant,
    ...platforms,
  };
  return Object.freeze(config);
}
