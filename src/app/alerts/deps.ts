// What the alert use-cases need from the composition root.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';

export interface AlertLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface AlertDeps {
  db: Kysely<Database>;
  /** config.quietHours: false turns quiet hours off service-wide. */
  quietHours: boolean;
  now?: () => Date;
  logger?: AlertLogger;
}
