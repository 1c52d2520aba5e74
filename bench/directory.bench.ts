// Directory bulk upsert throughput against PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test),
// in its own schema that is dropped afterwards; plus one 10k batch on in-memory PGlite (the embedded default).
//  (1) import a whole 100k-employee organisation (DIRECTORY_BENCH_N) with 1,111 teams in one upsertDirectory call —
//      what `teampulse import employees` does — next to a raw INSERT … SELECT FROM unnest of the same rows into
//      an emptied table in the same run; prints the ratio.
//  (2) re-import of the same organisation (everything unchanged: validation and diff only).
//  (3) a 10,000-item API-sized batch changing every row's manager and team, into the 100k tenant.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import type { Database } from '../src/storage/database.js';
import { upsertDirectory, type EmployeeInput, type TeamInput } from '../src/app/directory/index.js';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const N = Number(process.env.DIRECTORY_BENCH_N ?? 100_000);

/** 1 root, 10 divisions, 100 teams per division; each team's first member leads it and reports to the division head. */
function organisation(n: number): { teams: TeamInput[]; employees: EmployeeInput[] } {
  const teams: TeamInput[] = [{ externalId: 'root', name: 'Company' }];
  for (let d = 0; d < 10; d++) {
    teams.push({ externalId: `div${d}`, name: `Division ${d}`, parent: 'root' });
    for (let t = 0; t < 100; t++)
      teams.push({ externalId: `team${d}-${t}`, name: `Team ${d}-${t}`, parent: `div${d}` });
  }
  const leaves = teams.filter((t) => t.externalId.startsWith('team'));
  const employees: EmployeeInput[] = [];
  for (let i = 0; i < n; i++) {
    const team = leaves[i % leaves.length]!.externalId;
    const lead = i < leaves.length;
    const division = team.slice(4).split('-')[0];
    employees.push({
      externalId: `e${i}`,
      name: `Person ${i}`,
      email: `p${i}@example.com`,
      team,
      // Team leads report to their division's first lead; everyone else to their team lead. Listed reports-first.
      manager: lead ? (i % 100 === 0 ? null : `e${Number(division) * 100}`) : `e${i % leaves.length}`,
      hireDate: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
      identities: { dingtalk: `d${i}`, wecom: `w${i}` },
    });
  }
  employees.reverse(); // managers after their reports: the order-independence path
  return { teams, employees };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function tenant(db: Kysely<Database>, slug: string): Promise<string> {
  const row = await db
    .insertInto('tenants')
    .values({ slug, name: slug, locale: 'en', timezone: 'UTC', legal_entity: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function onPostgres(): Promise<void> {
  const schema = `bench_dir_${randomBytes(4).toString('hex')}`;
  const handle: DatabaseHandle = await openDatabase({ databaseUrl: URL, schema, poolSize: 4 });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, schema);
    const db = handle.db;
    const tenantId = await tenant(db, 'bench');
    const org = organisation(N);

    let t = process.hrtime.bigint();
    const first = await upsertDirectory(db, tenantId, org, { actor: 'bench' });
    const importMs = ms(t);
    console.log(
      `(1) import ${fmt(N)} employees + ${org.teams.length} teams: ${fmt(importMs)} ms (${fmt((N / importMs) * 1000)} employees/s)`,
      first.employees,
    );
    const rss = process.memoryUsage().rss / 2 ** 20;

    // Baseline: the same employee rows (no managers, no identities) through one raw unnest insert.
    const rows = await db.selectFrom('employees').selectAll().where('tenant_id', '=', tenantId).execute();
    const baselineTenant = await tenant(db, 'baseline');
    t = process.hrtime.bigint();
    await sql`insert into employees (id, tenant_id, external_id, display_name, email, hire_date)
      select u.id, ${baselineTenant}::uuid, u.x, u.n, u.e, u.h
      from unnest(${rows.map(() => randomUUID())}::uuid[], ${rows.map((r) => r.external_id)}::text[],
                  ${rows.map((r) => r.display_name)}::text[], ${rows.map((r) => r.email)}::text[],
                  ${rows.map((r) => r.hire_date)}::date[]) as u(id, x, n, e, h)`.execute(db);
    const rawMs = ms(t);
    console.log(
      `    raw unnest insert of the same ${fmt(rows.length)} rows: ${fmt(rawMs)} ms → upsert/raw = ${(importMs / rawMs).toFixed(1)}×; rss after import ${fmt(rss)} MiB`,
    );

    t = process.hrtime.bigint();
    const again = await upsertDirectory(db, tenantId, org, { actor: 'bench' });
    console.log(`(2) re-import, nothing changed: ${fmt(ms(t))} ms`, again.employees);

    const batch: EmployeeInput[] = org.employees.slice(0, 10_000).map((e, i) => ({
      ...e,
      team: `team${i % 10}-${(i * 7) % 100}`,
      manager: e.manager === null ? null : `e${(i % 1000) + 50_000 > N - 1 ? i % 1000 : (i % 1000) + 50_000}`,
    }));
    t = process.hrtime.bigint();
    try {
      const changed = await upsertDirectory(db, tenantId, { employees: batch }, { actor: 'bench' });
      console.log(`(3) 10,000-item batch into the ${fmt(N)} tenant: ${fmt(ms(t))} ms`, changed.employees);
    } catch (error) {
      console.log(`(3) 10,000-item batch rejected after ${fmt(ms(t))} ms: ${(error as Error).message}`);
    }
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
    await handle.close();
  }
}

async function onPglite(): Promise<void> {
  const handle = await openDatabase({});
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, handle.schema);
    const tenantId = await tenant(handle.db, 'bench');
    const org = organisation(10_000);
    const t = process.hrtime.bigint();
    const result = await upsertDirectory(handle.db, tenantId, org, { actor: 'bench' });
    console.log(
      `(4) PGlite (in memory): 10,000 employees + ${org.teams.length} teams: ${fmt(ms(t))} ms`,
      result.employees,
    );
  } finally {
    await handle.close();
  }
}

export async function run(): Promise<void> {
  await onPostgres();
  await onPglite();
}
