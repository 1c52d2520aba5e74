// A fresh PGlite data directory is initialised in a short-lived child process, not in the service's own.
// Why: PGlite 0.4 runs initdb in a second, temporary WASM instance inside the opening process and copies its
// cluster over as a tarball. Those instances' memory (measured: 640 MB of WASM memory and buffers, 750 MB RSS right
// after the open) is not given back while the process lives: the idle service held 400–800 MB after a first start
// against ~200 MB when it opens an existing directory. A child that exits returns all of it; the service then opens
// the directory the child left, exactly like any later start.
// Faster still: `npm run build` leaves an initialised cluster in dist/pglite-template (made by that same child), and
// a first start copies it (~0.1 s) instead of running initdb (~3 s). The copy is taken only when the template was
// made by the installed PGlite (its version is recorded beside it); otherwise the child runs as before.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
export async function initialiseInChild(
  pgliteDir: string,
  startParams?: string[],
  templateDir?: string,
): Promise<boolean> {
  if (isInitialised(pgliteDir)) return true;
  if (templateDir && copyTemplate(templateDir, pgliteDir)) return true;
  mkdirSync(pgliteDir, { recursive: true });
  const entry = pgliteEntry();
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

const pgliteEntry = (): string => createRequire(import.meta.url).resolve('@electric-sql/pglite');

/** The installed PGlite's version: a template made by another one is not used. */
export function installedPgliteVersion(): string {
  // The package does not export its package.json; it sits above the resolved entry's dist/ folder.
  let dir = dirname(pgliteEntry());
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const versionFile = (templateDir: string) => `${templateDir}.version`;

/** Makes `templateDir` a fresh initialised cluster (run by `npm run build`), recording the PGlite that made it. */
export async function buildTemplate(templateDir: string, startParams?: string[]): Promise<void> {
  rmSync(templateDir, { recursive: true, force: true });
  rmSync(versionFile(templateDir), { force: true });
  if (!(await initialiseInChild(templateDir, startParams))) throw new Error(`could not initialise ${templateDir}`);
  writeFileSync(versionFile(templateDir), installedPgliteVersion());
}

/** Copies a template made by the installed PGlite into the empty `pgliteDir`; false when there is none to use. */
export function copyTemplate(templateDir: string, pgliteDir: string): boolean {
  const made = existsSync(versionFile(templateDir)) ? readFileSync(versionFile(templateDir), 'utf8').trim() : '';
  if (!isInitialised(templateDir) || made !== installedPgliteVersion()) return false;
  try {
    cpSync(templateDir, pgliteDir, { recursive: true });
    return true;
  } catch {
    // A half-made copy would look initialised: clear it so the child starts from an empty directory.
    rmSync(pgliteDir, { recursive: true, force: true });
    return false;
  }
}
