// The dependency rule: src/core is pure (no fastify, kysely, pg, pglite, SDKs, node I/O);
// adapters/* import only core (and their own files / platform SDKs), never storage, http or app.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.(ts|js|mts)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const match of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push((match[1] ?? match[2])!);
  }
  return specs;
}

const FORBIDDEN_IN_CORE =
  /^(fastify|@fastify\/|kysely|pg|@electric-sql\/|pino|node-cron|@slack\/|dingtalk-stream|@wecom\/|undici|commander|node:(fs|net|http|https|child_process|worker_threads))/;

describe('import boundaries', () => {
  it('src/core imports no framework, database, SDK or I/O module', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'src', 'core'))) {
      for (const spec of importsOf(file)) {
        if (
          FORBIDDEN_IN_CORE.test(spec) ||
          (spec.startsWith('.') &&
            !spec.startsWith('./') &&
            /\.\.\/(storage|http|app|delivery|scheduler|cli)\//.test(spec))
        ) {
          offenders.push(`${relative(root, file)} → ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('adapters import only src/core (plus their own files and platform SDKs)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'adapters'))) {
      for (const spec of importsOf(file)) {
        if (/^(fastify|kysely|pg|@electric-sql\/)/.test(spec)) offenders.push(`${relative(root, file)} → ${spec}`);
        if (spec.includes('/src/') && !/\/src\/core\//.test(spec)) offenders.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the checker itself sees imports (guards against a test that cannot fail)', () => {
    expect(importsOf(join(root, 'src', 'http', 'app.ts'))).toContain('fastify');
  });
});
