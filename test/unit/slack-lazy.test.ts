// Issue 18 (P5, idle RSS): a service started without Slack configuration must not import the Slack SDKs
// (@slack/bolt, web-api, oauth, socket-mode: ~35 MB of RSS), nor date-holidays while every tenant is in CN
// (~27 MB). A child process loads the composition root through tsx with a module-load hook and reports which of
// those packages were loaded; then the lazy Slack route is compared with the eager one, answer for answer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLazySlackRuntime } from '../../adapters/slack/lazy.js';
import { createSlackRuntime } from '../../adapters/slack/runtime.js';
import type { PlatformPorts } from '../../adapters/shared/runtime.js';
import type { InstallationInfo, InstallationLookup } from '../../src/core/inbound-port.js';
import { slackHeaders, TEAM_ID } from '../helpers/slack-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Runs in the child (ESM, tsx): the hook records every watched package a module is loaded from.
const HOOK = `
import { appendFileSync } from 'node:fs';
const WATCHED = /node_modules\\/(@slack\\/[^/]+|date-holidays)\\//;
let log;
export function initialize(data) {
  log = data.log;
}
export async function load(url, context, next) {
  const hit = WATCHED.exec(url);
  if (hit) appendFileSync(log, hit[1] + '\\n');
  return next(url, context);
}`;
const CHILD = `
import { register } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'tp-lazy-'));
const log = join(dir, 'loaded.log');
writeFileSync(log, '');
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}), { data: { log } });
const loaded = () => [...new Set(readFileSync(log, 'utf8').split('\\n').filter(Boolean))].sort();
await import('./src/main.ts');
const { loadConfig } = await import('./src/config.ts');
const { createPlatformRuntimes } = await import('./src/compose/platforms.ts');
const { loadCalendar } = await import('./src/core/calendar/index.ts');
const none = async () => undefined;
const ports = { installations: { find: none, forTenant: none, list: async () => [] }, sink: {},
  logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date() };
const config = loadConfig({ TEAMPULSE_DATA_DIR: dir });
const runtimes = await createPlatformRuntimes(config, ports, { slackInstalled: false });
const slack = runtimes.find((r) => r.adapter.name === 'slack');
await slack.scheduledJobs[0].run({ tenantId: 't1' });
const cn = await loadCalendar({ region: 'CN', workingWeekdays: [1, 2, 3, 4, 5] }, '2026-01-01', '2026-01-31');
const atStart = loaded();
await slack.load?.(); // absent when the runtime is eager (then the first assertion fails)
const afterSlack = loaded();
await loadCalendar({ region: 'DE', workingWeekdays: [1, 2, 3, 4, 5] }, '2026-01-01', '2026-01-31');
console.log(JSON.stringify({ atStart, afterSlack, afterDe: loaded(), cn: typeof cn }));
`;

describe('Slack SDKs and date-holidays are loaded only when needed', () => {
  it('the composition root without Slack configuration and a CN calendar load neither', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', CHILD],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        timeout: 60_000,
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string[]>;
    expect(result.atStart).toEqual([]);
    // The hook does see them once they are needed (so an empty list above is not a blind hook).
    expect(result.afterSlack).toEqual(expect.arrayContaining(['@slack/bolt', '@slack/web-api']));
    expect(result.afterDe).toContain('date-holidays');
  }, 90_000);
});

describe('the lazy Slack runtime answers like the eager one', () => {
  const installations: InstallationInfo[] = [];
  const lookup: InstallationLookup = {
    find: (_p, key) => Promise.resolve(installations.find((i) => i.installationKey === key)),
    forTenant: (tenantId) => Promise.resolve(installations.find((i) => i.tenantId === tenantId)),
    list: () => Promise.resolve([...installations]),
  };
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const ports = { installations: lookup, sink: {}, logger: silent, now: () => new Date() } as unknown as PlatformPorts;
  const settings = { apiUrl: 'http://127.0.0.1:9/api/' };

  async function answers(routes: NonNullable<ReturnType<typeof createSlackRuntime>['routes']>) {
    const app = Fastify();
    await app.register(routes);
    const at = new Date();
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'c-1', team_id: TEAM_ID, token: 'x' });
    const requests = [
      { payload: '{}', headers: { 'content-type': 'application/json' } },
      { payload: challenge, headers: slackHeaders(challenge, at, 'application/json', 'wrong-secret') },
      { payload: challenge, headers: slackHeaders(challenge, at, 'application/json', 'stored-secret') },
      { payload: 'x'.repeat(5 * 1024 * 1024), headers: { 'content-type': 'text/plain' } },
    ];
    const out = [];
    for (const r of requests) {
      const res = await app.inject({ method: 'POST', url: '/slack/events', ...r });
      out.push({ status: res.statusCode, body: res.body });
    }
    out.push((await app.inject({ method: 'GET', url: '/slack/install' })).statusCode);
    await app.close();
    return out;
  }

  it('401, 413, 404 and, for a workspace stored after start, its challenge', async () => {
    installations.length = 0;
    const lazy = createLazySlackRuntime(settings, ports);
    const before = await answers(lazy.routes!);
    expect(before).toEqual(await answers(createSlackRuntime(settings, ports).routes!));
    expect(before.map((a) => (typeof a === 'number' ? a : a.status))).toEqual([401, 401, 401, 413, 404]);
    installations.push({
      tenantId: 't1',
      platform: 'slack',
      installationKey: TEAM_ID,
      secrets: { botToken: 'xoxb-1', signingSecret: 'stored-secret' },
      settings: {},
      origin: 'db',
    });
    const after = await answers(lazy.routes!);
    expect(after).toEqual(await answers(createSlackRuntime(settings, ports).routes!));
    expect(after[2]).toEqual({ status: 200, body: JSON.stringify({ challenge: 'c-1' }) });
    expect(lazy.loaded()).toBe(true);
  });

  it('declares the adapter and the identity task as the eager runtime does', () => {
    const lazy = createLazySlackRuntime(settings, ports);
    const eager = createSlackRuntime(settings, ports);
    const { client: _l, ...lazyAdapter } = lazy.adapter;
    const { client: _e, ...eagerAdapter } = eager.adapter;
    expect(lazyAdapter).toEqual(eagerAdapter);
    const shape = (t: { name: string; cron: string; perTenant: boolean; catchUp?: boolean }) => [
      t.name,
      t.cron,
      t.perTenant,
      t.catchUp,
    ];
    expect(lazy.scheduledJobs!.map(shape)).toEqual(eager.scheduledJobs!.map(shape));
    expect(lazy.workers).toEqual(eager.workers);
    expect(lazy.loaded()).toBe(false);
  });
});
