// Access tokens of DingTalk apps, from the new-style API (POST /v1.0/oauth2/accessToken with the key and secret in
// the JSON body — never in a URL, unlike the legacy gettoken and dingtalk-stream). Caching, sharing of concurrent
// fetches and invalidation are the shared AccessTokenCache's; this file keeps DingTalk's request and error mapping.
import { PlatformSendError } from '../../src/core/platform.js';
import { AccessTokenCache, type IssuedToken, type TokenCacheOptions } from '../shared/access-token-cache.js';
import { requestJson } from '../shared/http.js';

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export class TokenCache extends AccessTokenCache<AppCredentials> {
  constructor(options: TokenCacheOptions) {
    super(options, { identify: (app) => ({ id: app.clientId, secret: app.clientSecret }), issue: issueToken });
  }
}

async function issueToken(options: TokenCacheOptions, app: AppCredentials, signal?: AbortSignal): Promise<IssuedToken> {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`;
  const result = await requestJson(
    'POST',
    url,
    { appKey: app.clientId, appSecret: app.clientSecret },
    {
      timeoutMs: options.timeoutMs,
      headers: { accept: 'application/json' },
      passthroughStatuses: [400, 401, 403],
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
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
  return { token: body.accessToken, expiresInSeconds: body.expireIn };
}
