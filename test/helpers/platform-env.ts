// The wiring every chat-platform test environment shares (Slack, WeCom, DingTalk): a database, the alert org on the
// platform, installations (with the registry OAuth installs write to), inbound sink + inbox worker, the platform's
// runtime against its fake on 127.0.0.1, the HTTP app with the runtime's routes, an outbox worker and a settable
// clock — as src/main.ts wires the service (every platform gets the same ports there too).
// Each platform's env file keeps only its credentials, its runtime options and its request builders.
import type { Kysely } from 'kysely';
import { InboxWorker } from '../../src/app/inbound/inbox-worker.js';
import { createInboundSink, type InboundSinkDeps } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher, type InboundRegistration } from '../../src/app/inbound/handlers.js';
import { InstallationDirectory, type EnvInstallation } from '../../src/app/platforms/installations.js';
import { createInstallationRegistry } from '../../src/app/platforms/registry.js';
import type { SecretBox } from '../../src/app/platforms/secret-box.js';
import { databaseSendLedger } from '../../src/app/platforms/send-ledger.js';
import { syncPlatformDirectory } from '../../src/app/platforms/sync.js';
import { OutboxWorker } from '../../src/delivery/worker.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { Database } from '../../src/storage/database.js';
import type { ChatPlatformRuntime, PlatformPorts } from '../../adapters/shared/runtime.js';
import { encryptCallback, callbackSignature } from '../../adapters/shared/callback-crypto.js';
import { createAlertOrg, type AlertOrg } from '../integration/alerts-fixtures.js';
import { createTestDatabase, type TestDatabase } from './db.js';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export interface PlatformEnv<F, R extends ChatPlatformRuntime> {
  database: TestDatabase;
  db: Kysely<Database>;
  org: AlertOrg;
  fake: F;
  runtime: R;
  ports: PlatformPorts;
  installations: InstallationDirectory;
  app: App;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startPlatformEnv<
  F extends { url: string; close(): Promise<void> },
  R extends ChatPlatformRuntime,
>(options: {
  platform: 'slack' | 'wecom' | 'dingtalk';
  slug: string;
  /** The tenant's locale (default zh-CN). */
  locale?: 'en' | 'zh-CN';
  startFake: () => Promise<F>;
  /** The installations from the environment, as the operator's variables give them (the fake's URL is known). */
  installations: (fake: F) => EnvInstallation[];
  runtime: (fake: F, ports: PlatformPorts) => R;
  /** Inbound registrations instead of the service's (tests of the command path register stubs). */
  registrations?: readonly InboundRegistration[];
  /** The clock's start (default 2026-11-25T04:00:00Z). */
  startAt?: string;
  /** Opens installations stored by `teampulse platform add` (TEAMPULSE_ENCRYPTION_KEY); the env ones go to `slug`. */
  secretBox?: SecretBox;
  /** PostgreSQL pool size (the Slack bench passes the service's default). */
  poolSize?: number;
  /** The inbox sink's group commit settings (tests inject a timer; the bench tries sizes). */
  groupCommit?: InboundSinkDeps['groupCommit'];
  /** The outbox worker's sleep between rate-limited sends (default: real time). */
  outboxSleep?: (ms: number) => Promise<void>;
}): Promise<PlatformEnv<F, R>> {
  const database = await createTestDatabase(options.poolSize ? { poolSize: options.poolSize } : {});
  const db = database.db;
  let nowMs = Date.parse(options.startAt ?? '2026-11-25T04:00:00Z');
  const clock = {
    now: () => new Date(nowMs),
    set: (iso: string) => void (nowMs = Date.parse(iso)),
    advance: (ms: number) => void (nowMs += ms),
  };
  const org = await createAlertOrg(db, options.slug, {
    locale: options.locale ?? 'zh-CN',
    settings: { platform: options.platform },
  });
  const fake = await options.startFake();
  const installations = new InstallationDirectory({
    db,
    env: options.installations(fake),
    // With stored installations there may be several tenants: the environment's credentials stay with this one.
    ...(options.secretBox ? { secretBox: options.secretBox, defaultTenantSlug: options.slug } : {}),
  });
  const dispatcher = buildInboundDispatcher({ db, now: clock.now }, options.registrations);
  const inbox = new InboxWorker({ db, now: clock.now, workerId: 'inbox-test' });
  const sink = createInboundSink({
    db,
    dispatcher,
    now: clock.now,
    ...(options.groupCommit ? { groupCommit: options.groupCommit } : {}),
  });
  const ports: PlatformPorts = {
    installations,
    registry: createInstallationRegistry({ db, secretBox: options.secretBox, directory: installations }),
    sink,
    logger: silent,
    now: clock.now,
    // As src/main.ts wires it: contact events re-read the address book through the directory sync use case.
    syncDirectory: (tenantId, source) =>
      syncPlatformDirectory(db, tenantId, source, { actor: `${options.platform}:address-book`, now: clock.now }),
    sendLedger: databaseSendLedger(db),
  };
  const runtime = options.runtime(fake, ports);
  const app = await buildApp({
    db,
    schema: database.schema,
    logger: false,
    now: clock.now,
    platformRoutes: runtime.routes ? [runtime.routes] : [],
  });
  const outbox = new OutboxWorker({
    db,
    adapters: [runtime.adapter],
    now: clock.now,
    workerId: 'outbox-test',
    ...(options.outboxSleep ? { sleep: options.outboxSleep } : {}),
  });
  return {
    database,
    db,
    org,
    fake,
    runtime,
    ports,
    installations,
    app,
    inbox,
    outbox,
    clock,
    close: async () => {
      for (const worker of runtime.workers ?? []) await worker.stop();
      await app.close();
      await fake.close();
      await database.destroy();
    },
  };
}

/** An encrypted, signed callback payload as WeCom and DingTalk send them (the shared callback crypto). */
export function sealedCallback(input: {
  token: string;
  aesKey: string;
  ownerId: string;
  plain: string;
  timestamp: string;
  nonce: string;
}): { encrypt: string; signature: string } {
  const encrypt = encryptCallback(input.aesKey, input.plain, input.ownerId);
  return { encrypt, signature: callbackSignature(input.token, input.timestamp, input.nonce, encrypt) };
}
