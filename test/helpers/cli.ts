// Runs the CLI in-process against a test database and captures its output.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import type { DatabaseHandle } from '../../src/storage/db.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliWith(handle: DatabaseHandle | undefined, argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(argv, {
    env: { LOG_LEVEL: 'silent', ...env },
    stdout,
    stderr,
    // The test owns the handle: the verb must not close it.
    openDatabase: handle ? async () => ({ ...handle, close: async () => undefined }) : undefined,
  });
  return { code, stdout: out, stderr: err };
}
