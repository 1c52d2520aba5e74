// What happens with a verified inbound payload, the same for both transports (HTTP callbacks and the Stream
// gateway): robot messages are commands only (never message-activity signals: the robot sees 1:1 chats and
// @-mentions, not group chat, so activity rules must see "no data", not a drop); card clicks are actions; events
// become departures, leave records and address-book re-syncs. Platform users are linked to employees on first
// sight (staff id = HR id, else the profile's e-mail or job number).
import { createHash } from 'node:crypto';
import type { SignalEvent } from '../../src/core/events.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { postJson } from '../shared/http.js';
import { IdentityLinker } from '../shared/identity-linker.js';
import type { PlatformPorts } from '../shared/runtime.js';
import { legacyApiError, type DingTalkApi } from './api.js';
import { buttonKey, dingTalkApps, sameCorp, type DingTalkApp } from './app.js';
import { verifyButtonToken } from './buttons.js';
import type { DingTalkClient } from './client.js';
import {
  actionEvent,
  commandEvent,
  eventOutcome,
  leaveEvent,
  parseCardCallback,
  parseRobotMessage,
  type DingTalkEvent,
  type RobotMessage,
} from './parse.js';
import { fetchLeaveStatus, fetchUserProfile } from './reads.js';
import { renderDingTalk } from './render.js';

export interface DingTalkInboundDeps {
  ports: PlatformPorts;
  api: DingTalkApi;
  client: DingTalkClient;
  /** Session webhooks are used only on this host (the legacy API host): a payload cannot make us post elsewhere. */
  oapiUrl: string;
  /** Called when the address book changed (debounced re-sync). */
  onDirectoryChanged?: (tenantId: string) => void;
}

export type EventResult = 'ok' | 'check' | 'retry';

export class DingTalkInbound {
  private readonly identities: IdentityLinker<DingTalkApp>;

  constructor(private readonly deps: DingTalkInboundDeps) {
    this.identities = new IdentityLinker(dingTalkApps, deps.ports, async (app, staffId) => {
      const profile = await fetchUserProfile(deps.api, app, staffId);
      return profile && { email: profile.email, externalId: profile.jobNumber };
    });
  }

  private get log() {
    return this.deps.ports.logger;
  }

  private now(): Date {
    return this.deps.ports.now();
  }

  /** Links unknown staff ids: by external id (= staff id), else the profile's e-mail or job number. */
  async ensureIdentities(app: DingTalkApp, staffIds: readonly string[]): Promise<void> {
    await this.identities.link(app, staffIds);
  }

  /** A robot message: a command for the shared command layer, answered privately. Never an activity signal. */
  async robotMessage(app: DingTalkApp, payload: unknown): Promise<void> {
    const message = parseRobotMessage(payload);
    if (!message) return;
    const command = commandEvent(message, this.now());
    if (!command || !message.staffId) return;
    const result = await this.identities.dispatch(app, message.staffId, command, command.id);
    if (result.duplicate || !result.reply) return;
    await this.reply(app, message, result.reply, command.id);
  }

  /**
   * Answers in the 1:1 chat through its session webhook (no token, no API quota); a question asked in a group is
   * answered privately (a reply may name people), and so is anything the session webhook cannot carry (cards).
   */
  private async reply(app: DingTalkApp, message: RobotMessage, reply: OutboundMessage, key: string): Promise<void> {
    const payload = renderDingTalk(reply);
    const webhook = message.sessionWebhook;
    const fresh = (message.sessionWebhookExpiresAt ?? 0) > this.now().getTime() + 5_000;
    if (message.conversation === 'dm' && payload.kind === 'markdown' && webhook && fresh && this.trusted(webhook)) {
      const answer = await postJson(
        webhook,
        { msgtype: 'markdown', markdown: payload.markdown },
        { timeoutMs: 10_000 },
      );
      // An expired or refused session answers 200 with an errcode: then the robot sends it instead.
      if (!legacyApiError(answer.body, 'session webhook')) return;
    }
    await this.deps.client.sendTo(app, message.staffId!, payload, `reply:${key}`);
  }

  private trusted(url: string): boolean {
    try {
      return new URL(url).origin === new URL(this.deps.oapiUrl).origin;
    } catch {
      return false;
    }
  }

  /** The app whose button key verifies one of the click's tokens, with the click; undefined ⇒ not ours/forged. */
  verifyClick(apps: readonly DingTalkApp[], payload: unknown) {
    const callback = parseCardCallback(payload);
    if (!callback?.userId) return undefined;
    for (const app of apps) {
      if (!sameCorp(app, callback.corpId)) continue;
      const key = buttonKey(app);
      for (const candidate of callback.candidates) {
        const click = verifyButtonToken(candidate, key);
        if (click) return { app, click, callback: { ...callback, userId: callback.userId } };
      }
    }
    return undefined;
  }

  /** A verified card click ⇒ an action through the dispatcher (once per delivery key); the answer goes 1:1. */
  async cardClick(
    verified: NonNullable<ReturnType<DingTalkInbound['verifyClick']>>,
    deliveryKey: string | undefined,
  ): Promise<void> {
    const { app, click, callback } = verified;
    const key =
      deliveryKey ??
      `card:${createHash('sha256')
        .update([callback.outTrackId, callback.userId, click.actionId, click.value].join('\n'))
        .digest('hex')
        .slice(0, 32)}`;
    const action = actionEvent(click, callback.userId, key, callback.outTrackId, this.now());
    const result = await this.identities.dispatch(app, callback.userId, action, key);
    if (result.duplicate || !result.reply) return;
    await this.deps.client.sendTo(app, callback.userId, renderDingTalk(result.reply), `reply:${key}`);
  }

  /** An event: stored in the inbox (once per event id) before DingTalk is answered; 'retry' ⇒ ask for a re-push. */
  async event(app: DingTalkApp, event: DingTalkEvent): Promise<EventResult> {
    const outcome = eventOutcome(event, { leaveProcessCodes: app.leaveProcessCodes, now: this.now() });
    if (outcome.check) return 'check';
    const signals: SignalEvent[] = [...outcome.signals];
    try {
      if (outcome.leaveLookup) {
        const { staffId, from, to } = outcome.leaveLookup;
        const statuses = await fetchLeaveStatus(this.deps.api, app, [staffId], from, to);
        for (const status of statuses) {
          const leave = leaveEvent(status);
          if (leave && status.userid === staffId) signals.push(leave);
        }
      }
      await this.ensureIdentities(
        app,
        signals.map((s) => s.actor.id),
      );
      const deliveryKey = `event:${
        event.eventId ??
        createHash('sha256')
          .update(`${event.type}\n${JSON.stringify(event.data)}`)
          .digest('hex')
          .slice(0, 32)
      }`;
      await this.deps.ports.sink.accept({ tenantId: app.tenantId, platform: 'dingtalk', deliveryKey, events: signals });
    } catch (error) {
      this.log.warn({ err: error, tenantId: app.tenantId, eventType: event.type }, 'DingTalk event not stored yet');
      return 'retry';
    }
    if (outcome.directoryChanged) this.deps.onDirectoryChanged?.(app.tenantId);
    return 'ok';
  }
}
