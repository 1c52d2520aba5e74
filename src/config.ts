// Configuration is read once, here, from the environment handed in by the composition root.
// Every variable is validated; all problems are reported together, one line per bad variable.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { validateDetailed } from 'node-cron';
import { parseEncryptionKey } from './app/platforms/secret-box.js';
import { EnvReader, type Env } from './config-env.js';
import {
  dingtalkConfig,
  dingtalkHosts,
  slackApiUrl,
  slackConfig,
  wecomApiUrl,
  wecomConfig,
} from './config-platforms.js';

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

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const reader = new EnvReader(env);
  const { problems } = reader;
  const read = (name: string) => reader.read(name);
  const integer = (name: string, fallback: number, min: number, max: number) =>
    reader.integer(name, fallback, min, max);
  const onOff = (name: string, fallback: boolean) => reader.onOff(name, fallback);

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL: must be a postgres:// or postgresql:// URL`);
  }

  const port = integer('PORT', 3000, 0, 65535);
  const host = read('HOST') ?? '0.0.0.0';

  const logLevelRaw = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  }

  const logFormatRaw = read('LOG_FORMAT')?.toLowerCase() ?? 'auto';
  if (!['auto', 'json', 'pretty'].includes(logFormatRaw)) {
    problems.push(`LOG_FORMAT: must be auto, json or pretty (got "${logFormatRaw}")`);
  }

  const baseUrl = read('TEAMPULSE_BASE_URL') ?? `http://localhost:${port}`;
  try {
    const parsed = new URL(baseUrl);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('protocol');
  } catch {
    problems.push(`TEAMPULSE_BASE_URL: must be an http(s) URL (got "${baseUrl}")`);
  }

  const timezone = read('TEAMPULSE_TIMEZONE') ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timezone)) {
    problems.push(`TEAMPULSE_TIMEZONE: unknown IANA time zone "${timezone}" (e.g. Asia/Shanghai, Europe/Berlin)`);
  }

  const scoringCron = read('TEAMPULSE_SCORING_CRON') ?? '0 2 * * *';
  const digestCron = read('TEAMPULSE_DIGEST_CRON') ?? '0 9 * * 1';
  for (const [name, expression] of [
    ['TEAMPULSE_SCORING_CRON', scoringCron],
    ['TEAMPULSE_DIGEST_CRON', digestCron],
  ] as const) {
    // node-cron's own check, with its reason per field ("hour: 25 is a invalid expression for hour").
    const checked = validateDetailed(expression);
    if (!checked.valid) {
      const why = checked.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'not a cron expression';
      problems.push(`${name}: invalid cron expression "${expression}" (${why}); e.g. "0 2 * * *"`);
    }
  }

  const demoRaw = read('TEAMPULSE_DEMO')?.toLowerCase() ?? 'auto';
  if (demoRaw !== 'auto' && demoRaw !== 'off') {
    problems.push(`TEAMPULSE_DEMO: must be "auto" or "off" (got "${demoRaw}")`);
  }

  const encryptionKeys: Buffer[] = [];
  for (const [i, text] of (read('TEAMPULSE_ENCRYPTION_KEY') ?? '').split(',').entries()) {
    if (text.trim() === '') continue;
    try {
      encryptionKeys.push(parseEncryptionKey(text));
    } catch (error) {
      problems.push(`TEAMPULSE_ENCRYPTION_KEY: key ${i + 1}: ${(error as Error).message}`);
    }
  }
  const algorithmRaw = read('TEAMPULSE_ENCRYPTION_ALGORITHM')?.toLowerCase() ?? 'aes-256-gcm';
  if (algorithmRaw !== 'aes-256-gcm' && algorithmRaw !== 'sm4') {
    problems.push(`TEAMPULSE_ENCRYPTION_ALGORITHM: must be aes-256-gcm or sm4 (got "${algorithmRaw}")`);
  }

  const slackApi = slackApiUrl(reader);
  const slack = slackConfig(reader, encryptionKeys.length > 0, slackApi);
  const dingtalkApiHosts = dingtalkHosts(reader);
  const dingtalk = dingtalkConfig(reader, dingtalkApiHosts);
  const wecomApi = wecomApiUrl(reader);
  const wecom = wecomConfig(reader, wecomApi);

  const trustProxy = parseTrustProxy(read('TEAMPULSE_TRUST_PROXY'), problems);

  const defaultTenant = read('TEAMPULSE_DEFAULT_TENANT');
  if (defaultTenant !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(defaultTenant)) {
    problems.push(`TEAMPULSE_DEFAULT_TENANT: must be a tenant slug (got "${defaultTenant}")`);
  }

  const config: Config = {
    databaseUrl,
    dataDir: resolve(cwd, read('TEAMPULSE_DATA_DIR') ?? './data'),
    port,
    host,
    logLevel: logLevelRaw as LogLevel,
    logFormat: logFormatRaw as Config['logFormat'],
    baseUrl: baseUrl.replace(/\/+$/, ''),
    timezone,
    quietHours: onOff('TEAMPULSE_QUIET_HOURS', true),
    rawEventRetentionDays: integer('TEAMPULSE_RAW_EVENT_RETENTION_DAYS', 180, 1, 36500),
    auditRetentionYears: integer('TEAMPULSE_AUDIT_RETENTION_YEARS', 6, 6, 100),
    alertRetentionDays: integer('TEAMPULSE_ALERT_RETENTION_DAYS', 365, 90, 36500),
    bodyLimitBytes: integer('TEAMPULSE_BODY_LIMIT_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    trustProxy,
    authFailuresPerMinute: integer('TEAMPULSE_AUTH_FAILURE_LIMIT', 30, 1, 100_000),
    scheduler: onOff('TEAMPULSE_SCHEDULER', true),
    scoringCron,
    digestCron,
    jobLeaseMs: integer('TEAMPULSE_JOB_LEASE_SECONDS', 120, 1, 86_400) * 1000,
    poolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    requestTimeoutMs: integer('TEAMPULSE_REQUEST_TIMEOUT_SECONDS', 300, 0, 86_400) * 1000,
    connectionTimeoutMs: integer('TEAMPULSE_CONNECTION_TIMEOUT_SECONDS', 60, 0, 86_400) * 1000,
    outboxWorker: onOff('TEAMPULSE_OUTBOX_WORKER', true),
    outboxMaxAttempts: integer('TEAMPULSE_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    demo: demoRaw as 'auto' | 'off',
    encryptionKeys,
    encryptionAlgorithm: algorithmRaw as Config['encryptionAlgorithm'],
    defaultTenant,
    slack,
    slackApiUrl: slackApi,
    dingtalk,
    dingtalkHosts: dingtalkApiHosts,
    wecom,
    wecomApiUrl: wecomApi,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | readonly string[] {
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (['off', 'false', 'no'].includes(lower)) return false;
  if (['on', 'true', 'yes'].includes(lower)) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 100) return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (PROXY_KEYWORDS.includes(entry.toLowerCase())) return false;
    const [address, prefix, ...more] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || more.length > 0) return true;
    if (prefix === undefined) return false;
    return !/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128);
  });
  if (entries.length === 0 || bad.length > 0) {
    problems.push(
      `TEAMPULSE_TRUST_PROXY: must be off, on, a hop count (1–100) or a comma-separated list of addresses, CIDRs, ` +
        `loopback, linklocal, uniquelocal (got "${raw}")`,
    );
    return false;
  }
  return entries;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
