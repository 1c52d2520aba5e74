// One small JSON-over-HTTP helper for every platform client: a per-call timeout and the mapping of
// transport failures and HTTP statuses to coded PlatformSendErrors. Each platform keeps one client whose
// base URL is overridable (tests and the benchmark point it at a fake server on 127.0.0.1).
import { parseRetryAfter, PlatformSendError } from '../../src/core/platform.js';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface HttpCallOptions {
  timeoutMs: number;
  /** The caller's abort (the outbox's send deadline): abandons the request like the timeout does. */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fetch?: FetchLike;
  now?: () => Date;
  /**
   * Statuses returned to the caller (with the parsed body, or the raw text when it is not JSON) instead of being
   * mapped here: platforms that explain an error in the body of a 4xx (DingTalk's new API answers throttling as a
   * 403 with `code: Forbidden.AccessDenied.QpsLimitForAppkeyAndApi`) map it themselves.
   */
  passthroughStatuses?: readonly number[];
}

export interface HttpResult {
  status: number;
  body: unknown;
  headers: { get(name: string): string | null };
}

/** What a platform client calls with: its timeout and, in tests and the benchmark, a fake server's fetch and a clock. */
export interface HttpClientSettings {
  timeoutMs: number;
  fetch?: FetchLike;
  now?: () => Date;
}

/** The options of one call with a client's settings and the caller's abort signal. */
export function callOptions(settings: HttpClientSettings, signal?: AbortSignal): HttpCallOptions {
  return {
    timeoutMs: settings.timeoutMs,
    ...(signal ? { signal } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.now ? { now: settings.now } : {}),
  };
}

/** POSTs JSON and returns the parsed body of a 2xx answer; any failure is thrown as a PlatformSendError. */
export function postJson(url: string, body: unknown, options: HttpCallOptions): Promise<HttpResult> {
  return requestJson('POST', url, body, options);
}

/** GETs JSON (token endpoints, directory reads) with the same error mapping as postJson. */
export function getJson(url: string, options: HttpCallOptions): Promise<HttpResult> {
  return requestJson('GET', url, undefined, options);
}

/** One JSON call: PUT/PATCH/DELETE too (DingTalk card updates use PUT). */
export async function requestJson(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  options: HttpCallOptions,
): Promise<HttpResult> {
  const doFetch: FetchLike = options.fetch ?? (fetch as unknown as FetchLike);
  const signal = options.signal
    ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
    : AbortSignal.timeout(options.timeoutMs);
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await doFetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...options.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
      throw new PlatformSendError('timeout', `no answer from ${hostOf(url)} within ${options.timeoutMs} ms`);
    }
    // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ECONNRESET, …) in cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new PlatformSendError('network', `cannot reach ${hostOf(url)}: ${reason}`);
  }
  const status = response.status;
  if (options.passthroughStatuses?.includes(status)) {
    let parsedError: unknown = text;
    try {
      parsedError = text === '' ? undefined : JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status, body: parsedError, headers: response.headers };
  }
  const now = (options.now ?? (() => new Date()))();
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  if (status === 429)
    throw new PlatformSendError(
      'rate_limited',
      `rate limited by ${hostOf(url)}`,
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );
  if (status >= 500)
    throw new PlatformSendError(
      'server_error',
      `${hostOf(url)} answered ${status}`,
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );
  if (status === 401 || status === 403)
    throw new PlatformSendError('unauthorized', `${hostOf(url)} refused the credentials (${status})`);
  if (status === 408) throw new PlatformSendError('timeout', `${hostOf(url)} answered 408`);
  if (status === 404 || status === 410)
    throw new PlatformSendError('invalid_recipient', `${hostOf(url)} answered ${status}`);
  if (status < 200 || status >= 300) throw new PlatformSendError('bad_request', `${hostOf(url)} answered ${status}`);
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Some platforms answer an HTML page when they ban an IP (DingTalk); treat it as a server problem.
      throw new PlatformSendError('server_error', `${hostOf(url)} answered non-JSON`);
    }
  }
  return { status, body: parsed, headers: response.headers };
}

/** The host of `url` for error messages (never the path or query, where WeCom puts secrets and tokens). */
export function hostOf(url: string, fallback = 'an invalid URL'): string {
  try {
    return new URL(url).host;
  } catch {
    return fallback;
  }
}
