// With no service running nobody delivers console messages, so a `teampulse console` session that opened the
// database itself delivers them: console rows only, through the same outbox worker the service runs. The session
// shows them from the database, so the adapter's own printout goes nowhere.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { OutboxWorker } from '../../delivery/worker.js';
import { createConsoleAdapter } from '../../../adapters/console/index.js';

export interface ConsoleDelivery {
  /** Delivers what is due now; resolves when this round is done. */
  drainOnce(): Promise<unknown>;
}

export function localConsoleDelivery(db: Kysely<Database>, now: () => Date, maxAttempts: number): ConsoleDelivery {
  return new OutboxWorker({ db, adapters: [createConsoleAdapter({ write: () => true })], now, maxAttempts });
}
