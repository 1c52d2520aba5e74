// One WeCom tenant wired like the service does it (test/helpers/platform-env.ts): the installation from the
// environment's WECOM_* values through the service's own config loader, and the WeCom runtime against a fake WeCom on
// 127.0.0.1. Builders for signed, encrypted callbacks as WeCom sends them.
import { envInstallations } from '../../src/app/platforms/credentials.js';
import type { InboundRegistration } from '../../src/app/inbound/handlers.js';
import { loadConfig } from '../../src/config.js';
import { createWeComRuntime, type WeComRuntime } from '../../adapters/wecom/runtime.js';
import { startFakeWeCom, type FakeWeCom } from './fake-wecom.js';
import { sealedCallback, startPlatformEnv, type PlatformEnv } from './platform-env.js';

export const CORP_ID = 'wwtpcorp0001';
export const AGENT_ID = 1000002;
export const SECRET = 'tp-wecom-app-secret-0001';
export const TOKEN = 'tpWeComToken';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

export type WeComEnv = PlatformEnv<FakeWeCom, WeComRuntime>;

/** The WECOM_* variables exactly as an operator sets them, through the service's own config loader. */
function weComConfig(fakeUrl: string) {
  return loadConfig({
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    WECOM_CORP_ID: CORP_ID,
    WECOM_AGENT_ID: String(AGENT_ID),
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: TOKEN,
    WECOM_AES_KEY: AES_KEY,
    WECOM_API_URL: fakeUrl,
  });
}

export function startWeComEnv(options: {
  slug: string;
  /** Inbound registrations instead of the service's (tests of the click path register stubs). */
  registrations?: readonly InboundRegistration[];
}): Promise<WeComEnv> {
  return startPlatformEnv({
    platform: 'wecom',
    slug: options.slug,
    // 12:10 in China: off the :00/:30 minutes WeCom asks apps to avoid (src/core/send-window.ts), so what a test
    // enqueues is due at once.
    startAt: '2026-11-25T04:10:00Z',
    startFake: startFakeWeCom,
    installations: (fake) => envInstallations(weComConfig(fake.url)),
    runtime: (fake, ports) =>
      createWeComRuntime({ apiUrl: weComConfig(fake.url).wecomApiUrl, resyncDelayMs: 50 }, ports),
    ...(options.registrations ? { registrations: options.registrations } : {}),
  });
}

export interface SignOptions {
  token?: string;
  aesKey?: string;
  corpId?: string;
  timestamp?: string;
  nonce?: string;
}

/** The URL-verification GET WeCom sends when the callback URL is saved. */
/** The URL-verification GET WeCom sends when the callback URL is saved. */
export function urlCheck(plain: string, options: SignOptions = {}): string {
  const timestamp = options.timestamp ?? '1764043200';
  const nonce = options.nonce ?? '1372623149';
  const { encrypt, signature } = seal(plain, timestamp, nonce, options);
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr: encrypt });
  return `/wecom/callback?${q.toString()}`;
}

/** An encrypted, signed callback POST: the URL and the XML body. */
export function encryptedCallback(innerXml: string, options: SignOptions = {}): { url: string; body: string } {
  const timestamp = options.timestamp ?? '1764043200';
  const nonce = options.nonce ?? '1372623149';
  const { encrypt, signature } = seal(innerXml, timestamp, nonce, options);
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  return {
    url: `/wecom/callback?${q.toString()}`,
    body: `<xml><ToUserName><![CDATA[${options.corpId ?? CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${AGENT_ID}]]></AgentID></xml>`,
  };
}

function seal(plain: string, timestamp: string, nonce: string, options: SignOptions) {
  return sealedCallback({
    token: options.token ?? TOKEN,
    aesKey: options.aesKey ?? AES_KEY,
    ownerId: options.corpId ?? CORP_ID,
    plain,
    timestamp,
    nonce,
  });
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

/** A vote card's submission (template_card_event, CardType vote_interaction): the chosen option in SelectedItems. */
export function voteSubmitXml(input: {
  from: string;
  eventKey: string;
  taskId: string;
  responseCode: string;
  questionKey: string;
  optionId: string;
  at: Date;
}): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${input.from}]]></FromUserName><CreateTime>${seconds(input.at)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${input.eventKey}]]></EventKey><TaskId><![CDATA[${input.taskId}]]></TaskId><CardType><![CDATA[vote_interaction]]></CardType><ResponseCode><![CDATA[${input.responseCode}]]></ResponseCode><AgentID>${AGENT_ID}</AgentID><SelectedItems><SelectedItem><QuestionKey><![CDATA[${input.questionKey}]]></QuestionKey><OptionIds><OptionId><![CDATA[${input.optionId}]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>`;
}
