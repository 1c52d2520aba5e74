// On PostgreSQL every test file works in its own schema. Dropping a schema while another file's Kysely migrator
// introspects the catalogue makes that migrator fail ("schema … does not exist"), so schemas are not dropped
// per file: this run's schemas share a prefix and are dropped together once every file has finished.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const runId = randomBytes(3).toString('hex');
  process.env.TEAMPULSE_TEST_RUN = runId;
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname like $1`,
        [`t\\_${runId}\\_%`],
      );
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
