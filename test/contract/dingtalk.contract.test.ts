// The DingTalk adapter passes the platform adapter contract against a fake DingTalk on 127.0.0.1.
import { afterAll, beforeAll } from 'vitest';
import { createDingTalkAdapterFor, buttonsOfPayload, type DingTalkPayload } from '../../adapters/dingtalk/index.js';
import { platformAdapterContract, CONTRACT_MESSAGES } from './platform-adapter.contract.js';
import { startFakeDingTalk, staticInstallations, type FakeDingTalk } from '../helpers/fake-dingtalk.js';
import type { ScriptedAnswer } from '../helpers/fake-dingtalk.js';

let fake: FakeDingTalk;
beforeAll(async () => {
  fake = await startFakeDingTalk();
});
afterAll(async () => fake.close());

const installations = staticInstallations([{ tenantId: 't1', clientId: 'dingapp1', clientSecret: 's1' }]);
const to = { platform: 'dingtalk' as const, conversationId: 'staff001', userId: 'staff001' };
const adapter = (url = () => fake.url, timeoutMs = 10_000) =>
  createDingTalkAdapterFor({ apiUrl: url(), oapiUrl: url(), timeoutMs }, installations);

const CARD_PATH = '/v1.0/im/v1.0/robot/interactiveCards/send';

platformAdapterContract<DingTalkPayload>('dingtalk', {
  adapter: () => adapter(),
  buttonsOf: buttonsOfPayload,
  fallbackOf: (payload) => payload.fallbackText,
  to,
  failures: () => {
    const send =
      (answers: ScriptedAnswer[], timeoutMs = 10_000) =>
      () => {
        fake.script.set(CARD_PATH, answers);
        const a = adapter(() => fake.url, timeoutMs);
        return a.client.send(to, a.render(CONTRACT_MESSAGES.alert!), 'k', { tenantId: 't1' });
      };
    return [
      {
        label: 'throttled (403 QpsLimit)',
        expectCode: 'rate_limited',
        expectRetryAfterMs: 1000,
        send: send([{ status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' } }]),
      },
      {
        label: '429 Retry-After',
        expectCode: 'rate_limited',
        expectRetryAfterMs: 7000,
        send: send([{ status: 429, headers: { 'retry-after': '7' }, body: {} }]),
      },
      { label: '503', expectCode: 'server_error', send: send([{ status: 503, body: {} }]) },
      {
        label: 'token rejected twice',
        expectCode: 'unauthorized',
        send: send([
          { status: 401, body: { code: 'InvalidAuthentication' } },
          { status: 401, body: { code: 'InvalidAuthentication' } },
        ]),
      },
      {
        label: 'IP not whitelisted',
        expectCode: 'unauthorized',
        send: send([{ status: 403, body: { code: 'Forbidden.AccessDenied.IpNotInWhiteList' } }]),
      },
      {
        label: 'card refused, markdown to an unknown staff id',
        expectCode: 'invalid_recipient',
        send: () => {
          fake.script.set('/v1.0/robot/oToMessages/batchSend', [
            { status: 200, body: { processQueryKey: 'p', invalidStaffIdList: ['staff001'] } },
          ]);
          return send([{ status: 400, body: { code: 'param.invalid' } }])();
        },
      },
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
