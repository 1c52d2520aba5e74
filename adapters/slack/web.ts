// The one way this adapter builds Slack SDK clients: @slack/web-api's WebClient (the client Bolt itself uses) with
// its own retries off and rate-limited calls rejected, so the outbox stays the only thing that retries; the base
// URL from SLACK_API_URL; an optional AbortSignal threaded into fetch (the SDK has no per-call signal); and a
// logger that never passes on the SDK's debug lines (they echo request and event bodies).
import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { AdapterLogger } from '../shared/runtime.js';

export interface SlackWebOptions {
  /** Web API base URL, e.g. https://slack.com/api/ (a trailing slash is added when missing). */
  apiUrl: string;
  /** Per-request timeout of the SDK's fetch. */
  timeoutMs?: number;
  logger?: AdapterLogger;
}

export const normaliseApiUrl = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** A @slack/logger Logger that forwards info/warn/error to ours and drops debug (bodies live there). */
export function sdkLogger(logger: AdapterLogger | undefined, name: string): SlackLogger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => logger?.debug({ sdk: name }, text(parts)),
    warn: (...parts: unknown[]) => logger?.warn({ sdk: name }, text(parts)),
    error: (...parts: unknown[]) => logger?.error({ sdk: name }, text(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** WebClient options shared by every client this adapter builds. */
export function webClientOptions(options: SlackWebOptions, signal?: AbortSignal) {
  return {
    slackApiUrl: normaliseApiUrl(options.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logger: sdkLogger(options.logger, 'web-api'),
    ...(signal
      ? {
          fetch: ((url: string | URL, init?: RequestInit) =>
            fetch(url, {
              ...init,
              signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
            })) as typeof fetch,
        }
      : {}),
  };
}

export function slackWebClient(token: string | undefined, options: SlackWebOptions, signal?: AbortSignal): WebClient {
  return new WebClient(token, webClientOptions(options, signal));
}

/**
 * WebClients for calls without a caller's signal (identity lookups, App Home), one per token: a WebClient keeps a
 * request queue, so reusing it keeps its concurrency limit meaningful.
 */
export class WebClientPool {
  private readonly clients = new Map<string, WebClient>();

  constructor(private readonly options: SlackWebOptions) {}

  get(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= 1000) this.clients.clear();
      client = slackWebClient(token, this.options);
      this.clients.set(token, client);
    }
    return client;
  }
}
