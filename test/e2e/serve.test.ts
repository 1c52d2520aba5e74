// Smoke test of the real service on the embedded default: `teampulse serve` on a fresh PGlite directory
// becomes ready, answers, and exits cleanly on SIGTERM. (Always PGlite, even when TEST_DATABASE_URL is set.)
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, freePort, spawnTeampulse, type Spawned } from '../helpers/spawn.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('teampulse serve (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teampulse-serve-'));
  let run: Spawned | undefined;
  afterAll(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on PGlite, becomes ready, serves the API, and exits 0 on SIGTERM', { timeout: 300_000 }, async () => {
    const port = await freePort();
    run = spawnTeampulse(
      ['serve'],
      childEnv({
        TEAMPULSE_DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        TEAMPULSE_DEMO: 'off',
        LOG_LEVEL: 'warn',
      }),
    );
    const base = `http://127.0.0.1:${port}`;

    // Poll until ready; the deadline is generous on purpose: a first start initialises the database, and on a loaded
    // 2-core machine running the sources through tsx (no fresh dist/) it took over 90 s.
    let status = 0;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && run.child.exitCode === null) {
      status = await fetch(`${base}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await sleep(250);
    }
    expect(status, `stderr: ${run.output().stderr}`).toBe(200);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const unauthorised = await fetch(`${base}/api/v1/teams`);
    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`${base}/docs/json`)).status).toBe(200);

    // The console routes need this start's secret, which the service wrote 0600 to its data directory (issue K1):
    // without it — on loopback all the same — they do not exist.
    const secretFile = join(dir, 'console.secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect((await fetch(`${base}/console/ping`)).status).toBe(404);
    const ping = await fetch(`${base}/console/ping`, { headers: { 'x-teampulse-console': secret } });
    expect(ping.status).toBe(200);

    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit, `stderr: ${run.output().stderr}`).toEqual({ code: 0, signal: null });
    expect(existsSync(secretFile)).toBe(false); // removed on shutdown
    // The lock is released on the way out: the directory can be opened again.
    const again = spawnTeampulse(['migrate'], childEnv({ TEAMPULSE_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    expect((await again.exited).code).toBe(0);
  });
});
