// The console session secret: a random value made at every start of the service and written to a file only its
// user can read (0600) in the data directory. `teampulse console` reads it and sends it with each request to the
// /console routes, which answer nothing (404) without it: being on loopback is not enough, since every local user
// and every page a local browser opens can reach loopback.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CONSOLE_SECRET_FILE = 'console.secret';
/** The header that carries the secret. */
export const CONSOLE_SECRET_HEADER = 'x-teampulse-console';

export const consoleSecretPath = (dataDir: string): string => join(dataDir, CONSOLE_SECRET_FILE);

export interface ConsoleSecret {
  secret: string;
  path: string;
  /** Removes the file if it still holds this start's secret (called on shutdown). */
  remove(): Promise<void>;
}

/** Makes this start's secret and writes it (mode 0600, replacing any earlier file atomically). */
export async function writeConsoleSecret(dataDir: string): Promise<ConsoleSecret> {
  const secret = randomBytes(32).toString('base64url');
  const path = consoleSecretPath(dataDir);
  await mkdir(dataDir, { recursive: true });
  // A fresh file created 0600 and renamed over the old one: never a moment where the secret is readable by others.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
  return {
    secret,
    path,
    remove: async () => {
      if ((await readConsoleSecret(dataDir)) === secret) await unlink(path).catch(() => undefined);
    },
  };
}

/** The running service's secret, or undefined when no service wrote one (or it is not readable by this user). */
export async function readConsoleSecret(dataDir: string): Promise<string | undefined> {
  try {
    const text = (await readFile(consoleSecretPath(dataDir), 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of a presented value with the secret. */
export function matchesConsoleSecret(presented: unknown, secret: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
