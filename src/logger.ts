// pino logger factory. Secrets (tokens, signatures, passwords, connection strings) are redacted
// wherever they appear in a logged object, so a debug log never leaks credentials.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  // DingTalk robot callbacks: HMAC of the app secret (replayable within its one-hour window).
  'req.headers.sign',
  'headers.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.signingSecret',
  '*.clientSecret',
  '*.appSecret',
  '*.encodingAesKey',
  '*.aesKey',
  '*.botToken',
  '*.appToken',
  '*.accessToken',
  '*.access_token',
  '*.stateSecret',
  '*.contactSecret',
  '*.approvalSecret',
  '*.secrets',
  'secrets',
  '*.databaseUrl',
  'token',
  'secret',
  'password',
  'databaseUrl',
  'config.databaseUrl',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines (for a terminal) instead of JSON lines. */
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

export function createLogger({ level, pretty: human = false, destination }: LoggerOptions): Logger {
  const stream =
    destination ??
    (human
      ? pretty({ colorize: true, sync: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' })
      : undefined);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'teampulse' },
    },
    stream,
  );
}

export type { Logger };
