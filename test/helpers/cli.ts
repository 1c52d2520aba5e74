// Runs the CLI in-process against a test database and captures its output.
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import type { DatabaseHandle } from '../../src/storage/db.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A writable that hands each chunk to `append` synchronously inside write(): a PassThrough's 'data' events may
 * arrive a tick after the verb has returned, which makes output assertions flaky.
 */
export function collector(
  append: (text: string) => void,
  options: { isTTY?: boolean; columns?: number } = {},
): Writable & { isTTY?: boolean } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      append(String(chunk));
      done();
    },
  });
  return Object.assign(stream, options);
}

export async function runCliWith(
  handle: DatabaseHandle | undefined,
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = collector((text) => (out += text));
  const stderr = collector((text) => (err += text));
  const code = await runCli(argv, {
    env: { LOG_LEVEL: 'silent', ...env },
    stdout,
    stderr,
    // The test owns the handle: the verb must not close it.
    openDatabase: handle ? async () => ({ ...handle, close: async () => undefined }) : undefined,
  });
  return { code, stdout: out, stderr: err };
}
