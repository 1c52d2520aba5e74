// The platform seam: what every chat adapter (console now; Slack, DingTalk, WeCom later) offers the rest of
// the service. Domain code builds a neutral OutboundMessage; an adapter renders it to its wire format with a
// pure render() and sends it with its PlatformClient, whose failures are always coded PlatformSendErrors so the
// outbox can decide between retry and dead-letter without knowing any platform.
import type { OutboundMessage } from './messages/types.js';

export type PlatformName = 'console' | 'slack' | 'dingtalk' | 'wecom';

/** What the platform lets a bot see and do (drives which signals and features a tenant gets). */
export interface PlatformCapabilities {
  /**
   * Message metadata the bot receives: 'all' = every message in channels it is in (Slack),
   * 'mentions_and_dms' = only @mentions and 1:1 messages (DingTalk robot), 'none' (WeCom self-built app, console).
   */
  messageVisibility: 'all' | 'mentions_and_dms' | 'none';
  /** Buttons on a message call back into the service (needed for feedback and surveys). */
  interactiveButtons: boolean;
  /** Replies can go into a thread under a message. */
  threads: boolean;
  /**
   * The platform de-duplicates sends carrying the idempotency key, so a crash between send and mark cannot
   * produce a visible duplicate. false ⇒ at-least-once: a rare duplicate after a crash is possible.
   */
  idempotentSend: boolean;
}

/** One rate-limit rule: at most `limit` sends in any window of `windowMs`, counted per scope. */
export interface RateLimitRule {
  /** 'app' = all sends of this platform (per process); 'conversation' = per channel/DM; 'recipient' = per person. */
  scope: 'app' | 'conversation' | 'recipient';
  limit: number;
  windowMs: number;
}

/**
 * Each platform's documented send limits (summarised in docs/platform-adapters.md, "Rate limits"). Adapters use these; the outbox worker
 * keeps one limiter per platform. Limits are per process: with several replicas, platform 429s (which carry
 * Retry-After) absorb the overshoot.
 */
export const PLATFORM_RATE_LIMITS: Record<PlatformName, readonly RateLimitRule[]> = {
  console: [],
  // chat.postMessage: about 1 message per second per channel.
  slack: [{ scope: 'conversation', limit: 1, windowMs: 1_000 }],
  // 20 QPS per app per API.
  dingtalk: [{ scope: 'app', limit: 20, windowMs: 1_000 }],
  // App messages: WeCom allows at most 30/min and 1,000/h to one member and drops the excess SILENTLY (no error to
  // retry on), so the outbox stays below with a margin for clock skew: 28/min and 950/h per member. The WeCom client
  // also counts these across replicas in the shared send ledger (src/core/send-ledger.ts).
  wecom: [
    { scope: 'recipient', limit: 28, windowMs: 60_000 },
    { scope: 'recipient', limit: 950, windowMs: 3_600_000 },
  ],
};

/** Where a message goes on its platform (a DM channel id, a user id, or for the console the employee's external id). */
export interface ConversationRef {
  platform: PlatformName;
  /** Conversation / channel / DM id (Slack 'D…', DingTalk openConversationId or userId, WeCom userid, console external id). */
  conversationId: string;
  /** The recipient on the platform, when it differs from the conversation (per-recipient limits use it). */
  userId?: string;
}

export type PlatformErrorCode =
  'rate_limited' | 'server_error' | 'timeout' | 'network' | 'invalid_recipient' | 'unauthorized' | 'bad_request';

/** Which codes are worth retrying when the adapter does not say otherwise. */
export const RETRYABLE_BY_DEFAULT: Record<PlatformErrorCode, boolean> = {
  rate_limited: true,
  server_error: true,
  timeout: true,
  network: true,
  invalid_recipient: false,
  unauthorized: false,
  bad_request: false,
};

/** A failed send, coded. Every PlatformClient throws only these. */
export class PlatformSendError extends Error {
  readonly code: PlatformErrorCode;
  /** The platform asked us to wait at least this long (Retry-After, DingTalk "sleep 1 s", …). */
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(code: PlatformErrorCode, message: string, options: { retryAfterMs?: number; retryable?: boolean } = {}) {
    super(message);
    this.name = 'PlatformSendError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
  }
}

export function isPlatformSendError(error: unknown): error is PlatformSendError {
  return error instanceof PlatformSendError;
}

/** What a send knows beyond the message: whose credentials to use, and when to give up. */
export interface SendContext {
  /** The tenant the message belongs to: multi-tenant adapters pick that tenant's installation (token, agent…). */
  tenantId?: string;
  /**
   * Aborted when the outbox gives up on the send (its timeout): the client must abandon the request (pass the
   * signal to fetch) and reject with a PlatformSendError('timeout'), so a timed-out send is really abandoned.
   */
  signal?: AbortSignal;
}

/** Sends one rendered payload; resolves to the platform's message id. */
export interface PlatformClient<Payload = unknown> {
  send(
    to: ConversationRef,
    payload: Payload,
    idempotencyKey: string,
    context?: SendContext,
  ): Promise<{ platformMessageId: string }>;
}

/** One chat platform: capabilities, limits, a pure renderer and a client. */
export interface PlatformAdapter<Payload = unknown> {
  readonly name: PlatformName;
  readonly capabilities: PlatformCapabilities;
  readonly rateLimits: readonly RateLimitRule[];
  /** Pure and deterministic: same message ⇒ same payload; no I/O, no clock. */
  render(message: OutboundMessage): Payload;
  readonly client: PlatformClient<Payload>;
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
