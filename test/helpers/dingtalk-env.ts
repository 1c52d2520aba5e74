// One DingTalk tenant wired like the service does it (src/main.ts): database, the alert org (zh-CN, platform
// dingtalk), installations from the environment, inbound sink + inbox worker, the DingTalk runtime against a fake
// DingTalk on 127.0.0.1, the HTTP app with its routes, and an outbox worker. Signed/encrypted request builders.
import type { Kysely } from 'kysely';
import { InboxWorker } from '../../src/app/inbound/inbox-worker.js';
import { createInboundSink } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher, type InboundRegistration } from '../../src/app/inbound/handlers.js';
import { InstallationDirectory } from '../../src/app/platforms/installations.js';
import { syncPlatformDirectory } from '../../src/app/platforms/sync.js';
import { OutboxWorker } from '../../src/delivery/worker.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { Database } from '../../src/storage/database.js';
import {
  createDingTalkRuntime,
  type DingTalkRuntime,
  type DingTalkRuntimeOptions,
} from '../../adapters/dingtalk/runtime.js';
import type { PlatformPorts } from '../../adapters/shared/runtime.js';
import { callbackSignature, encryptCallback } from '../../adapters/dingtalk/crypto.js';
import { robotSign } from '../../adapters/dingtalk/verify.js';
import { createAlertOrg, type AlertOrg } from '../integration/alerts-fixtures.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-dingtalk.js';

export const APP_KEY = 'dingtpapp0001';
export const APP_SECRET = 'tp-app-secret-0001';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const EVENT_TOKEN = 'tp-event-token';
export const CORP_ID = 'dingcorp0001';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface DingTalkEnv {
  database: TestDatabase;
  db: Kysely<Database>;
  org: AlertOrg;
  fake: FakeDingTalk;
  runtime: DingTalkRuntime;
  ports: PlatformPorts;
  app: App;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  clock: { now: () => Date; set(iso: string): void };
  close(): Promise<void>;
}

export async function startDingTalkEnv(options: {
  mode: 'http' | 'stream';
  slug: string;
  stream?: DingTalkRuntimeOptions['stream'];
  /** Inbound registrations instead of the service's (tests of the command path register stubs). */
  registrations?: readonly InboundRegistration[];
}): Promise<DingTalkEnv> {
  const database = await createTestDatabase();
  const db = database.db;
  let nowMs = Date.parse('2026-11-25T04:00:00Z');
  const clock = { now: () => new Date(nowMs), set: (iso: string) => void (nowMs = Date.parse(iso)) };
  const org = await createAlertOrg(db, options.slug, { locale: 'zh-CN', settings: { platform: 'dingtalk' } });
  const fake = await startFakeDingTalk();
  const installations = new InstallationDirectory({
    db,
    env: [
      {
        platform: 'dingtalk',
        installationKey: APP_KEY,
        secrets: { clientSecret: APP_SECRET, aesKey: AES_KEY, token: EVENT_TOKEN },
        settings: { clientId: APP_KEY, mode: options.mode, corpId: CORP_ID },
      },
    ],
  });
  const dispatcher = buildInboundDispatcher({ db, now: clock.now }, options.registrations);
  const inbox = new InboxWorker({ db, now: clock.now, workerId: 'inbox-test' });
  const sink = createInboundSink({ db, dispatcher, now: clock.now });
  const ports: PlatformPorts = {
    installations,
    sink,
    logger: silent,
    now: clock.now,
    // As src/main.ts wires it: contact events re-read the address book through the directory sync use case.
    syncDirectory: (tenantId, source) =>
      syncPlatformDirectory(db, tenantId, source, { actor: 'dingtalk:address-book', now: clock.now }),
  };
  const runtime = createDingTalkRuntime(
    { apiUrl: fake.url, oapiUrl: fake.url, resyncDelayMs: 50, ...(options.stream ? { stream: options.stream } : {}) },
    ports,
  );
  const app = await buildApp({
    db,
    schema: database.schema,
    logger: false,
    now: clock.now,
    platformRoutes: runtime.routes ? [runtime.routes] : [],
  });
  const outbox = new OutboxWorker({ db, adapters: [runtime.adapter], now: clock.now, workerId: 'outbox-test' });
  return {
    database,
    db,
    org,
    fake,
    runtime,
    ports,
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

/** A robot message body as DingTalk sends it (Stream `data` = HTTP body), modelled on the fixtures. */
export function robotMessageBody(input: {
  msgId: string;
  staffId: string;
  text: string;
  at: Date;
  group?: boolean;
  sessionWebhook?: string;
}): Record<string, unknown> {
  return {
    conversationId: input.group ? 'cidGroup0001==' : 'cidDirect0001==',
    chatbotCorpId: CORP_ID,
    chatbotUserId: '$:LWCP_v1:$robot',
    msgId: input.msgId,
    senderNick: '测试',
    isAdmin: false,
    senderStaffId: input.staffId,
    sessionWebhookExpiredTime: input.at.getTime() + 90 * 60_000,
    createAt: input.at.getTime(),
    senderCorpId: CORP_ID,
    conversationType: input.group ? '2' : '1',
    senderId: '$:LWCP_v1:$sender',
    ...(input.group ? { conversationTitle: '华东销售群', isInAtList: true } : {}),
    sessionWebhook: input.sessionWebhook ?? 'https://oapi.dingtalk.com/robot/sendBySession?session=abc',
    robotCode: APP_KEY,
    msgtype: 'text',
    text: { content: input.text },
  };
}

export function robotHeaders(at: Date, secret = APP_SECRET): Record<string, string> {
  const timestamp = String(at.getTime());
  return { timestamp, sign: robotSign(timestamp, secret), 'content-type': 'application/json; charset=utf-8' };
}

/** An encrypted, signed event push: the query string and the body. */
export function encryptedEvent(
  event: Record<string, unknown>,
  at: Date,
  options: { token?: string; aesKey?: string; ownerKey?: string } = {},
): { url: string; body: { encrypt: string } } {
  const encrypt = encryptCallback(options.aesKey ?? AES_KEY, JSON.stringify(event), options.ownerKey ?? APP_KEY);
  const timestamp = String(at.getTime());
  const nonce = 'n0nce123';
  const signature = callbackSignature(options.token ?? EVENT_TOKEN, timestamp, nonce, encrypt);
  return {
    url: `/dingtalk/events?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: { encrypt },
  };
}

/** The signed button ids of the last card sent through the fake, by feedback value. */
export function sentCardButtons(fake: FakeDingTalk): Record<string, string> {
  const call = fake.callsTo('/v1.0/im/v1.0/robot/interactiveCards/send').at(-1);
  if (!call) throw new Error('no card was sent');
  const card = JSON.parse((call.body as { cardData: string }).cardData) as {
    contents: Array<{ actions?: Array<{ id: string; actionType: string }> }>;
  };
  const out: Record<string, string> = {};
  for (const action of card.contents.flatMap((c) => c.actions ?? [])) {
    if (action.actionType !== 'request') continue;
    const body = action.id.split('.')[1]!;
    const [, value] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string];
    out[value.split(':').at(-1)!] = action.id;
  }
  return out;
}

/** A card click as DingTalk posts it (HTTP) / puts in a Stream CALLBACK's data. */
export function cardClickBody(buttonId: string, userId: string, outTrackId = 'track-1'): Record<string, unknown> {
  const content = JSON.stringify({ cardPrivateData: { actionIds: [buttonId], params: {} } });
  return { type: 'actionCallback', outTrackId, corpId: CORP_ID, userId, content, value: content };
}
