// Access tokens of WeCom apps: GET /cgi-bin/gettoken?corpid=&corpsecret= → {access_token, expires_in: 7200}. Each
// secret (the app's, the contacts-sync one, the approval one) is its own app with its own token, so the cache is
// keyed by corp id and a digest of the secret. Caching, sharing of concurrent fetches and dropping a token WeCom
// rejects (40014/42001 — it may revoke tokens early) are the shared AccessTokenCache's; this file keeps WeCom's
// request and errcode mapping. gettoken is rate-limited itself, so it is never called per request. The secret has to
// travel in the URL (WeCom's design); neither the URL nor the token ever reaches a log line or an error message.
import { PlatformSendError } from '../../src/core/platform.js';
import { AccessTokenCache, type IssuedToken, type TokenCacheOptions } from '../shared/access-token-cache.js';
import { callOptions, getJson } from '../shared/http.js';
import type { WeComCredentials } from './app.js';

export class WeComTokenCache extends AccessTokenCache<WeComCredentials> {
  constructor(options: TokenCacheOptions) {
    super(options, { identify: (creds) => ({ id: creds.corpId, secret: creds.secret }), issue: issueToken });
  }
}

async function issueToken(
  options: TokenCacheOptions,
  creds: WeComCredentials,
  signal?: AbortSignal,
): Promise<IssuedToken> {
  const url =
    `${options.apiUrl.replace(/\/+$/, '')}/cgi-bin/gettoken` +
    `?corpid=${encodeURIComponent(creds.corpId)}&corpsecret=${encodeURIComponent(creds.secret)}`;
  const result = await getJson(url, callOptions(options, signal));
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
  return { token: body.access_token, expiresInSeconds: body.expires_in };
}

export const TRUSTED_IP_HINT =
  "this server's egress IP is not in the app's trusted IPs (管理后台 → 应用管理 → 自建应用 → 企业可信IP); add it";
