// Slack Web API failures → coded PlatformSendErrors, so the outbox alone decides what to retry. The WebClient
// runs with its own retries off and rejectRateLimitedCalls on: a 429 surfaces at once as WebAPIRateLimitedError
// (retryAfter in seconds); everything else Slack answers as HTTP 200 with ok:false and an error code.
import { ErrorCode } from '@slack/web-api';
import { PlatformSendError, type PlatformErrorCode } from '../../src/core/platform.js';

/** Slack `error` codes by what the outbox should do with them (anything unlisted is a bad request). */
const SLACK_ERROR_CODES: Record<string, PlatformErrorCode> = {
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  internal_error: 'server_error',
  fatal_error: 'server_error',
  service_unavailable: 'server_error',
  request_timeout: 'timeout',
  invalid_auth: 'unauthorized',
  not_authed: 'unauthorized',
  account_inactive: 'unauthorized',
  token_revoked: 'unauthorized',
  token_expired: 'unauthorized',
  no_permission: 'unauthorized',
  missing_scope: 'unauthorized',
  not_allowed_token_type: 'unauthorized',
  team_access_not_granted: 'unauthorized',
  org_login_required: 'unauthorized',
  ekm_access_denied: 'unauthorized',
  access_denied: 'unauthorized',
  channel_not_found: 'invalid_recipient',
  user_not_found: 'invalid_recipient',
  users_not_found: 'invalid_recipient',
  user_disabled: 'invalid_recipient',
  user_not_visible: 'invalid_recipient',
  cannot_dm_bot: 'invalid_recipient',
  is_archived: 'invalid_recipient',
  not_in_channel: 'invalid_recipient',
  messages_tab_disabled: 'invalid_recipient',
  restricted_action: 'invalid_recipient',
};

export function slackErrorCode(error: string): PlatformErrorCode {
  return SLACK_ERROR_CODES[error] ?? 'bad_request';
}

interface SlackSdkError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
  headers?: Record<string, string>;
  original?: Error;
}

/** Maps anything a WebClient call throws; `aborted` ⇒ the caller gave up (the outbox's deadline). */
export function toPlatformSendError(error: unknown, method: string, aborted = false): PlatformSendError {
  if (error instanceof PlatformSendError) return error;
  const e = (error ?? {}) as SlackSdkError;
  if (aborted) return new PlatformSendError('timeout', `${method}: abandoned (send deadline passed)`);
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new PlatformSendError('rate_limited', `${method}: rate limited by Slack`, {
        retryAfterMs: Math.max(0, Math.round((e.retryAfter ?? 0) * 1000)),
      });
    case ErrorCode.PlatformError: {
      const slackError = e.data?.error ?? 'unknown_error';
      const code = slackErrorCode(slackError);
      return new PlatformSendError(code, `${method}: ${slackError}`);
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      const code: PlatformErrorCode =
        status >= 500
          ? 'server_error'
          : status === 401 || status === 403
            ? 'unauthorized'
            : status === 408
              ? 'timeout'
              : 'bad_request';
      return new PlatformSendError(code, `${method}: Slack answered HTTP ${status}`);
    }
    case ErrorCode.RequestError: {
      const original = e.original as (Error & { cause?: { code?: string } }) | undefined;
      if (original?.name === 'TimeoutError' || original?.name === 'AbortError')
        return new PlatformSendError('timeout', `${method}: no answer from Slack in time`);
      const reason = original?.cause?.code ?? original?.message ?? 'request failed';
      return new PlatformSendError('network', `${method}: cannot reach Slack: ${reason}`);
    }
    default:
      return new PlatformSendError('network', `${method}: ${(error as Error)?.message ?? String(error)}`);
  }
}
