// Access tokens of WeCom apps: GET /cgi-bin/gettoken?corpid=&corpsecret= → {access_token, expires_in: 7200}. Each
// secret (the app's, the contacts-sync one, the approval one) is its own app with its own token, so the cache is
// keyed by corp id and a digest of the secret (a rotated secret never reuses the old token). Concurrent callers
// share one fetch; a token WeCom rejects (40014/42001 — it may revoke tokens early) is dropped so the next call
// fetches a new one. gettoken is rate-limited itself, so it is never called per request. The secret has to travel
// in the URL (WeCom's design); neither the URL nor the token ever reaches a log line or an error message.
import { createHash } from 'node:crypto';
import { PlatformSendError } from '../../src/core/platform.js';
import { getJson, type FetchLike } from '../shared/http.js';
import type { WeComCredentials } from './app.js';

export interface TokenCacheOptions {
  apiUrl: string;
  timeoutMs: number;
  fetch?: FetchLike;
  now?: () => Date;
  /** Refresh this long before the announced expiry (default 5 min, at most a tenth of the lifetime). */
  marginMs?: number;
}

interface Entry {
  token: string;
  expiresAt: number;
}

export class WeComTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  /** Token fetches so far (tests count refreshes with it). */
  fetches = 0;

  constructor(private readonly options: TokenCacheOptions) {}

  private now(): number {
    return (this.options.now ?? (() => new Date()))().getTime();
  }

  private keyOf(creds: WeComCredentials): string {
    return `${creds.corpId}:${createHash('sha256').update(creds.secret).digest('hex').slice(0, 16)}`;
  }

  async get(creds: WeComCredentials, signal?: AbortSignal): Promise<string> {
    const key = this.keyOf(creds);
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) return entry.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const fetching = this.fetchToken(creds, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    return fetching;
  }

  /** Drops `token` if it is still the cached one (a concurrent refresh may have replaced it already). */
  invalidate(creds: WeComCredentials, token?: string): void {
    const key = this.keyOf(creds);
    if (token === undefined || this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  private async fetchToken(creds: WeComCredentials, signal?: AbortSignal): Promise<string> {
    this.fetches++;
    const url =
      `${this.options.apiUrl.replace(/\/+$/, '')}/cgi-bin/gettoken` +
      `?corpid=${encodeURIComponent(creds.corpId)}&corpsecret=${encodeURIComponent(creds.secret)}`;
    const result = await getJson(url, {
      timeoutMs: this.options.timeoutMs,
      ...(signal ? { signal } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    const body = result.body as { errcode?: unknown; access_token?: unknown; expires_in?: unknown } | undefined;
    const errcode = Number(body?.errcode ?? 0);
    if (errcode === 45009 || errcode === 45033)
      throw new PlatformSendError('rate_limited', `WeCom throttled the token request (errcode ${errcode})`, {
        retryAfterMs: 60_000,
      });
    if (errcode === -1) throw new PlatformSendError('server_error', 'WeCom is busy (errcode -1 on gettoken)');
    if (errcode === 60020) throw new PlatformSendError('unauthorized', `WeCom: ${TRUSTED_IP_HINT} (errcode 60020)`);
    if (errcode !== 0)
      throw new PlatformSendError('unauthorized', `WeCom refused the corp id / secret (errcode ${errcode})`);
    if (typeof body?.access_token !== 'string' || body.access_token === '')
      throw new PlatformSendError('server_error', 'WeCom answered gettoken without an access_token');
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200) * 1000;
    const margin = Math.min(this.options.marginMs ?? 5 * 60_000, lifetimeMs / 10);
    this.entries.set(this.keyOf(creds), { token: body.access_token, expiresAt: this.now() + lifetimeMs - margin });
    return body.access_token;
  }
}

export const TRUSTED_IP_HINT =
  "this server's egress IP is not in the app's trusted IPs (管理后台 → 应用管理 → 自建应用 → 企业可信IP); add it";
