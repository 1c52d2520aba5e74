// The layering rules (.dependency-cruiser.cjs, run by `npm run lint`) catch a breach: probe files that each break
// one rule are written into a temporary copy of the tree (never into src/), the same depcruise command as
// `npm run lint:deps` runs over it, and each probe must be reported under its rule — while the real files report
// nothing beyond the known violations listed for their owners.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface Violation {
  from: string;
  to: string;
  /** 'ignore' for a known violation (listed in .dependency-cruiser-known-violations.json). */
  rule: { name: string; severity: string };
}

/** path in the copy → contents; each breaks the rule named in the test below (or, for the last, none). */
const PROBES: Record<string, string> = {
  'src/core/probe-storage.ts': "export { openDatabase } from '../storage/db.js';\n",
  'src/core/probe-npm.ts': "export { sql } from 'kysely';\n",
  'adapters/probe/index.ts': "export { openMigratedDatabase } from '../../src/app/database.js';\n",
  'adapters/probe/other-adapter.ts': "export { createConsoleAdapter } from '../console/index.js';\n",
  'src/http/probe-route.ts': "export { recordAudit } from '../storage/repositories/audit.js';\n",
  'src/cli/probe-types.ts': "import type { Database } from '../storage/database.js';\nexport type Probe = Database;\n",
  'src/delivery/probe-hop.ts': "export { createScheduler } from '../scheduler/index.js';\n",
  'src/app/probe-scheduler.ts': "export { createScheduler } from '../delivery/probe-hop.js';\n",
  'src/storage/probe-main.ts': "export { startService } from '../main.js';\n",
  'src/cli/verbs.ts': "export { migrateToLatest } from '../storage/migrator.js';\n",
};

function depcruise(cwd: string): Violation[] {
  const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(
    process.execPath,
    [bin, 'src', 'adapters', '--config', '.dependency-cruiser.cjs', '--ignore-known', '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`depcruise printed nothing (exit ${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.filter((v) => v.rule.severity !== 'ignore');
}

describe('import boundaries (dependency-cruiser)', () => {
  let copy: string;
  let violations: Violation[];

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'teampulse-boundaries-'));
    for (const entry of [
      'src',
      'adapters',
      'migrations',
      'tsconfig.json',
      'package.json',
      '.dependency-cruiser.cjs',
      '.dependency-cruiser-known-violations.json',
    ])
      cpSync(join(root, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    for (const [path, text] of Object.entries(PROBES)) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      writeFileSync(join(copy, path), text);
    }
    violations = depcruise(copy);
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const rulesOf = (from: string) => [...new Set(violations.filter((v) => v.from === from).map((v) => v.rule.name))];

  it('core importing storage or an npm framework fails', () => {
    expect(rulesOf('src/core/probe-storage.ts')).toContain('core-imports-only-core');
    expect(rulesOf('src/core/probe-storage.ts')).toContain('core-does-not-reach-outside');
    expect(rulesOf('src/core/probe-npm.ts')).toEqual(['core-imports-only-core']);
  });

  it('an adapter importing app code or another adapter fails', () => {
    expect(rulesOf('adapters/probe/index.ts')).toContain('adapters-import-core-and-shared');
    expect(rulesOf('adapters/probe/index.ts')).toContain('adapters-do-not-reach-app');
    expect(rulesOf('adapters/probe/other-adapter.ts')).toContain('adapters-import-core-and-shared');
  });

  it('a route calling a repository fails; a type-only import from storage is allowed', () => {
    expect(rulesOf('src/http/probe-route.ts')).toEqual(['edges-go-through-app']);
    expect(rulesOf('src/cli/probe-types.ts')).toEqual([]);
  });

  it('app reaching the scheduler through another module fails (transitive)', () => {
    expect(rulesOf('src/app/probe-scheduler.ts')).toEqual(['app-does-not-reach-scheduler']);
  });

  it('importing src/main.ts fails', () => {
    expect(rulesOf('src/storage/probe-main.ts')).toEqual(['nothing-imports-main']);
  });

  it('the CLI start-up (verb table, program) loading a verb or the database eagerly fails', () => {
    expect(rulesOf('src/cli/verbs.ts')).toEqual(expect.arrayContaining(['cli-start-stays-light']));
  });

  it('the real tree breaks no rule beyond the known violations', () => {
    const probes = new Set(Object.keys(PROBES));
    const real = violations.filter((v) => !probes.has(v.from) && !(v.to in PROBES));
    expect(real.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
