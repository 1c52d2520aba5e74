// What every route plugin is given by buildApp: the database and the clock. The clock is resolved once there (the
// injected test clock or the wall clock), so no plugin defaults it on its own.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

export interface RouteDeps {
  db: Kysely<Database>;
  now: () => Date;
}
