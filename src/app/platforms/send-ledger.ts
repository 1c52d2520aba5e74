// The send ledger the composition root hands the chat adapters (src/core/send-ledger.ts), on the database so every
// replica counts the same sends.
import type { Kysely } from 'kysely';
import type { SendLedger } from '../../core/send-ledger.js';
import type { Database } from '../../storage/database.js';
import { tryRecordSend } from '../../storage/repositories/send-ledger.js';

export function databaseSendLedger(db: Kysely<Database>): SendLedger {
  return { tryRecord: (key, now, rules) => tryRecordSend(db, key, now, rules) };
}
