// Sends rendered payloads as the tenant's robot, 1:1 to a staff id (new API, token header):
// - a card ⇒ POST /v1.0/im/v1.0/robot/interactiveCards/send (template "StandardCard"), cardBizId = hash of the
//   idempotency key, so the resend after a crash names the same card instance (the doc calls cardBizId the card's
//   idempotency id); its buttons are signed with the installation's key first. If DingTalk refuses the card itself
//   (bad request, missing card permission) the markdown rendering goes out instead: the message arrives, without
//   buttons;
// - markdown / ActionCard ⇒ POST /v1.0/robot/oToMessages/batchSend (no de-duplication: at-least-once).
// A staff id DingTalk reports as invalid ⇒ invalid_recipient; one it reports as flow-controlled ⇒ rate_limited.
import { createHash } from 'node:crypto';
import type { InstallationLookup } from '../../src/core/inbound-port.js';
import { PlatformSendError, type PlatformClient } from '../../src/core/platform.js';
import { requireApp } from '../shared/installed-app.js';
import { buttonKey, dingTalkApps, type DingTalkApp } from './app.js';
import type { DingTalkApi } from './api.js';
import { signButtonToken, BUTTON_TOKEN_PREFIX } from './buttons.js';
import type { DingTalkPayload, StandardCard } from './render.js';

/** Per-user flow control: DingTalk does not say for how long; a minute keeps the outbox from hammering. */
const FLOW_CONTROL_WAIT_MS = 60_000;

export function cardBizIdOf(app: { clientId: string }, idempotencyKey: string): string {
  return createHash('sha256').update(`${app.clientId}\n${idempotencyKey}`, 'utf8').digest('hex').slice(0, 40);
}

/** The card with every request button's token signed for this app. */
export function signCard(card: StandardCard, key: Buffer): StandardCard {
  return {
    ...card,
    contents: card.contents.map((c) =>
      c.type === 'action'
        ? {
            ...c,
            actions: c.actions.map((a) =>
              a.actionType === 'request' && a.id.startsWith(BUTTON_TOKEN_PREFIX)
                ? { ...a, id: signButtonToken(a.id, key) }
                : a,
            ),
          }
        : c,
    ),
  };
}

export class DingTalkClient implements PlatformClient<DingTalkPayload> {
  constructor(
    private readonly api: DingTalkApi,
    private readonly installations: InstallationLookup,
  ) {}

  /** The outbox's send: 1:1 to the recipient's staff id, as the tenant's robot. */
  readonly send: PlatformClient<DingTalkPayload>['send'] = async (to, payload, idempotencyKey, context = {}) => {
    const app = await requireApp(this.installations, dingTalkApps, context.tenantId);
    return this.sendTo(app, to.userId ?? to.conversationId, payload, idempotencyKey, context.signal);
  };

  async sendTo(
    app: DingTalkApp,
    staffId: string,
    payload: DingTalkPayload,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<{ platformMessageId: string }> {
    const options = signal ? { signal } : {};
    if (payload.kind === 'card') {
      const cardBizId = cardBizIdOf(app, idempotencyKey);
      try {
        const body = await this.api.call(
          app,
          'POST',
          '/v1.0/im/v1.0/robot/interactiveCards/send',
          {
            cardTemplateId: 'StandardCard',
            cardBizId,
            robotCode: app.robotCode,
            cardData: JSON.stringify(signCard(payload.card, buttonKey(app))),
            singleChatReceiver: JSON.stringify({ userId: staffId }),
            ...(app.cardCallbackRouteKey ? { callbackRouteKey: app.cardCallbackRouteKey } : {}),
            pullStrategy: false,
          },
          options,
        );
        const key = (body as { processQueryKey?: unknown } | undefined)?.processQueryKey;
        return { platformMessageId: typeof key === 'string' && key ? key : `card:${cardBizId}` };
      } catch (error) {
        if (!refusesTheCard(error)) throw error;
        return this.batchSend(app, staffId, 'sampleMarkdown', payload.markdown, options);
      }
    }
    if (payload.kind === 'actionCard') {
      return this.batchSend(app, staffId, 'sampleActionCard', payload.actionCard, options);
    }
    return this.batchSend(app, staffId, 'sampleMarkdown', payload.markdown, options);
  }

  private async batchSend(
    app: DingTalkApp,
    staffId: string,
    msgKey: string,
    msgParam: object,
    options: { signal?: AbortSignal },
  ): Promise<{ platformMessageId: string }> {
    const body = (await this.api.call(
      app,
      'POST',
      '/v1.0/robot/oToMessages/batchSend',
      { robotCode: app.robotCode, userIds: [staffId], msgKey, msgParam: JSON.stringify(msgParam) },
      options,
    )) as { processQueryKey?: unknown; invalidStaffIdList?: unknown; flowControlledStaffIdList?: unknown } | undefined;
    if (Array.isArray(body?.invalidStaffIdList) && body.invalidStaffIdList.includes(staffId)) {
      throw new PlatformSendError('invalid_recipient', 'DingTalk does not know this staff id (invalidStaffIdList)');
    }
    if (Array.isArray(body?.flowControlledStaffIdList) && body.flowControlledStaffIdList.includes(staffId)) {
      throw new PlatformSendError('rate_limited', 'DingTalk flow-controls messages to this person', {
        retryAfterMs: FLOW_CONTROL_WAIT_MS,
      });
    }
    const key = body?.processQueryKey;
    if (typeof key !== 'string' || key === '') {
      throw new PlatformSendError('server_error', 'DingTalk answered batchSend without a processQueryKey');
    }
    return { platformMessageId: key };
  }
}

/** DingTalk refused the card as such (not the recipient, the token or the moment): markdown still gets through. */
function refusesTheCard(error: unknown): boolean {
  return (
    error instanceof PlatformSendError &&
    (error.code === 'bad_request' || (error.code === 'unauthorized' && /permission/i.test(error.message)))
  );
}
