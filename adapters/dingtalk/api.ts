// One caller for both DingTalk API hosts: the new-style API (api.dingtalk.com, header x-acs-dingtalk-access-token,
// errors as HTTP 4xx with {code, message}) and the legacy one (oapi.dingtalk.com, ?access_token=, errors as HTTP
// 200 with {errcode, errmsg}). Every failure becomes a coded PlatformSendError: throttling ⇒ rate_limited after
// 1 s (§2.9 of platforms.md: "sleep 1 s and retry"), a token error ⇒ the token is fetched again once and the call
// repeated, then unauthorized; the IP whitelist (60020) ⇒ unauthorized with a hint. Tokens and secrets never reach
// a log line or an error message (errors name the host only).
import { PlatformSendError } from '../../src/core/platform.js';
import { TokenApiClient, TokenRejected, type TokenApiOptions } from '../shared/access-token-cache.js';
import { callOptions, hostOf, requestJson } from '../shared/http.js';
import { TokenCache, type AppCredentials } from './token.js';

/** DINGTALK_API_URL (default https://api.dingtalk.com) and DINGTALK_OAPI_URL (default https://oapi.dingtalk.com). */
export interface DingTalkApiOptions extends TokenApiOptions {
  oapiUrl: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const THROTTLE_WAIT_MS = 1_000;
const QUOTA_WAIT_MS = 3_600_000;
const IP_HINT =
  "this server's egress IP is not in the DingTalk app's IP whitelist (开发者后台 → 应用 → 开发管理 → 服务器出口IP); add it";
const LEGACY_TOKEN_ERRORS = new Set([88, 40014, 42001]);

/** New-API error body ⇒ coded error (or TokenRejected). */
export function newApiError(status: number, body: unknown, host: string): Error {
  const code = typeof (body as { code?: unknown })?.code === 'string' ? (body as { code: string }).code : '';
  if (/QpsLimit/i.test(code))
    return new PlatformSendError('rate_limited', `${host} throttled the app (${code})`, {
      retryAfterMs: THROTTLE_WAIT_MS,
    });
  if (/ApiCountLimit/i.test(code))
    return new PlatformSendError('rate_limited', `${host}: the organisation's monthly API quota is used up (${code})`, {
      retryAfterMs: QUOTA_WAIT_MS,
    });
  if (/IpNotIn|IpWhite|60020/i.test(code)) return new PlatformSendError('unauthorized', `${host}: ${IP_HINT}`);
  if (
    code === 'InvalidAuthentication' ||
    /accessToken|access_token|token\.(invalid|expired)/i.test(code) ||
    status === 401
  )
    return new TokenRejected(code || String(status));
  if (/PermissionDenied/i.test(code))
    return new PlatformSendError('unauthorized', `${host}: the app lacks a permission for this call (${code})`);
  if (status === 403) return new PlatformSendError('unauthorized', `${host} refused the call (${code || 403})`);
  if (status === 404) return new PlatformSendError('invalid_recipient', `${host} answered 404 (${code})`);
  return new PlatformSendError('bad_request', `${host} refused the request (${code || status})`);
}

/** Legacy `{errcode, errmsg}` ⇒ coded error (or TokenRejected); undefined when errcode is 0. */
export function legacyApiError(body: unknown, host: string): Error | undefined {
  const errcode = Number((body as { errcode?: unknown })?.errcode ?? 0);
  if (!Number.isFinite(errcode) || errcode === 0) return undefined;
  if (errcode === 90018 || errcode === 90002)
    return new PlatformSendError('rate_limited', `${host} throttled the app (errcode ${errcode})`, {
      retryAfterMs: THROTTLE_WAIT_MS,
    });
  if (errcode === 90020)
    return new PlatformSendError('rate_limited', `${host}: the organisation's monthly API quota is used up (90020)`, {
      retryAfterMs: QUOTA_WAIT_MS,
    });
  if (errcode === 60020) return new PlatformSendError('unauthorized', `${host}: ${IP_HINT} (errcode 60020)`);
  if (LEGACY_TOKEN_ERRORS.has(errcode)) return new TokenRejected(String(errcode));
  if (errcode === -1) return new PlatformSendError('server_error', `${host} is busy (errcode -1)`);
  if (errcode === 60121 || errcode === 33012)
    return new PlatformSendError('invalid_recipient', `${host}: unknown user (errcode ${errcode})`);
  return new PlatformSendError('bad_request', `${host} refused the request (errcode ${errcode})`);
}

export class DingTalkApi extends TokenApiClient<TokenCache> {
  constructor(private readonly options: DingTalkApiOptions) {
    super(options, (settings) => new TokenCache(settings));
  }

  /** A new-style call (`/v1.0/...`) with the app's token; refreshes the token once if it is rejected. */
  async call(
    app: AppCredentials,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<unknown> {
    const url = `${this.options.apiUrl.replace(/\/+$/, '')}${path}`;
    return this.tokens.withToken('DingTalk', app, options.signal, async (token) => {
      const result = await requestJson(method, url, body, {
        ...callOptions(this.http, options.signal),
        headers: { 'x-acs-dingtalk-access-token': token, accept: 'application/json' },
        passthroughStatuses: [400, 401, 403, 404],
      });
      if (result.status >= 400) throw newApiError(result.status, result.body, hostOf(url, 'dingtalk'));
      return result.body;
    });
  }

  /** A legacy call (`/topapi/...`): POST JSON with `?access_token=`; errcode mapped; token refreshed once. */
  async legacy(app: AppCredentials, path: string, body: unknown, options: CallOptions = {}): Promise<unknown> {
    const base = `${this.options.oapiUrl.replace(/\/+$/, '')}${path}`;
    return this.tokens.withToken('DingTalk', app, options.signal, async (token) => {
      // The legacy API takes the token in the query string; the URL is never logged (errors name the host only).
      const url = `${base}${base.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
      const result = await requestJson('POST', url, body, callOptions(this.http, options.signal));
      const error = legacyApiError(result.body, hostOf(base, 'dingtalk'));
      if (error) throw error;
      return result.body;
    });
  }
}
