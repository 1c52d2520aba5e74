#!/usr/bin/env node
// Entry point for the `teampulse` CLI and `npm start`.
// Runs the compiled dist/ (built by `npm ci` through the `prepare` script, and in the Docker image): it starts
// faster and uses less memory than compiling TypeScript on the fly. In a source checkout whose dist/ is missing or
// older than the sources, the sources run through tsx (a dev dependency) instead, with a note on a terminal.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'cli', 'main.ts');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');
const SOURCE_DIRS = ['src', 'adapters', 'migrations'];

/** The newest modification time of the TypeScript sources (a few hundred stat calls: milliseconds). */
function newestSourceTime() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  return newest;
}

const hasSource = existsSync(source);
const hasBuild = existsSync(compiled);
const buildIsFresh = hasBuild && (!hasSource || statSync(compiled).mtimeMs >= newestSourceTime());

if (buildIsFresh) {
  await import(pathToFileURL(compiled).href);
} else if (hasSource) {
  if (process.stderr.isTTY) {
    process.stderr.write(
      `teampulse: ${hasBuild ? 'dist/ is older than the sources' : 'dist/ is not built'}; running the sources ` +
        'through tsx (slower start). `npm run build` makes it start faster.\n',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  process.stderr.write('teampulse: neither dist/ nor src/ found: run `npm run build` in the project folder.\n');
  process.exit(1);
}
