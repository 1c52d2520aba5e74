// pino logger factory. Secrets (tokens, signatures, passwords, connection strings) are redacted
// wherever they appear in a logged object, so a debug log never leaks credentials.
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.signingSecret',
  '*.clientSecret',
  '*.appSecret',
  '*.encodingAesKey',
  '*.databaseUrl',
  'token',
  'secret',
  'password',
  'databaseUrl',
  'config.databaseUrl',
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'teampulse' },
    },
    destination,
  );
}

export type { Logger };
