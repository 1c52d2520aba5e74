// One WeCom tenant wired like the service does it (src/main.ts): database, the alert org (zh-CN, platform wecom),
// the installation from the environment's WECOM_* values, inbound sink + inbox worker, the WeCom runtime against a
// fake WeCom on 127.0.0.1, the HTTP app with its routes, and an outbox worker. Builders for signed, encrypted
// callbacks as WeCom sends them.
import type { Kysely } from 'kysely';
import { InboxWorker } from '../../src/app/inbound/inbox-worker.js';
import { createInboundSink } from '../../src/app/inbound/sink.js';
import { buildInboundDispatcher } from '../../src/app/inbound/handlers.js';
import { envInstallations } from '../../src/app/platforms/credentials.js';
import { syncPlatformDirectory } from '../../src/app/platforms/sync.js';
import { InstallationDirectory } from '../../src/app/platforms/installations.js';
import { loadConfig } from '../../src/config.js';
import { OutboxWorker } from '../../src/delivery/worker.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { Database } from '../../src/storage/database.js';
import { createWeComRuntime, type WeComRuntime } from '../../adapters/wecom/runtime.js';
import type { PlatformPorts } from '../../adapters/shared/runtime.js';
import { encryptMessage, msgSignature } from '../../adapters/wecom/crypto.js';
import { createAlertOrg, type AlertOrg } from '../integration/alerts-fixtures.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { startFakeWeCom, type FakeWeCom } from './fake-wecom.js';

export const CORP_ID = 'wwtpcorp0001';
export const AGENT_ID = 1000002;
export const SECRET = 'tp-wecom-app-secret-0001';
export const TOKEN = 'tpWeComToken';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface WeComEnv {
  database: TestDatabase;
  db: Kysely<Database>;
  org: AlertOrg;
  fake: FakeWeCom;
  runtime: WeComRuntime;
  ports: PlatformPorts;
  app: App;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  clock: { now: () => Date; set(iso: string): void };
  close(): Promise<void>;
}

export async function startWeComEnv(options: { slug: string }): Promise<WeComEnv> {
  const database = await createTestDatabase();
  const db = database.db;
  let nowMs = Date.parse('2026-11-25T04:00:00Z');
  const clock = { now: () => new Date(nowMs), set: (iso: string) => void (nowMs = Date.parse(iso)) };
  const org = await createAlertOrg(db, options.slug, { locale: 'zh-CN', settings: { platform: 'wecom' } });
  const fake = await startFakeWeCom();
  // The WECOM_* variables exactly as an operator sets them, through the service's own config loader.
  const config = loadConfig({
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    WECOM_CORP_ID: CORP_ID,
    WECOM_AGENT_ID: String(AGENT_ID),
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: TOKEN,
    WECOM_AES_KEY: AES_KEY,
    WECOM_API_URL: fake.url,
  });
  const installations = new InstallationDirectory({ db, env: envInstallations(config) });
  const dispatcher = buildInboundDispatcher({ db, now: clock.now });
  const inbox = new InboxWorker({ db, now: clock.now, workerId: 'inbox-test' });
  const sink = createInboundSink({ db, dispatcher, now: clock.now });
  const ports: PlatformPorts = {
    installations,
    sink,
    logger: silent,
    now: clock.now,
    syncDirectory: (tenantId, source) =>
      syncPlatformDirectory(db, tenantId, source, { actor: 'wecom:address-book', now: clock.now }),
  };
  const runtime = createWeComRuntime({ apiUrl: config.wecom!.apiUrl, resyncDelayMs: 50 }, ports);
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

export interface SignOptions {
  token?: string;
  aesKey?: string;
  corpId?: string;
  timestamp?: string;
  nonce?: string;
}

/** The URL-verification GET WeCom sends when the callback URL is saved. */
export function urlCheck(plain: string, options: SignOptions = {}): string {
  const echostr = encryptMessage(options.aesKey ?? AES_KEY, plain, options.corpId ?? CORP_ID);
  const timestamp = options.timestamp ?? '1764043200';
  const nonce = options.nonce ?? '1372623149';
  const signature = msgSignature(options.token ?? TOKEN, timestamp, nonce, echostr);
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr });
  return `/wecom/callback?${q.toString()}`;
}

/** An encrypted, signed callback POST: the URL and the XML body. */
export function encryptedCallback(innerXml: string, options: SignOptions = {}): { url: string; body: string } {
  const corpId = options.corpId ?? CORP_ID;
  const encrypt = encryptMessage(options.aesKey ?? AES_KEY, innerXml, corpId);
  const timestamp = options.timestamp ?? '1764043200';
  const nonce = options.nonce ?? '1372623149';
  const signature = msgSignature(options.token ?? TOKEN, timestamp, nonce, encrypt);
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  return {
    url: `/wecom/callback?${q.toString()}`,
    body: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${AGENT_ID}]]></AgentID></xml>`,
  };
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export function textMessageXml(input: { from: string; content: string; msgId: string; at: Date }): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${input.from}]]></FromUserName><CreateTime>${seconds(input.at)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${input.content}]]></Content><MsgId>${input.msgId}</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`;
}

export function cardClickXml(input: {
  from: string;
  eventKey: string;
  taskId: string;
  responseCode: string;
  at: Date;
}): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${input.from}]]></FromUserName><CreateTime>${seconds(input.at)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${input.eventKey}]]></EventKey><TaskId><![CDATA[${input.taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${input.responseCode}]]></ResponseCode><AgentID>${AGENT_ID}</AgentID><SelectedItems></SelectedItems></xml>`;
}

export function approvalXml(input: { spNo: string; status: number; applicant: string; at: Date }): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${seconds(input.at)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event><AgentID>${AGENT_ID}</AgentID><ApprovalInfo><SpNoStr><![CDATA[${input.spNo}]]></SpNoStr><SpNo>${input.spNo}</SpNo><SpName><![CDATA[请假]]></SpName><SpStatus>${input.status}</SpStatus><TemplateId><![CDATA[tpl-1]]></TemplateId><ApplyTime>${seconds(input.at) - 3600}</ApplyTime><Applyer><UserId><![CDATA[${input.applicant}]]></UserId><Party><![CDATA[1]]></Party></Applyer><StatuChangeEvent>2</StatuChangeEvent></ApprovalInfo></xml>`;
}

export function contactXml(input: { changeType: string; userId: string; at: Date; extra?: string }): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${seconds(input.at)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>${input.changeType}</ChangeType><UserID><![CDATA[${input.userId}]]></UserID>${input.extra ?? ''}</xml>`;
}
