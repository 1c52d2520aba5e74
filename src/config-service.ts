// The service's own sections of the configuration (database, listener, logging, schedules, encryption, proxies,
// retention and limits): each read from its variables, problems collected by the reader. loadConfig calls them in a
// fixed order, so a misconfigured service lists its problems in the same order every time.
import { isIP } from 'node:net';
import { validateDetailed } from 'node-cron';
import { parseEncryptionKey } from './app/platforms/secret-box.js';
import type { EnvReader } from './config-env.js';
import type { Config, LogLevel } from './config.js';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** DATABASE_URL: a PostgreSQL URL, or undefined for the embedded PGlite. */
export function readDatabaseUrl(env: EnvReader): string | undefined {
  const databaseUrl = env.read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    env.problems.push(`DATABASE_URL: must be a postgres:// or postgresql:// URL`);
  }
  return databaseUrl;
}

/** PORT and HOST. */
export function readListener(env: EnvReader): Pick<Config, 'port' | 'host'> {
  return { port: env.integer('PORT', 3000, 0, 65535), host: env.read('HOST') ?? '0.0.0.0' };
}

/** LOG_LEVEL and LOG_FORMAT. */
export function readLogging(env: EnvReader): Pick<Config, 'logLevel' | 'logFormat'> {
  const logLevelRaw = env.read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    env.problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  }
  const logFormatRaw = env.read('LOG_FORMAT')?.toLowerCase() ?? 'auto';
  if (!['auto', 'json', 'pretty'].includes(logFormatRaw)) {
    env.problems.push(`LOG_FORMAT: must be auto, json or pretty (got "${logFormatRaw}")`);
  }
  return { logLevel: logLevelRaw as LogLevel, logFormat: logFormatRaw as Config['logFormat'] };
}

