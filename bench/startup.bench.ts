// P5: how fast `npm start` answers and how much memory the idle service holds — on PostgreSQL (an already
// migrated database) and on PGlite (the newcomer's first start: empty data directory, demo built after listening).
// Each case runs the compiled build (what `npm start` runs after `npm ci`) and the sources through tsx (what a
// stale or missing dist/ falls back to), interleaved, STARTUP_BENCH_RUNS times (default 3); medians are printed.
// "ready" = first 200 from /readyz after spawning node; "demo" = the demo's first alert printed on the console;
// RSS is read 3 s after ready (and after the demo on PGlite). Needs `npm run build` first.
// PostgreSQL at BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), in a schema of its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 3);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

type Variant = 'compiled' | 'source';
interface Sample {
  readyMs: number;
  demoMs: number | null;
  rssMb: number;
}

const entry: Record<Variant, string[]> = {
  compiled: [join(ROOT, 'dist/src/cli/main.js'), 'serve'],
  source: ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve'],
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function startOnce(variant: Variant, env: Record<string, string>, waitForDemo: boolean): Promise<Sample> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, entry[variant], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let demoMs: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (demoMs === null && stdout.includes('may need support')) demoMs = performance.now() - started;
  });
  child.stderr.on('data', () => undefined);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let readyMs = NaN;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) {
        readyMs = performance.now() - started;
        break;
      }
      await sleep(20);
    }
    if (Number.isNaN(readyMs)) throw new Error(`${variant}: not ready within 120 s\n${stdout.slice(-2000)}`);
    if (waitForDemo) {
      for (const deadline = Date.now() + 120_000; demoMs === null && Date.now() < deadline;) await sleep(50);
    }
    await sleep(3000);
    return { readyMs, demoMs, rssMb: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
  }
}

function report(title: string, samples: Record<Variant, Sample[]>, goal: { readyMs: number; rssMb: number }): void {
  console.log(
    `\n${title} — ${RUNS} interleaved runs, medians (goal: ready < ${goal.readyMs} ms, idle RSS < ${goal.rssMb} MB)`,
  );
  for (const variant of ['compiled', 'source'] as const) {
    const s = samples[variant];
    const ready = median(s.map((x) => x.readyMs));
    const rss = median(s.map((x) => x.rssMb));
    const demos = s.flatMap((x) => (x.demoMs === null ? [] : [x.demoMs]));
    const verdict = ready < goal.readyMs && rss < goal.rssMb ? 'met' : 'MISSED';
    console.log(
      `  ${variant.padEnd(8)} ready ${ready.toFixed(0).padStart(6)} ms  idle RSS ${String(rss).padStart(4)} MB` +
        (demos.length ? `  first alert ${median(demos).toFixed(0)} ms` : '') +
        `  [${verdict}]  (runs: ${s.map((x) => `${x.readyMs.toFixed(0)} ms/${x.rssMb} MB`).join(', ')})`,
    );
  }
}

export async function run(): Promise<void> {
  if (!existsSync(entry.compiled[0]!)) throw new Error('dist/ is missing: run `npm run build` first');

  // PostgreSQL: a database migrated once (by a warm-up start), then timed starts against it.
  const schema = `bench_start_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const pgEnv = { DATABASE_URL: url.toString(), TEAMPULSE_DEMO: 'off', LOG_LEVEL: 'warn' };
  try {
    await startOnce('compiled', pgEnv, false);
    const pgSamples: Record<Variant, Sample[]> = { compiled: [], source: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const variant of ['compiled', 'source'] as const)
        pgSamples[variant].push(await startOnce(variant, pgEnv, false));
    }
    report('P5 PostgreSQL, migrated database', pgSamples, { readyMs: 2000, rssMb: 150 });
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }

  // PGlite: a newcomer's first start (empty data directory ⇒ initdb, migrations, demo after listening).
  const liteSamples: Record<Variant, Sample[]> = { compiled: [], source: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ['compiled', 'source'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'tp-start-'));
      try {
        liteSamples[variant].push(await startOnce(variant, { TEAMPULSE_DATA_DIR: dir, LOG_LEVEL: 'warn' }, true));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  report('P5 PGlite, first start with the demo', liteSamples, { readyMs: 5000, rssMb: 250 });
}
