// Sends rendered payloads as the tenant's self-built app with message/send (document/path/90236), 1:1 to a member's
// userid (`touser`; sendToMany batches up to 1,000 userids per call):
// - a template card carries task_id = hash(agent id, idempotency key): WeCom refuses a task_id it has seen (42014),
//   so a resend after a crash is recognised and counted as sent instead of showing twice. If WeCom refuses the card
//   itself (bad request — e.g. an app without a callback URL may not send interactive cards) the markdown twin goes
//   out instead: the message arrives, without buttons;
// - markdown ⇒ msgtype markdown (at-least-once: message/send has no idempotency key).
// A userid WeCom lists in invaliduser/unlicenseduser ⇒ invalid_recipient; every errcode is coded in api.ts.
import { createHash } from 'node:crypto';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import { PLATFORM_RATE_LIMITS, PlatformSendError, type PlatformClient } from '../../src/core/platform.js';
import type { SendLedger, SendLedgerRule } from '../../src/core/send-ledger.js';
import { WeComApiError, type WeComApi } from './api.js';
import { requireApp } from '../shared/installed-app.js';
import { messaging, weComApps, type WeComApp } from './app.js';
import type { TemplateCard, WeComPayload } from './render.js';

/** touser: at most 1,000 userids per message/send. */
export const MAX_TOUSER = 1000;
const TASK_ID_EXISTS = 42014;

/** task_id: unique per app, ≤128 bytes of [0-9A-Za-z_-@]. */
export function taskIdOf(app: { agentId: number }, idempotencyKey: string): string {
  return `tp_${createHash('sha256').update(`${app.agentId}\n${idempotencyKey}`, 'utf8').digest('hex').slice(0, 40)}`;
}

export interface SendResult {
  platformMessageId: string;
  /** Userids WeCom reported as invalid or unlicensed (lower-cased by WeCom). */
  invalid: string[];
}

const split = (value: unknown): string[] =>
  typeof value === 'string' && value !== '' ? value.split('|').filter((v) => v !== '') : [];

/** WeCom's per-member limits (30/min, 1,000/h; kept at 28 and 950), counted across replicas by the send ledger. */
const MEMBER_RULES: readonly SendLedgerRule[] = PLATFORM_RATE_LIMITS.wecom
  .filter((rule) => rule.scope === 'recipient')
  .map(({ limit, windowMs }) => ({ limit, windowMs }));

export interface WeComClientOptions {
  now?: () => Date;
  /** Per-member send counts shared by every replica; absent ⇒ only the outbox's in-process limiter counts. */
  ledger?: SendLedger;
}

export class WeComClient implements PlatformClient<WeComPayload> {
  constructor(
    readonly api: WeComApi,
    private readonly installations: InstallationLookup,
    private readonly options: WeComClientOptions = {},
  ) {}

  /** The outbox's send: 1:1 to the member's userid, as the tenant's app, within the member's limits. */
  readonly send: PlatformClient<WeComPayload>['send'] = async (to, payload, idempotencyKey, context = {}) => {
    const app = await requireApp(this.installations, weComApps, context.tenantId);
    const userId = to.userId ?? to.conversationId;
    if (context.tenantId) await this.takeMemberSlot(context.tenantId, userId);
    const result = await this.sendToMany(app, [userId], payload, idempotencyKey, context.signal);
    if (result.invalid.includes(userId.toLowerCase()))
      throw new PlatformSendError('invalid_recipient', 'WeCom reports this userid as invalid or unlicensed');
    return { platformMessageId: result.platformMessageId };
  };

  /**
   * WeCom drops messages above a member's limits without an error, so the limits must hold across replicas: the
   * shared ledger records this send, or says when the member's next slot opens (the outbox retries then).
   */
  private async takeMemberSlot(tenantId: string, userId: string): Promise<void> {
    if (!this.options.ledger) return;
    const now = (this.options.now ?? (() => new Date()))();
    const answer = await this.options.ledger.tryRecord(
      { tenantId, platform: 'wecom', recipient: userId },
      now,
      MEMBER_RULES,
    );
    if (!answer.ok)
      throw new PlatformSendError('rate_limited', "the member's WeCom message limit is reached (all replicas)", {
        retryAfterMs: Math.max(1, answer.retryAt.getTime() - now.getTime()),
      });
  }

  /** One payload to many members, in batches of ≤1,000 userids (each batch its own task_id). */
  async sendToMany(
    app: WeComApp,
    userIds: readonly string[],
    payload: WeComPayload,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const unique = [...new Set(userIds)];
    if (!unique.length) throw new PlatformSendError('invalid_recipient', 'no recipient');
    const ids: string[] = [];
    const invalid: string[] = [];
    for (let i = 0; i < unique.length; i += MAX_TOUSER) {
      const batch = unique.slice(i, i + MAX_TOUSER);
      const key = i === 0 ? idempotencyKey : `${idempotencyKey}#${i / MAX_TOUSER}`;
      const result = await this.sendBatch({ app, userIds: batch, payload, idempotencyKey: key, signal });
      ids.push(result.platformMessageId);
      invalid.push(...result.invalid);
    }
    return { platformMessageId: ids.join(','), invalid };
  }

  /** One message/send call: at most MAX_TOUSER userids, one task_id. */
  private async sendBatch(batch: {
    app: WeComApp;
    userIds: readonly string[];
    payload: WeComPayload;
    idempotencyKey: string;
    signal: AbortSignal | undefined;
  }): Promise<SendResult> {
    const { app, userIds, payload, idempotencyKey, signal } = batch;
    const base = { touser: userIds.join('|'), agentid: app.agentId };
    if (payload.kind === 'template_card') {
      const taskId = taskIdOf(app, idempotencyKey);
      const card: TemplateCard & { task_id: string } = { ...payload.card, task_id: taskId };
      try {
        return await this.post(app, { ...base, msgtype: 'template_card', template_card: card }, signal);
      } catch (error) {
        // The card went out before (a resend after a crash between send and mark): not a second message.
        if (error instanceof WeComApiError && error.errcode === TASK_ID_EXISTS)
          return { platformMessageId: `task:${taskId}`, invalid: [] };
        if (!(error instanceof PlatformSendError) || error.code !== 'bad_request') throw error;
      }
    }
    return this.post(app, { ...base, msgtype: 'markdown', markdown: { content: payload.fallback.markdown } }, signal);
  }

  private async post(app: WeComApp, body: object, signal?: AbortSignal): Promise<SendResult> {
    const answer = await this.api.call(messaging(app), 'POST', 'message/send', body, signal ? { signal } : {});
    const msgid = typeof answer.msgid === 'string' && answer.msgid !== '' ? answer.msgid : undefined;
    const invalid = [...split(answer.invaliduser), ...split(answer.unlicenseduser)].map((u) => u.toLowerCase());
    return { platformMessageId: msgid ?? `wecom:${Date.now().toString(36)}`, invalid };
  }

  /**
   * Replaces the clicked button's label for the member who clicked (update_template_card with the click's
   * ResponseCode: single use, valid 72 h).
   */
  async updateButton(app: WeComApp, userId: string, responseCode: string, replaceName: string): Promise<void> {
    await this.api.call(messaging(app), 'POST', 'message/update_template_card', {
      userids: [userId],
      agentid: app.agentId,
      response_code: responseCode,
      button: { replace_name: replaceName },
    });
  }
}
