// Links a platform's users to employees on first sight (DingTalk, WeCom): by external id (the platform's user id is
// the HR id in most setups), else by what the user's profile says (e-mail, an employee number). A user no rule links
// is not looked up again for an hour, so a busy stranger does not cost an API call per message.
import type { ActionEvent, CommandEvent } from '../../src/core/events.js';
import type { InteractionResult } from '../../src/core/inbound-port.js';
import type { AppReader } from './installed-app.js';
import type { PlatformPorts } from './runtime.js';

/** What a user's profile offers for linking (absent fields are not tried). */
export interface ProfileLink {
  email?: string | undefined;
  externalId?: string | undefined;
}

const MISS_TTL_MS = 60 * 60_000;

export class IdentityLinker<App extends { tenantId: string }> {
  /** `tenant|user` ⇒ until when an unlinked user is not looked up again. */
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly apps: AppReader<App>,
    private readonly ports: PlatformPorts,
    /** The user's profile (an API call); a failure is logged and counts as no profile. */
    private readonly profileOf: (app: App, userId: string) => Promise<ProfileLink | undefined>,
    /** Senders that are no one (WeCom's 'sys'): never linked. */
    private readonly nobody: (userId: string) => boolean = () => false,
  ) {}

  /** A command or click: its sender linked first, then handed to the dispatcher (once per delivery key). */
  async dispatch(
    app: App,
    userId: string,
    event: CommandEvent | ActionEvent,
    deliveryKey: string,
  ): Promise<InteractionResult> {
    await this.link(app, [userId]);
    const { platform } = this.apps;
    return this.ports.sink.interact({ tenantId: app.tenantId, platform, platformUserId: userId, event, deliveryKey });
  }

  async link(app: App, userIds: readonly string[]): Promise<void> {
    const { sink } = this.ports;
    const unique = [...new Set(userIds)].filter((id) => !this.nobody(id));
    if (!unique.length) return;
    const known = await sink.knownUsers(app.tenantId, this.apps.platform, unique);
    for (const id of unique) {
      if (known.has(id)) continue;
      const missKey = `${app.tenantId}|${id}`;
      if ((this.misses.get(missKey) ?? 0) > this.ports.now().getTime()) continue;
      const base = { tenantId: app.tenantId, platform: this.apps.platform, platformUserId: id };
      let linked = await sink.linkIdentity({ ...base, externalId: id });
      if (!linked) {
        const profile = await this.profileOf(app, id).catch((error: unknown) => {
          this.ports.logger.warn({ err: error, tenantId: app.tenantId }, `${this.apps.label} user lookup failed`);
          return undefined;
        });
        if (profile?.email || profile?.externalId) {
          linked = await sink.linkIdentity({
            ...base,
            ...(profile.email ? { email: profile.email } : {}),
            ...(profile.externalId ? { externalId: profile.externalId } : {}),
          });
        }
      }
      if (!linked) this.misses.set(missKey, this.ports.now().getTime() + MISS_TTL_MS);
    }
  }
}
