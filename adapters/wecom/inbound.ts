// What happens with a verified, decrypted WeCom callback. WeCom waits 5 s for an answer and then retries (3 tries in
// all), so only the durable part runs before the answer — the inbox row (or the interaction's delivery row) that
// de-duplicates retries — and everything that calls WeCom back (the command's answer, the button update, the
// approval lookup) runs after it, in the background:
//   text to the app ⇒ a command for the shared command layer (never a message-activity signal: the app sees only
//     what members send to it, not group chat), answered with a message from the app; the text is then dropped;
//   template_card_event ⇒ an action (alert feedback, survey answers); the clicked button is then relabelled;
//   change_contact ⇒ departures / manager changes stored, and a debounced re-sync of the address book;
//   sys_approval_change (approved) ⇒ the approval's detail is read and an approved leave request becomes a leave
//     signal (the scheduled pull in oa-pull.ts catches whatever this misses).
// Senders are linked to employees on first sight (userid = HR id, else the profile's e-mail).
import type { SignalEvent } from '../../src/core/events.js';
import { IdentityLinker } from '../shared/identity-linker.js';
import type { PlatformPorts } from '../shared/runtime.js';
import type { WeComApi } from './api.js';
import { weComApps, type WeComApp } from './app.js';
import type { WeComClient } from './client.js';
import { fetchApprovalDetail, leaveFromApproval } from './oa.js';
import { actionEvent, commandEvent, contactOutcome, deliveryKeyOf, type WeComCallback } from './parse.js';
import { fetchUserProfile } from './reads.js';
import { decodeButtonKey, decodeVoteAnswer, renderWeCom } from './render.js';

export interface WeComInboundDeps {
  ports: PlatformPorts;
  api: WeComApi;
  client: WeComClient;
  /** Called when the address book changed (debounced re-sync). */
  onDirectoryChanged?: (tenantId: string) => void;
}

export type CallbackResult = 'ok' | 'retry';

/** update_template_card's replace_name: a short label (the docs suggest ≤10 characters for button text). */
const REPLACE_NAME_CHARS = 16;

export class WeComInbound {
  private readonly pending = new Set<Promise<void>>();
  private readonly identities: IdentityLinker<WeComApp>;

  constructor(private readonly deps: WeComInboundDeps) {
    // 'sys' sends WeCom's system events: no one to link.
    const nobody = (userId: string) => userId === '' || userId === 'sys';
    this.identities = new IdentityLinker(
      weComApps,
      deps.ports,
      (app, userId) => fetchUserProfile(deps.api, app, userId),
      nobody,
    );
  }

  private get log() {
    return this.deps.ports.logger;
  }

  /** Resolves when the background work started so far has finished (tests; graceful shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private later(app: WeComApp, what: string, work: () => Promise<void>): void {
    const run = work()
      .catch((error: unknown) => this.log.warn({ err: error, tenantId: app.tenantId }, `WeCom ${what} failed`))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Links unknown userids: by external id (= userid), else the profile's e-mail. */
  async ensureIdentities(app: WeComApp, userIds: readonly string[]): Promise<void> {
    await this.identities.link(app, userIds);
  }

  async handle(app: WeComApp, callback: WeComCallback): Promise<CallbackResult> {
    try {
      switch (callback.kind) {
        case 'text':
          await this.command(app, callback);
          return 'ok';
        case 'card_click':
          await this.click(app, callback);
          return 'ok';
        case 'contact':
          return await this.contact(app, callback);
        case 'approval':
          return await this.approval(app, callback);
        default:
          // Other messages (images, voice …) and events (enter_agent, subscribe …): nothing to act on or store.
          return 'ok';
      }
    } catch (error) {
      this.log.warn({ err: error, tenantId: app.tenantId, kind: callback.kind }, 'WeCom callback not stored yet');
      return 'retry';
    }
  }

  private async command(app: WeComApp, message: Extract<WeComCallback, { kind: 'text' }>): Promise<void> {
    const command = commandEvent(message);
    if (!command) return;
    const result = await this.identities.dispatch(app, message.from, command, deliveryKeyOf(message));
    const reply = result.reply;
    if (result.duplicate || !reply) return;
    this.later(app, 'command reply', async () => {
      await this.deps.client.sendToMany(app, [message.from], renderWeCom(reply), `reply:${command.id}`);
    });
  }

  private async click(app: WeComApp, click: Extract<WeComCallback, { kind: 'card_click' }>): Promise<void> {
    // A button's key carries its action; a vote card's submission carries the chosen option in SelectedItems.
    const chosen = click.selected[0];
    const decoded =
      decodeButtonKey(click.eventKey) ??
      (chosen?.optionIds.length === 1 ? decodeVoteAnswer(chosen.questionKey, chosen.optionIds[0]!) : undefined);
    if (!decoded) return;
    const key = deliveryKeyOf(click);
    const result = await this.identities.dispatch(app, click.from, actionEvent(decoded, click, key), key);
    const responseCode = click.responseCode;
    if (result.duplicate || !responseCode) return;
    // The answer replaces the clicked button's label (only for the person who clicked): short, first line.
    const label = (result.reply?.fallbackText ?? '').split('\n')[0]!.trim();
    const chars = [...(label || '✓')];
    const replaceName =
      chars.length > REPLACE_NAME_CHARS ? `${chars.slice(0, REPLACE_NAME_CHARS - 1).join('')}…` : chars.join('');
    this.later(app, 'button update', () => this.deps.client.updateButton(app, click.from, responseCode, replaceName));
  }

  private async contact(app: WeComApp, change: Extract<WeComCallback, { kind: 'contact' }>): Promise<CallbackResult> {
    const outcome = contactOutcome(change);
    const signals: SignalEvent[] = outcome.signals;
    if (signals.length)
      await this.ensureIdentities(
        app,
        signals.map((s) => s.actor.id),
      );
    await this.deps.ports.sink.accept({
      tenantId: app.tenantId,
      platform: 'wecom',
      deliveryKey: deliveryKeyOf(change),
      events: signals,
    });
    if (outcome.directoryChanged) this.deps.onDirectoryChanged?.(app.tenantId);
    return 'ok';
  }

  private async approval(app: WeComApp, change: Extract<WeComCallback, { kind: 'approval' }>): Promise<CallbackResult> {
    const { duplicate } = await this.deps.ports.sink.accept({
      tenantId: app.tenantId,
      platform: 'wecom',
      deliveryKey: deliveryKeyOf(change),
      events: [],
    });
    if (duplicate || change.spStatus !== 2) return 'ok';
    this.later(app, 'approval lookup', async () => {
      const leave = leaveFromApproval(await fetchApprovalDetail(this.deps.api, app, change.spNo));
      if (!leave) return;
      await this.ensureIdentities(app, [leave.actor.id]);
      await this.deps.ports.sink.accept({
        tenantId: app.tenantId,
        platform: 'wecom',
        deliveryKey: `approval:${change.spNo}`,
        events: [leave],
      });
    });
    return 'ok';
  }
}
