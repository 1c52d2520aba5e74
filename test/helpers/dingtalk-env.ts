// One DingTalk tenant wired like the service does it (test/helpers/platform-env.ts): the installation from the
// environment's DINGTALK_* values through the service's own config loader, and the DingTalk runtime (HTTP or Stream
// mode) against a fake DingTalk on 127.0.0.1. Signed/encrypted request builders.
import type { InboundRegistration } from '../../src/app/inbound/handlers.js';
import { envInstallations } from '../../src/app/platforms/credentials.js';
import { loadConfig } from '../../src/config.js';
import type { SecretBox } from '../../src/app/platforms/secret-box.js';
import {
  createDingTalkRuntime,
  type DingTalkRuntime,
  type DingTalkRuntimeOptions,
} from '../../adapters/dingtalk/runtime.js';
import { robotSign } from '../../adapters/dingtalk/verify.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-dingtalk.js';
import { sealedCallback, startPlatformEnv, type PlatformEnv } from './platform-env.js';

export const APP_KEY = 'dingtpapp0001';
export const APP_SECRET = 'tp-app-secret-0001';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const EVENT_TOKEN = 'tp-event-token';
export const CORP_ID = 'dingcorp0001';

export type DingTalkEnv = PlatformEnv<FakeDingTalk, DingTalkRuntime>;

/** The DINGTALK_* variables exactly as an operator sets them, through the service's own config loader. */
function dingTalkConfig(fakeUrl: string, mode: 'http' | 'stream') {
  return loadConfig({
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    DINGTALK_CLIENT_ID: APP_KEY,
    DINGTALK_CLIENT_SECRET: APP_SECRET,
    DINGTALK_MODE: mode,
    DINGTALK_AES_KEY: AES_KEY,
    DINGTALK_TOKEN: EVENT_TOKEN,
    DINGTALK_CORP_ID: CORP_ID,
    DINGTALK_API_URL: fakeUrl,
    DINGTALK_OAPI_URL: fakeUrl,
  });
}

export function startDingTalkEnv(options: {
  mode: 'http' | 'stream';
  slug: string;
  stream?: DingTalkRuntimeOptions['stream'];
  /** Inbound registrations instead of the service's (tests of the command path register stubs). */
  registrations?: readonly InboundRegistration[];
  /** Opens the installations `teampulse platform add dingtalk` stores (tests of more tenants). */
  secretBox?: SecretBox;
}): Promise<DingTalkEnv> {
  return startPlatformEnv({
    platform: 'dingtalk',
    slug: options.slug,
    startFake: startFakeDingTalk,
    installations: (fake) => envInstallations(dingTalkConfig(fake.url, options.mode)),
    runtime: (fake, ports) =>
      createDingTalkRuntime(
        {
          ...dingTalkConfig(fake.url, options.mode).dingtalkHosts,
          resyncDelayMs: 50,
          ...(options.stream ? { stream: options.stream } : {}),
        },
        ports,
      ),
    ...(options.registrations ? { registrations: options.registrations } : {}),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });
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
  const timestamp = String(at.getTime());
  const nonce = 'n0nce123';
  const { encrypt, signature } = sealedCallback({
    token: options.token ?? EVENT_TOKEN,
    aesKey: options.aesKey ?? AES_KEY,
    ownerId: options.ownerKey ?? APP_KEY,
    plain: JSON.stringify(event),
    timestamp,
    nonce,
  });
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
