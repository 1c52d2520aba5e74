// Access tokens of DingTalk apps, from the new-style API (POST /v1.0/oauth2/accessToken with the key and secret in
// the JSON body — never in a URL, unlike the legacy gettoken and dingtalk-stream). One token per app, cached until
// shortly before it expires; concurrent callers share one fetch; a rejected token is dropped so the next call
// fetches a new one. The token itself is never logged.
import { createHash } from 'node:crypto';
import { PlatformSendError } from '../../src/core/platform.js';
import { requestJson, type FetchLike } from '../shared/http.js';

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

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

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  /** Token fetches so far (tests count refreshes with it). */
  fetches = 0;

  constructor(private readonly options: TokenCacheOptions) {}

  private now(): number {
    return (this.options.now ?? (() => new Date()))().getTime();
  }

  /** Keyed by the client id and a digest of the secret: a rotated secret never reuses the old token. */
  private keyOf(app: AppCredentials): string {
    return `${app.clientId}:${createHash('sha256').update(app.clientSecret).digest('hex').slice(0, 16)}`;
  }

  async get(app: AppCredentials, signal?: AbortSignal): Promise<string> {
    const key = this.keyOf(app);
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) return entry.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const fetching = this.fetchToken(app, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    const token = await fetching;
    return token;
  }

  /** Drops `token` if it is still the cached one (a concurrent refresh may have replaced it already). */
  invalidate(app: AppCredentials, token?: string): void {
    const key = this.keyOf(app);
    if (token === undefined || this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  private async fetchToken(app: AppCredentials, signal?: AbortSignal): Promise<string> {
    this.fetches++;
    const url = `${this.options.apiUrl.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`;
    const result = await requestJson(
      'POST',
      url,
      { appKey: app.clientId, appSecret: app.clientSecret },
      {
        timeoutMs: this.options.timeoutMs,
        headers: { accept: 'application/json' },
        passthroughStatuses: [400, 401, 403],
        ...(signal ? { signal } : {}),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      },
    );
    const body = result.body as { accessToken?: unknown; expireIn?: unknown; code?: unknown } | undefined;
    if (result.status >= 400) {
      const code = typeof body?.code === 'string' ? body.code : String(result.status);
      if (/QpsLimit/i.test(code))
        throw new PlatformSendError('rate_limited', `DingTalk throttled the token request (${code})`, {
          retryAfterMs: 1_000,
        });
      throw new PlatformSendError('unauthorized', `DingTalk refused the app's client id/secret (${code})`);
    }
    if (typeof body?.accessToken !== 'string' || body.accessToken === '') {
      throw new PlatformSendError('server_error', 'DingTalk answered the token request without an accessToken');
    }
    const lifetimeMs = (typeof body.expireIn === 'number' && body.expireIn > 0 ? body.expireIn : 7200) * 1000;
    const margin = Math.min(this.options.marginMs ?? 5 * 60_000, lifetimeMs / 10);
    this.entries.set(this.keyOf(app), { token: body.accessToken, expiresAt: this.now() + lifetimeMs - margin });
    return body.accessToken;
  }
}
