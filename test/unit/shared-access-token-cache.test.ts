// The access-token cache shared by the DingTalk and WeCom clients (adapters/shared/access-token-cache.ts), with an
// injected clock and a counting issuer: cached until the margin before expiry, one fetch for concurrent callers,
// invalidation only of the token that was rejected, and a rotated secret never served the old token.
import { describe, expect, it } from 'vitest';
import { AccessTokenCache } from '../../adapters/shared/access-token-cache.js';

interface Creds {
  id: string;
  secret: string;
}

function setup(expiresInSeconds: unknown = 7200) {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const issued: string[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> = Promise.resolve();
  const cache = new AccessTokenCache<Creds>(
    { apiUrl: 'http://127.0.0.1:9', timeoutMs: 1000, now: () => new Date(now) },
    {
      identify: (c) => ({ id: c.id, secret: c.secret }),
      issue: async (_options, c) => {
        await gate;
        const token = `${c.id}-${c.secret}-${issued.length + 1}`;
        issued.push(token);
        return { token, expiresInSeconds };
      },
    },
  );
  return {
    cache,
    issued,
    advance: (ms: number) => (now += ms),
    hold: () => (gate = new Promise<void>((resolve) => (release = resolve))),
    release: () => release?.(),
  };
}

const app = { id: 'corp', secret: 's1' };

describe('shared access-token cache', () => {
  it('serves the cached token until five minutes before expiry, then fetches a new one', async () => {
    const t = setup();
    expect(await t.cache.get(app)).toBe('corp-s1-1');
    t.advance(7200_000 - 5 * 60_000 - 1);
    expect(await t.cache.get(app)).toBe('corp-s1-1');
    t.advance(1);
    expect(await t.cache.get(app)).toBe('corp-s1-2');
    expect(t.cache.fetches).toBe(2);
  });

  it('caps the margin at a tenth of a short lifetime and defaults an unusable lifetime to 7,200 s', async () => {
    const short = setup(100);
    await short.cache.get(app);
    short.advance(89_999);
    expect(await short.cache.get(app)).toBe('corp-s1-1');
    short.advance(1);
    expect(await short.cache.get(app)).toBe('corp-s1-2');
    const missing = setup('soon');
    await missing.cache.get(app);
    missing.advance(7200_000 - 5 * 60_000 - 1);
    expect(await missing.cache.get(app)).toBe('corp-s1-1');
  });

  it('shares one fetch among concurrent callers', async () => {
    const t = setup();
    t.hold();
    const all = Promise.all([t.cache.get(app), t.cache.get(app), t.cache.get(app)]);
    t.release();
    expect(await all).toEqual(['corp-s1-1', 'corp-s1-1', 'corp-s1-1']);
    expect(t.cache.fetches).toBe(1);
  });

  it('drops only the rejected token, and keys entries by the secret too', async () => {
    const t = setup();
    const first = await t.cache.get(app);
    t.cache.invalidate(app, 'some-older-token');
    expect(await t.cache.get(app)).toBe(first);
    t.cache.invalidate(app, first);
    expect(await t.cache.get(app)).toBe('corp-s1-2');
    expect(await t.cache.get({ id: 'corp', secret: 's2' })).toBe('corp-s2-3');
    expect(await t.cache.get(app)).toBe('corp-s1-2');
  });
});
