// Shared plumbing for CLI verbs. The I/O (env, stdout, stderr, stdin, database opener) is injected so tests
// run verbs in-process against their own database; the real process passes its own.
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import type { DatabaseHandle } from '../storage/db.js';
import type { Database } from '../storage/database.js';
import type { Access } from '../app/access/index.js';
import type { Tenant } from '../storage/tables/directory.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Tests inject their own database; the CLI otherwise opens the configured one. */
  openDatabase?: (config: Config) => Promise<DatabaseHandle>;
}

export const processIo = (): CliIo => ({
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

export interface CliContext {
  io: CliIo;
  config: Config;
  handle: DatabaseHandle;
  db: Kysely<Database>;
  /** Migrations applied by this invocation (usually none). */
  applied: string[];
}

export async function withDatabase<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  // Loaded here, not at the top: the database drivers are the bulk of start-up time and --help needs none of them.
  const { openMigratedDatabase } = await import('../app/database.js');
  const opener = io.openDatabase;
  const { handle, applied } = await openMigratedDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    opener ? () => opener(config) : undefined,
  );
  try {
    return await fn({ io, config, handle, db: handle.db, applied });
  } finally {
    await handle.close();
  }
}

/**
 * The one way a verb prints its result: with --json the value as indented JSON on stdout (what scripts parse),
 * otherwise the text for people. Every verb with a result takes --json and prints through here.
 */
export function output(io: CliIo, json: boolean | undefined, value: unknown, text: string): void {
  io.stdout.write(json === true ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/**
 * A listing through `output`: for people one tab-separated line a row (`cells` names its columns), or `empty` (what
 * to do next) when there is no row; with --json the rows themselves.
 */
export function outputRows<T>(
  io: CliIo,
  json: boolean | undefined,
  rows: readonly T[],
  cells: (row: T) => string[],
  empty: string,
): void {
  output(io, json, rows, rows.length ? rows.map((row) => cells(row).join('\t')).join('\n') : empty);
}

export interface OperatorContext extends CliContext {
  tenant: Tenant;
  /** The operator of that tenant: the CLI is trusted, src/app still checks the verb and audits it. */
  access: Access;
}

/** Opens the database and acts as the operator of tenant `slug` (an unknown slug fails as NotFoundError). */
export async function withOperator<T>(io: CliIo, slug: string, fn: (ctx: OperatorContext) => Promise<T>): Promise<T> {
  return withDatabase(io, async (ctx) => {
    // Loaded here for the same reason as the database: --help needs none of src/app.
    const [{ requireTenant }, { Access, operatorActor }] = await Promise.all([
      import('../app/directory/index.js'),
      import('../app/access/index.js'),
    ]);
    const tenant = await requireTenant(ctx.db, slug);
    return fn({ ...ctx, tenant, access: new Access(ctx.db, operatorActor(tenant.id)) });
  });
}

/**
 * The action of a sub-verb that takes options only and acts as the operator of `--tenant <slug>`:
 * `.action(asOperator(io, async ({ access }, opts: { tenant: string; … }) => …))`.
 */
export function asOperator<O extends { tenant: string }>(
  io: CliIo,
  run: (ctx: OperatorContext, opts: O) => Promise<void>,
): (opts: O) => Promise<void> {
  return (opts) => withOperator(io, opts.tenant, (ctx) => run(ctx, opts));
}
