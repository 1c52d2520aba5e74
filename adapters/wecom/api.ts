// One caller for the WeCom server API (qyapi.weixin.qq.com/cgi-bin/…, `?access_token=`, errors as HTTP 200 with
// {errcode, errmsg}; error table: developer.work.weixin.qq.com/document/path/90313). Every failure becomes a coded
// PlatformSendError:
//   40014 / 42001 (token invalid / expired) ⇒ the token is fetched again once and the call repeated, then unauthorized;
//   45009 (frequency limit) / 45033 (concurrency [UNVERIFIED]) ⇒ rate_limited, retry in a minute;
//   -1 (system busy) ⇒ server_error (retried);
//   81013 (no valid recipient) ⇒ invalid_recipient (permanent);
//   60020 (caller IP not trusted) ⇒ unauthorized with a hint about the app's trusted IPs (permanent);
//   40001 / 40013 / 40056 / 48002 / 301055 (bad secret / corp / agent, no permission) ⇒ unauthorized;
//   anything else ⇒ bad_request.
// Tokens and secrets never reach a log line or an error message (errors name the host and the errcode only).
import { PlatformSendError } from '../../src/core/platform.js';
import { TokenApiClient, TokenRejected, type TokenApiOptions } from '../shared/access-token-cache.js';
import { callOptions, hostOf, requestJson } from '../shared/http.js';
import type { WeComCredentials } from './app.js';
import { TRUSTED_IP_HINT, WeComTokenCache } from './token.js';

/** apiUrl: WECOM_API_URL (default https://qyapi.weixin.qq.com). */
export type WeComApiOptions = TokenApiOptions;

export interface CallOptions {
  signal?: AbortSignal;
}

/** The body of an answer whose errcode is not 0 and not a token error (callers that handle some codes read it). */
export class WeComApiError extends PlatformSendError {
  constructor(
    readonly errcode: number,
    code: ConstructorParameters<typeof PlatformSendError>[0],
    message: string,
    options: { retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
  }
}

const RATE_LIMIT_WAIT_MS = 60_000;
const TOKEN_ERRORS = new Set([40014, 42001]);
const CREDENTIAL_ERRORS = new Set([40001, 40013, 40056, 48002, 301055]);

/** `{errcode, errmsg}` ⇒ coded error (or TokenRejected); undefined when errcode is 0. */
export function wecomError(body: unknown, host: string): Error | undefined {
  const errcode = Number((body as { errcode?: unknown })?.errcode ?? 0);
  if (!Number.isFinite(errcode) || errcode === 0) return undefined;
  if (TOKEN_ERRORS.has(errcode)) return new TokenRejected(String(errcode));
  if (errcode === 45009 || errcode === 45033)
    return new WeComApiError(errcode, 'rate_limited', `${host}: frequency limit (errcode ${errcode}); retry later`, {
      retryAfterMs: RATE_LIMIT_WAIT_MS,
    });
  if (errcode === -1) return new WeComApiError(errcode, 'server_error', `${host} is busy (errcode -1)`);
  if (errcode === 81013)
    return new WeComApiError(errcode, 'invalid_recipient', `${host}: no valid recipient (errcode 81013)`);
  if (errcode === 60020)
    return new WeComApiError(errcode, 'unauthorized', `${host}: ${TRUSTED_IP_HINT} (errcode 60020)`);
  if (CREDENTIAL_ERRORS.has(errcode))
    return new WeComApiError(errcode, 'unauthorized', `${host} refused the app's credentials (errcode ${errcode})`);
  return new WeComApiError(errcode, 'bad_request', `${host} refused the request (errcode ${errcode})`);
}

export class WeComApi extends TokenApiClient<WeComTokenCache> {
  constructor(private readonly options: WeComApiOptions) {
    super(options, (settings) => new WeComTokenCache(settings));
  }

  /** POST JSON (or GET with `query`) to `/cgi-bin/<path>` with the credentials' token; refreshes it once if rejected. */
  async call(
    creds: WeComCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: CallOptions & { query?: Record<string, string> } = {},
  ): Promise<Record<string, unknown>> {
    const base = `${this.options.apiUrl.replace(/\/+$/, '')}/cgi-bin/${path.replace(/^\/+/, '')}`;
    const extra = new URLSearchParams(options.query ?? {}).toString();
    return this.tokens.withToken('WeCom', creds, options.signal, async (token) => {
      // The token rides in the query string (WeCom's design); the URL is never logged (errors name the host only).
      const url = `${base}?access_token=${encodeURIComponent(token)}${extra ? `&${extra}` : ''}`;
      const payload = method === 'GET' ? undefined : (body ?? {});
      const result = await requestJson(method, url, payload, callOptions(this.http, options.signal));
      const error = wecomError(result.body, hostOf(base, 'wecom'));
      if (error) throw error;
      return (result.body ?? {}) as Record<string, unknown>;
    });
  }
}
