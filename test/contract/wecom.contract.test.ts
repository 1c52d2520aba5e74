// The WeCom adapter passes the platform adapter contract against a fake WeCom on 127.0.0.1.
import { afterAll, beforeAll } from 'vitest';
import { buttonsOfPayload, createWeComAdapterFor, type WeComPayload } from '../../adapters/wecom/index.js';
import { platformAdapterContract, CONTRACT_MESSAGES } from './platform-adapter.contract.js';
import {
  startFakeWeCom,
  staticWeComInstallations,
  type FakeWeCom,
  type ScriptedAnswer,
} from '../helpers/fake-wecom.js';

let fake: FakeWeCom;
beforeAll(async () => {
  fake = await startFakeWeCom();
});
afterAll(async () => fake.close());

const installations = staticWeComInstallations([
  {
    tenantId: 't1',
    corpId: 'wwcorp1',
    agentId: 1000002,
    secret: 's1',
    token: 't',
    aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  },
]);
const to = { platform: 'wecom' as const, conversationId: 'zhangsan', userId: 'zhangsan' };
const adapter = (url = () => fake.url, timeoutMs = 10_000) =>
  createWeComAdapterFor({ apiUrl: url(), timeoutMs }, installations);

const SEND = '/cgi-bin/message/send';
let keys = 0;

platformAdapterContract<WeComPayload>('wecom', {
  adapter: () => adapter(),
  buttonsOf: buttonsOfPayload,
  fallbackOf: (payload) => payload.fallbackText,
  to,
  failures: () => {
    const send = (answers: ScriptedAnswer[]) => () => {
      fake.script.set(SEND, answers);
      const a = adapter();
      return a.client.send(to, a.render(CONTRACT_MESSAGES.alert!), `k${++keys}`, { tenantId: 't1' });
    };
    return [
      {
        label: '45009 frequency limit',
        expectCode: 'rate_limited',
        expectRetryAfterMs: 60_000,
        send: send([{ body: { errcode: 45009, errmsg: 'api freq out of limit' } }]),
      },
      {
        label: '-1 system busy',
        expectCode: 'server_error',
        send: send([{ body: { errcode: -1, errmsg: 'system busy' } }]),
      },
      {
        label: '81013 no valid recipient',
        expectCode: 'invalid_recipient',
        send: send([{ body: { errcode: 81013, errmsg: 'user & party & tag all invalid' } }]),
      },
      {
        label: '60020 untrusted IP',
        expectCode: 'unauthorized',
        send: send([{ body: { errcode: 60020, errmsg: 'not allow to access from your ip' } }]),
      },
      {
        label: 'token rejected twice',
        expectCode: 'unauthorized',
        send: send([
          { body: { errcode: 42001, errmsg: 'access_token expired' } },
          { body: { errcode: 40014, errmsg: 'invalid access_token' } },
        ]),
      },
      { label: '503', expectCode: 'server_error', send: send([{ status: 503, body: {} }]) },
      {
        label: 'refused connection',
        expectCode: 'network',
        send: () => {
          const a = adapter(() => 'http://127.0.0.1:1');
          return a.client.send(to, a.render(CONTRACT_MESSAGES.alert!), 'k', { tenantId: 't1' });
        },
      },
    ];
  },
});