/** TEAMPULSE_BASE_URL without its trailing slashes; by default the listener on localhost. */
export function readBaseUrl(env: EnvReader, port: number): string {
  const baseUrl = env.read('TEAMPULSE_BASE_URL') ?? `http://localhost:${port}`;
  try {
    const parsed = new URL(baseUrl);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('protocol');
  } catch {
    env.problems.push(`TEAMPULSE_BASE_URL: must be an http(s) URL (got "${baseUrl}")`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/** TEAMPULSE_TIMEZONE: an IANA time zone. */
export function readTimezone(env: EnvReader): string {
  const timezone = env.read('TEAMPULSE_TIMEZONE') ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timezone)) {
    env.problems.push(`TEAMPULSE_TIMEZONE: unknown IANA time zone "${timezone}" (e.g. Asia/Shanghai, Europe/Berlin)`);
  }
  return timezone;
}

/** TEAMPULSE_SCORING_CRON and TEAMPULSE_DIGEST_CRON. */
export function readSchedules(env: EnvReader): Pick<Config, 'scoringCron' | 'digestCron'> {
  const scoringCron = env.read('TEAMPULSE_SCORING_CRON') ?? '0 2 * * *';
  const digestCron = env.read('TEAMPULSE_DIGEST_CRON') ?? '0 9 * * 1';
  for (const [name, expression] of [
    ['TEAMPULSE_SCORING_CRON', scoringCron],
    ['TEAMPULSE_DIGEST_CRON', digestCron],
  ] as const) {
    // node-cron's own check, with its reason per field ("hour: 25 is a invalid expression for hour").
    const checked = validateDetailed(expression);
    if (!checked.valid) {
      const why = checked.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'not a cron expression';
      env.problems.push(`${name}: invalid cron expression "${expression}" (${why}); e.g. "0 2 * * *"`);
    }
  }
  return { scoringCron, digestCron };
}

/** TEAMPULSE_DEMO: auto or off. */
export function readDemo(env: EnvReader): Config['demo'] {
  const demoRaw = env.read('TEAMPULSE_DEMO')?.toLowerCase() ?? 'auto';
  if (demoRaw !== 'auto' && demoRaw !== 'off') {
    env.problems.push(`TEAMPULSE_DEMO: must be "auto" or "off" (got "${demoRaw}")`);
  }
  return demoRaw as Config['demo'];
}

/** TEAMPULSE_ENCRYPTION_KEY (each key checked, numbered from 1) and TEAMPULSE_ENCRYPTION_ALGORITHM. */
export function readEncryption(env: EnvReader): Pick<Config, 'encryptionKeys' | 'encryptionAlgorithm'> {
  const encryptionKeys: Buffer[] = [];
  for (const [i, text] of (env.read('TEAMPULSE_ENCRYPTION_KEY') ?? '').split(',').entries()) {
    if (text.trim() === '') continue;
    try {
      encryptionKeys.push(parseEncryptionKey(text));
    } catch (error) {
      env.problems.push(`TEAMPULSE_ENCRYPTION_KEY: key ${i + 1}: ${(error as Error).message}`);
    }
  }
  const algorithmRaw = env.read('TEAMPULSE_ENCRYPTION_ALGORITHM')?.toLowerCase() ?? 'aes-256-gcm';
  if (algorithmRaw !== 'aes-256-gcm' && algorithmRaw !== 'sm4') {
    env.problems.push(`TEAMPULSE_ENCRYPTION_ALGORITHM: must be aes-256-gcm or sm4 (got "${algorithmRaw}")`);
  }
  return { encryptionKeys, encryptionAlgorithm: algorithmRaw as Config['encryptionAlgorithm'] };
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/** TEAMPULSE_TRUST_PROXY: off (default), on, a hop count, or addresses/CIDRs/keywords. */
export function readTrustProxy(env: EnvReader): Config['trustProxy'] {
  const raw = env.read('TEAMPULSE_TRUST_PROXY');
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
    env.problems.push(
      `TEAMPULSE_TRUST_PROXY: must be off, on, a hop count (1–100) or a comma-separated list of addresses, CIDRs, ` +
        `loopback, linklocal, uniquelocal (got "${raw}")`,
    );
    return false;
  }
  return entries;
}

/** TEAMPULSE_DEFAULT_TENANT: a tenant slug. */
export function readDefaultTenant(env: EnvReader): string | undefined {
  const defaultTenant = env.read('TEAMPULSE_DEFAULT_TENANT');
  if (defaultTenant !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(defaultTenant)) {
    env.problems.push(`TEAMPULSE_DEFAULT_TENANT: must be a tenant slug (got "${defaultTenant}")`);
  }
  return defaultTenant;
}

type Operation = Pick<
  Config,
  | 'quietHours'
  | 'rawEventRetentionDays'
  | 'auditRetentionYears'
  | 'alertRetentionDays'
  | 'bodyLimitBytes'
  | 'authFailuresPerMinute'
  | 'scheduler'
  | 'jobLeaseMs'
  | 'poolSize'
  | 'requestTimeoutMs'
  | 'connectionTimeoutMs'
  | 'outboxWorker'
  | 'outboxMaxAttempts'
>;

/** How this process runs: service-wide switches, retention periods, request limits, workers and their pool. */
export function readOperation(env: EnvReader): Operation {
  return {
    quietHours: env.onOff('TEAMPULSE_QUIET_HOURS', true),
    rawEventRetentionDays: env.integer('TEAMPULSE_RAW_EVENT_RETENTION_DAYS', 180, 1, 36500),
    auditRetentionYears: env.integer('TEAMPULSE_AUDIT_RETENTION_YEARS', 6, 6, 100),
    alertRetentionDays: env.integer('TEAMPULSE_ALERT_RETENTION_DAYS', 365, 90, 36500),
    bodyLimitBytes: env.integer('TEAMPULSE_BODY_LIMIT_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    authFailuresPerMinute: env.integer('TEAMPULSE_AUTH_FAILURE_LIMIT', 30, 1, 100_000),
    scheduler: env.onOff('TEAMPULSE_SCHEDULER', true),
    jobLeaseMs: env.integer('TEAMPULSE_JOB_LEASE_SECONDS', 120, 1, 86_400) * 1000,
    poolSize: env.integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    requestTimeoutMs: env.integer('TEAMPULSE_REQUEST_TIMEOUT_SECONDS', 300, 0, 86_400) * 1000,
    connectionTimeoutMs: env.integer('TEAMPULSE_CONNECTION_TIMEOUT_SECONDS', 60, 0, 86_400) * 1000,
    outboxWorker: env.onOff('TEAMPULSE_OUTBOX_WORKER', true),
    outboxMaxAttempts: env.integer('TEAMPULSE_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
