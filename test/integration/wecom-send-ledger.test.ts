// WeCom's per-member limits held across replicas (src/core/send-ledger.ts on migrations/0020): two ledger instances
// — and two WeCom clients, as two replicas would have — share one database. Together they never record more than
// the limit in a window, also when they race for the last slots; the refused send says when the next slot opens, and
// the client turns it into a rate_limited error the outbox retries then. Injected clock; the fake WeCom receives
// the sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSendLedger } from '../../src/app/platforms/send-ledger.js';
import { PlatformSendError } from '../../src/core/platform.js';
import { WeComApi } from '../../adapters/wecom/api.js';
import { WeComClient } from '../../adapters/wecom/client.js';
import { renderWeCom } from '../../adapters/wecom/render.js';
import { startWeComEnv, type WeComEnv } from '../helpers/wecom-env.js';

let env: WeComEnv;
beforeAll(async () => {
  env = await startWeComEnv({ slug: 'wecom-send-ledger' });
});
afterAll(async () => env.close());

const key = (recipient: string) => ({ tenantId: env.org.tenantId, platform: 'wecom', recipient });
const at = (seconds: number) => new Date(Date.parse('2026-11-30T02:10:00Z') + seconds * 1000);

describe('send ledger shared by replicas', () => {
  it('counts both instances together in a sliding window and says when the next slot opens', async () => {
    const [a, b] = [databaseSendLedger(env.db), databaseSendLedger(env.db)];
    const rules = [{ limit: 3, windowMs: 60_000 }];
    expect(await a.tryRecord(key('u1'), at(0), rules)).toEqual({ ok: true });
    expect(await b.tryRecord(key('u1'), at(10), rules)).toEqual({ ok: true });
    expect(await a.tryRecord(key('u1'), at(20), rules)).toEqual({ ok: true });
    expect(await b.tryRecord(key('u1'), at(30), rules)).toEqual({ ok: false, retryAt: new Date(at(60).getTime() + 1) });
    // Another member and another platform have their own counts.
    expect(await b.tryRecord(key('u2'), at(30), rules)).toEqual({ ok: true });
    expect(await b.tryRecord({ ...key('u1'), platform: 'dingtalk' }, at(30), rules)).toEqual({ ok: true });
    // The first send leaves the window: one slot again, for either instance.
    expect(await b.tryRecord(key('u1'), at(60.001), rules)).toEqual({ ok: true });
    expect((await a.tryRecord(key('u1'), at(61), rules)).ok).toBe(false);
  });

  it('gives the last slots to exactly as many racing sends as are left', async () => {
    const [a, b] = [databaseSendLedger(env.db), databaseSendLedger(env.db)];
    const rules = [
      { limit: 5, windowMs: 60_000 },
      { limit: 100, windowMs: 3_600_000 },
    ];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).tryRecord(key('racer'), at(100), rules)),
    );
    expect(answers.filter((x) => x.ok)).toHaveLength(5);
  });

  it('two WeCom clients on one database send a member at most 28 messages a minute; the 29th is rate_limited', async () => {
    const replica = () =>
      new WeComClient(new WeComApi({ apiUrl: env.fake.url, timeoutMs: 5_000 }), env.ports.installations, {
        now: () => at(200),
        ledger: databaseSendLedger(env.db),
      });
    const [one, two] = [replica(), replica()];
    const payload = renderWeCom({ blocks: [{ type: 'text', text: 'hi' }], fallbackText: 'hi' });
    const to = { platform: 'wecom' as const, conversationId: 'E5', userId: 'E5' };
    const context = { tenantId: env.org.tenantId };
    const before = env.fake.callsTo('/cgi-bin/message/send').length;
    for (let i = 0; i < 28; i++) await (i % 2 ? one : two).send(to, payload, `k${i}`, context);
    const refused = await one.send(to, payload, 'k28', context).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformSendError);
    expect(refused).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 60_001 });
    await expect(two.send(to, payload, 'k29', context)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(env.fake.callsTo('/cgi-bin/message/send').length - before).toBe(28);
  });
});
