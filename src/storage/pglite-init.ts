// A fresh PGlite data directory is initialised in a short-lived child process, not in the service's own.
// Why: PGlite 0.4 runs initdb in a second, temporary WASM instance inside the opening process and copies its
// cluster over as a tarball. Those instances' memory (measured: 640 MB of WASM memory and buffers, 750 MB RSS right
// after the open) is not given back while the process lives: the idle service held 400–800 MB after a first start
// against ~200 MB when it opens an existing directory. A child that exits returns all of it; the service then opens
// the directory the child left, exactly like any later start.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Runs in the child (CommonJS through `node -e`): open the directory (initdb), close it, exit. */
const CHILD_SOURCE = `
const { PGlite } = require(process.argv[1]);
(async () => {
  const startParams = JSON.parse(process.argv[3]);
  const client = new PGlite({ dataDir: process.argv[2], ...(startParams ? { startParams } : {}) });
  await client.waitReady;
  await client.close();
})().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
`;

/** Whether the PGlite directory holds a cluster already (PostgreSQL's own marker file). */
export function isInitialised(pgliteDir: string): boolean {
  return existsSync(join(pgliteDir, 'PG_VERSION'));
}

/**
 * Creates the cluster in `pgliteDir` in a child process when there is none yet. Returns false when the child could
 * not do it and the directory is still empty: the caller then opens it in-process as before (slower to give memory
 * back, same data). A child that failed after starting to write the cluster is an error.
 */
export async function initialiseInChild(pgliteDir: string, startParams?: string[]): Promise<boolean> {
  if (isInitialised(pgliteDir)) return true;
  mkdirSync(pgliteDir, { recursive: true });
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const failure = await new Promise<Error | undefined>((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=commonjs', '-e', CHILD_SOURCE, entry, pgliteDir, JSON.stringify(startParams ?? null)],
      { maxBuffer: 1024 * 1024 },
      (error, _stdout, stderr) =>
        resolve(error ? new Error(`initialising ${pgliteDir} failed: ${stderr.trim() || error.message}`) : undefined),
    );
  });
  if (failure === undefined) return true;
  if (isInitialised(pgliteDir)) throw failure;
  return false;
}
