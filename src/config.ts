// Configuration is read once, here, from the environment handed in by the composition root.
// Every variable is validated; all problems are reported together, one line per bad variable.
import { resolve } from 'node:path';

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
  /** Maximum accepted HTTP body size in bytes. */
  readonly bodyLimitBytes: number;
  /** Run the cron scheduler in this process (several replicas may all run it: slots are claimed in the DB). */
  readonly scheduler: boolean;
  /** Daily scoring cron expression, evaluated in each tenant's timezone. */
  readonly scoringCron: string;
  /** Weekly digest cron expression, evaluated in each tenant's timezone. */
  readonly digestCron: string;
  /** Run the outbox worker in this process. */
  readonly outboxWorker: boolean;
  /** Outbox: attempts before a message is dead-lettered. */
  readonly outboxMaxAttempts: number;
  /** 'auto' ⇒ create the demo organisation on first start with an empty embedded DB and no platform. */
  readonly demo: 'auto' | 'off';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };

  const onOff = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}: must be "on" or "off" (got "${raw}")`);
    return fallback;
  };

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
    if (!/^(\S+\s+){4,5}\S+$/.test(expression)) {
      problems.push(`${name}: must be a cron expression with 5 or 6 fields (got "${expression}")`);
    }
  }

  const demoRaw = read('TEAMPULSE_DEMO')?.toLowerCase() ?? 'auto';
  if (demoRaw !== 'auto' && demoRaw !== 'off') {
    problems.push(`TEAMPULSE_DEMO: must be "auto" or "off" (got "${demoRaw}")`);
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
    bodyLimitBytes: integer('TEAMPULSE_BODY_LIMIT_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    scheduler: onOff('TEAMPULSE_SCHEDULER', true),
    scoringCron,
    digestCron,
    outboxWorker: onOff('TEAMPULSE_OUTBOX_WORKER', true),
    outboxMaxAttempts: integer('TEAMPULSE_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    demo: demoRaw as 'auto' | 'off',
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
