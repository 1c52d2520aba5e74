// The access-token cache every platform client with app-level tokens needs (DingTalk, WeCom): one token per
// credential set, cached until shortly before it expires; concurrent callers share one fetch; a token the platform
// rejects is dropped so the next call fetches a new one. Entries are keyed by the app's id and a digest of its
// secret, so a rotated secret never reuses the old token. How a token is issued (endpoint, body, error codes) is
// each platform's wire detail, passed in as `issue`. Neither the secret nor the token ever reaches a log line.
import { createHash } from 'node:crypto';
import { PlatformSendError } from '../../src/core/platform.js';
import type { FetchLike } from './http.js';

export interface IssuedToken {
  token: string;
  /** The lifetime the platform announced; 7,200 s when it said nothing usable. */
  expiresInSeconds?: unknown;
}

export interface TokenCacheOptions {
  /** The platform's API base URL (overridable: tests and the benchmark point it at a fake on 127.0.0.1). */
  apiUrl: string;
  timeoutMs: number;
  fetch?: FetchLike;
  now?: () => Date;
  /** Refresh this long before the announced expiry (default 5 min, at most a tenth of the lifetime). */
  marginMs?: number;
}

/** A platform's wire details: which credentials identify an app, and the token request with its error mapping. */
export interface TokenIssuer<C> {
  /** The app's public id and its secret (digested into the cache key, never stored). */
  identify(credentials: C): { id: string; secret: string };
  issue(options: TokenCacheOptions, credentials: C, signal?: AbortSignal): Promise<IssuedToken>;
}

export interface TokenApiOptions {
  apiUrl: string;
  /** Per call (default 10 s). */
  timeoutMs?: number;
  fetch?: FetchLike;
  now?: () => Date;
}

/**
 * An API client that calls with app tokens (DingTalk, WeCom): its settings (URL, timeout, test fetch and clock),
 * shared by its calls and its token cache.
 */
export class TokenApiClient<Cache> {
  readonly tokens: Cache;
  protected readonly http: TokenCacheOptions;

  constructor(options: TokenApiOptions, cacheOf: (settings: TokenCacheOptions) => Cache) {
    this.http = {
      apiUrl: options.apiUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now } : {}),
    };
    this.tokens = cacheOf(this.http);
  }
}

/** Thrown inside a call when the platform says the token is invalid; withToken then fetches a new one once. */
export class TokenRejected extends Error {}

interface Entry {
  token: string;
  expiresAt: number;
}

const DEFAULT_LIFETIME_S = 7200;

export class AccessTokenCache<C> {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  /** Token fetches so far (tests count refreshes with it). */
  fetches = 0;

  constructor(
    private readonly options: TokenCacheOptions,
    private readonly issuer: TokenIssuer<C>,
  ) {}

  private now(): number {
    return (this.options.now ?? (() => new Date()))().getTime();
  }

  private keyOf(credentials: C): string {
    const { id, secret } = this.issuer.identify(credentials);
    return `${id}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
  }

  async get(credentials: C, signal?: AbortSignal): Promise<string> {
    const key = this.keyOf(credentials);
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) return entry.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const fetching = this.fetch(key, credentials, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    return fetching;
  }

  /** Drops `token` if it is still the cached one (a concurrent refresh may have replaced it already). */
  invalidate(credentials: C, token?: string): void {
    const key = this.keyOf(credentials);
    if (token === undefined || this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  /**
   * Runs `call` with the credentials' token. When the call says the token was rejected (TokenRejected; platforms may
   * revoke tokens early) the token is dropped and the call repeated once with a fresh one; a second rejection is
   * unauthorized (`platform` names it in the message).
   */
  async withToken<T>(
    platform: string,
    credentials: C,
    signal: AbortSignal | undefined,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.get(credentials, signal);
      try {
        return await call(token);
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        this.invalidate(credentials, token);
        if (attempt >= 1)
          throw new PlatformSendError('unauthorized', `${platform} rejected a freshly fetched access token`);
      }
    }
  }

  private async fetch(key: string, credentials: C, signal?: AbortSignal): Promise<string> {
    this.fetches++;
    const issued = await this.issuer.issue(this.options, credentials, signal);
    const seconds =
      typeof issued.expiresInSeconds === 'number' && issued.expiresInSeconds > 0
        ? issued.expiresInSeconds
        : DEFAULT_LIFETIME_S;
    const lifetimeMs = seconds * 1000;
    const margin = Math.min(this.options.marginMs ?? 5 * 60_000, lifetimeMs / 10);
    this.entries.set(key, { token: issued.token, expiresAt: this.now() + lifetimeMs - margin });
    return issued.token;
  }
}
